using NtpRules.Language.Documents;
using NtpRules.Language.Expressions;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;

namespace NtpRules.RuleSets.Tests;

/// <summary>
/// Expression scopes for the test runner: a subject kind's catalogue indicators, derived indicators and
/// classification outputs (in that order, so every scope of a kind has the same slots), plus a rule set's
/// definitions and parameters, with child kinds as child scopes.
/// </summary>
internal sealed class ScopeBuilder(RuleLibrary library)
{
    private readonly Dictionary<(string Kind, string? Set, string? Version), InMemoryScope> _cache = new();

    /// <summary>The indicator names of a kind in slot order.</summary>
    public IReadOnlyList<string> Slots(string kind) =>
        library.Catalogue.IndicatorsOf(kind).Select(i => i.Key)
            .Concat(library.Catalogue.DerivedOf(kind).Select(d => d.Key))
            .Concat(Classifications(kind).Select(c => c.Id))
            .Distinct().ToArray();

    public IEnumerable<Classification> Classifications(string kind) =>
        library.RuleSets.SelectMany(s => s.Classifications).Where(c => c.Subject == kind).DistinctBy(c => c.Id);

    public InMemoryScope For(string kind, RuleSet? set)
    {
        if (_cache.TryGetValue((kind, set?.Id, set?.Version), out var cached)) return cached;
        var scope = new InMemoryScope(kind);
        foreach (var i in library.Catalogue.IndicatorsOf(kind)) scope.Indicator(i.Key, TypeOf(i.Type, i.Values), i.Unit);
        foreach (var d in library.Catalogue.DerivedOf(kind)) scope.Indicator(d.Key, TypeOf(d.Type, []), d.Unit);
        foreach (var c in Classifications(kind)) scope.Indicator(c.Id, ExprType.Text);
        if (set is not null)
        {
            foreach (var d in set.Definitions) scope.Definition(d.Id, d.Expr.Text);
            foreach (var p in set.Parameters) scope.Parameter(p.Id, TypeOf(p.Type, []), p.Unit, [.. p.Keys]);
        }
        foreach (var child in library.Catalogue.ChildKinds(kind)) scope.ChildScope(For(child, null));
        foreach (var s in library.RuleSets.SelectMany(r => r.Standards).Select(s => s.Id).Distinct()) scope.Standard(s);
        _cache[(kind, set?.Id, set?.Version)] = scope;
        return scope;
    }

    private static ExprType TypeOf(DataType type, IReadOnlyList<string> values) => type switch
    {
        DataType.Number => ExprType.Number,
        DataType.Integer => ExprType.Integer,
        DataType.Boolean => ExprType.Boolean,
        DataType.Date => ExprType.Date,
        DataType.Enum => ExprType.Enum(values),
        _ => ExprType.Text,
    };
}
