using System.Globalization;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.RuleSets;
using NtpRules.Language.Versions;

namespace NtpRules.RuleSets.Tests;

/// <summary>
/// One subject of a test case as the expression evaluator sees it: its values by slot, its children, the standards
/// it has been found to meet (and how many of their criteria), and the parameters of <see cref="Set"/> (the rule set
/// whose expression is evaluated).
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
    public Dictionary<string, int> StandardCriteriaMet { get; } = new(StringComparer.Ordinal);
    public SubjectContext? BaselineContext { get; set; }

    public Value Indicator(int slot) => Values[slot];

    public ParameterLookup Parameter(ParameterSymbol parameter, ParameterKeys keys)
    {
        var p = Set?.FindParameter(parameter.Name);
        if (p is null || keys.AnyMissing) return ParameterLookup.None;
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++) wanted[p.Keys[i]] = KeyText(keys[i]) ?? "";
        return ParameterSelector.Lookup(p, wanted, AsOf) is { } row
            ? new ParameterLookup(Value.FromObject(row.Value), new ParameterSource(row.KeyValues, row.Citation, row.Confidence.ToString()))
            : ParameterLookup.None;
    }

    private static string? KeyText(Value v) => v.Kind switch
    {
        ValueKind.Number => v.AsNumber.ToString("0.####", CultureInfo.InvariantCulture),
        ValueKind.Boolean => v.AsTruth == Truth.True ? "true" : "false",
        _ => v.AsText,
    };

    public IReadOnlyList<IEvaluationContext> Children(string kind) => ChildrenByKind.TryGetValue(kind, out var l) ? l : [];

    public Truth Met(string standard) => Standards.TryGetValue(standard, out var t) ? t : Truth.Unknown;

    public int CriteriaMet(string standard) => StandardCriteriaMet.GetValueOrDefault(standard);

    public IEvaluationContext? Baseline => BaselineContext;
}
