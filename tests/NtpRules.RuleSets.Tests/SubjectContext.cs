using System.Globalization;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.RuleSets;
using NtpRules.Language.Versions;

namespace NtpRules.RuleSets.Tests;

/// <summary>
/// One subject of a test case as the expression evaluator sees it: its values by slot, its children, the standards
/// it has been found to meet, and the parameters of <see cref="Set"/> (the rule set whose expression is evaluated).
/// </summary>
internal sealed class SubjectContext(string kind, string id, DateOnly asOf, Value[] values) : IEvaluationContext
{
    public string Kind { get; } = kind;
    public string Id { get; } = id;
    public DateOnly AsOf { get; } = asOf;
    public Value[] Values { get; } = values;
    public RuleSet? Set { get; set; }
    public Dictionary<string, List<IEvaluationContext>> ChildrenByKind { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Truth> Standards { get; } = new(StringComparer.Ordinal);

    public Value Indicator(int slot) => Values[slot];

    public ParameterLookup Parameter(ParameterSymbol parameter, ParameterKeys keys)
    {
        var p = Set?.FindParameter(parameter.Name);
        if (p is null || keys.AnyMissing) return ParameterLookup.None;
        var wanted = Enumerable.Range(0, keys.Count).ToDictionary(i => p.Keys[i], i => KeyText(keys[i]) ?? "");
        var row = ParameterSelector.Lookup(p, wanted, AsOf);
        if (row is null) return ParameterLookup.None;
        return new ParameterLookup(Value.FromObject(row.Value), new ParameterSource(row.KeyValues, row.Citation, row.Confidence.ToString()));
    }

    private static string? KeyText(Value v) => v.Kind switch
    {
        ValueKind.Number => v.AsNumber.ToString("0.####", CultureInfo.InvariantCulture),
        ValueKind.Boolean => v.AsTruth == Truth.True ? "true" : "false",
        _ => v.AsText,
    };

    public IReadOnlyList<IEvaluationContext> Children(string kind) => ChildrenByKind.TryGetValue(kind, out var l) ? l : [];

    public Truth Met(string standard) => Standards.TryGetValue(standard, out var t) ? t : Truth.Unknown;

    public Dictionary<string, int> CriteriaMetByStandard { get; } = new(StringComparer.Ordinal);

    public int CriteriaMet(string standard) => CriteriaMetByStandard.GetValueOrDefault(standard);

    public IEvaluationContext? Baseline => null;
}
