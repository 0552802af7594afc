using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Expressions;
using NtpRules.Language.Scopes;

namespace NtpRules.Language.RuleSets;

/// <summary>
/// Type-checks every expression of the catalogue's derived indicators and of the loaded rule sets through the
/// expression checker, in the scope of the subject each is about. A definition with an error is reported once,
/// however many expressions use it.
/// </summary>
internal sealed class RuleSetChecker
{
    private readonly DiagnosticBag _diagnostics;
    private readonly HashSet<Diagnostic> _reported = new();
    private readonly Dictionary<ExpressionText, CheckedExpression> _checked = new(ReferenceEqualityComparer.Instance);

    private RuleSetChecker(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    public sealed record Result(
        IReadOnlyDictionary<string, SubjectLayout> Layouts,
        IReadOnlyDictionary<RuleSet, ScopeSet> Scopes,
        IReadOnlyDictionary<ExpressionText, CheckedExpression> Checked);

    public static Result Check(IndicatorCatalogue catalogue, IReadOnlyList<RuleSet> sets, DiagnosticBag diagnostics)
    {
        var checker = new RuleSetChecker(diagnostics);
        var layouts = catalogue.Subjects.ToDictionary(s => s.Kind, s => SubjectLayout.Build(s.Kind, catalogue, sets));
        var standards = sets.SelectMany(s => s.Standards.Select(x => x.Id)).ToHashSet();

        var catalogueScopes = new ScopeSet(catalogue, layouts, standards, null);
        foreach (var d in catalogue.Derived)
            checker.Typed(d.Expr, catalogueScopes.For(d.Subject), d.Type, $"derived indicator '{d.Key}'");

        var scopes = new Dictionary<RuleSet, ScopeSet>(ReferenceEqualityComparer.Instance);
        foreach (var set in sets)
        {
            var s = scopes[set] = new ScopeSet(catalogue, layouts, standards, set);
            foreach (var d in set.Definitions) checker.Run(d.Expr, s.For(set.Subject), condition: false);
            TableKeyChecker.Check(set, s.For(set.Subject), catalogue, checker._checked, diagnostics);
            foreach (var (_, i) in set.AllIndicators)
            {
                checker.Run(i.Condition, s.For(i.Subject), condition: true);
                if (i.AppliesIf is { } a) checker.Run(a, s.For(i.Subject), condition: true);
            }
            foreach (var c in set.Standards.SelectMany(x => x.Conditions)) checker.Run(c.Expr, s.For(set.Subject), condition: true);
            foreach (var c in set.Classifications)
                foreach (var k in c.Cases) checker.Run(k.When, s.For(c.Subject), condition: true);
            foreach (var t in set.Targets)
                checker.Typed(t.Actual, s.For(t.Scope), DataType.Number, $"the actual value of target '{t.Id}'");
        }
        return new Result(layouts, scopes, checker._checked);
    }

    private CheckedExpression? Run(ExpressionText text, IExpressionScope scope, bool condition)
    {
        var bag = new DiagnosticBag();
        var result = ExpressionChecker.Check(text.Text, text.Location, scope, bag, condition);
        foreach (var d in bag)
            if (_reported.Add(d)) _diagnostics.Add(d);
        if (result is not null) _checked[text] = result;
        return result;
    }

    private void Typed(ExpressionText text, IExpressionScope scope, DataType declared, string what)
    {
        var result = Run(text, scope, condition: false);
        if (result is null || result.Type.IsError) return;
        var fits = declared switch
        {
            DataType.Number or DataType.Integer => result.Type.IsNumeric,
            DataType.Boolean => result.Type.Kind == TypeKind.Boolean,
            DataType.Date => result.Type.Kind == TypeKind.Date,
            _ => result.Type.IsTextual,
        };
        if (!fits)
            _diagnostics.Error(ExpressionCodes.TypeMismatch, $"{what} is declared {declared.ToText()} but its expression is {result.Type}", text.Location);
    }
}
