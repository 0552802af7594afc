using System.Globalization;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.RuleSets;
using EvalParameterValue = NtpRules.Language.Expressions.Evaluation.ParameterValue;
using RowValue = NtpRules.Language.RuleSets.ParameterValue;

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

    public EvalParameterValue Parameter(ParameterSymbol parameter, ParameterKeys keys)
    {
        var p = Set?.FindParameter(parameter.Name);
        if (p is null || keys.AnyMissing) return EvalParameterValue.None;
        var wanted = Enumerable.Range(0, keys.Count).Select(i => KeyText(keys[i])).ToArray();
        var best = p.Values.Where(v => v.InForceOn(AsOf))
            .Select(v => (Row: v, Score: Score(p, v, wanted)))
            .Where(x => x.Score >= 0)
            .OrderByDescending(x => x.Score)
            .FirstOrDefault();
        if (best.Row is null) return EvalParameterValue.None;
        return new EvalParameterValue(Value.FromObject(best.Row.Value), new ParameterSource(best.Row.KeyValues, best.Row.Citation, best.Row.Confidence.ToString()));
    }

    private static int Score(Parameter p, RowValue row, string?[] wanted)
    {
        var score = 0;
        for (var i = 0; i < p.Keys.Count; i++)
        {
            var v = row.KeyValues.GetValueOrDefault(p.Keys[i]);
            if (v == wanted[i]) score++;
            else if (v != RowValue.Wildcard) return -1;
        }
        return score;
    }

    private static string? KeyText(Value v) => v.Kind switch
    {
        ValueKind.Number => v.AsNumber.ToString("0.####", CultureInfo.InvariantCulture),
        ValueKind.Boolean => v.AsTruth == Truth.True ? "true" : "false",
        _ => v.AsText,
    };

    public IReadOnlyList<IEvaluationContext> Children(string kind) => ChildrenByKind.TryGetValue(kind, out var l) ? l : [];

    public Truth Met(string standard) => Standards.TryGetValue(standard, out var t) ? t : Truth.Unknown;

    public IEvaluationContext? Baseline => null;
}
