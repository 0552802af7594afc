using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Syntax;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Scopes;

/// <summary>The scopes of one rule set (or of the catalogue alone, for derived indicators), one per subject kind, built once.</summary>
internal sealed class ScopeSet
{
    private readonly IndicatorCatalogue _catalogue;
    private readonly IReadOnlyDictionary<string, SubjectLayout> _layouts;
    private readonly Dictionary<string, RuleScope> _scopes = new();

    public ScopeSet(IndicatorCatalogue catalogue, IReadOnlyDictionary<string, SubjectLayout> layouts, IReadOnlySet<string> standards,
        RuleSet? set)
    {
        _catalogue = catalogue;
        _layouts = layouts;
        Standards = standards;
        var names = new Dictionary<string, ExpressionSymbol>();
        if (set is not null)
        {
            for (var i = 0; i < set.Parameters.Count; i++)
            {
                var p = set.Parameters[i];
                var values = p.Type == Documents.DataType.Enum ? p.Values.Select(v => v.Value.ToString()!).ToArray() : [];
                names[p.Id] = new ParameterSymbol(p.Id, SubjectLayout.TypeOf(p.Type, values), p.Unit, p.Keys, i);
            }
            // A definition that does not parse is reported where it is checked on its own (RuleSetChecker).
            foreach (var d in set.Definitions)
                if (ExpressionParser.Parse(d.Expr.Text, d.Expr.Location, new DiagnosticBag()) is { } body)
                    names[d.Id] = new DefinitionSymbol(d.Id, body);
        }
        Names = names;
    }

    public IReadOnlyDictionary<string, ExpressionSymbol> Names { get; }
    public IReadOnlySet<string> Standards { get; }
    public IEnumerable<string> AllKinds => _catalogue.Subjects.Select(s => s.Kind);
    public IEnumerable<string> ChildKinds(string kind) => _catalogue.ChildKinds(kind);

    public RuleScope For(string kind)
    {
        if (!_scopes.TryGetValue(kind, out var scope))
            _scopes[kind] = scope = new RuleScope(this, kind, _layouts.GetValueOrDefault(kind));
        return scope;
    }
}
