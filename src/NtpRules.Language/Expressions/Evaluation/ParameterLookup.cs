namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>
/// Where a parameter value in force came from: the row's keys, its citation and confidence (as reports give it:
/// <see cref="RuleSets.ParameterRow.ReportedConfidence"/>), how an inferred value
/// was computed, whether the law publishes a number at all (a row in force with none makes the lookup unknown), and
/// which row it is (<see cref="RuleSets.ParameterRow.Reference"/>).
/// </summary>
public sealed record ParameterSource(IReadOnlyDictionary<string, string> RowKeys, string? Citation, string Confidence,
    string? Derivation = null, bool Published = true, string? Row = null);

/// <summary>A parameter value looked up for an as-of date and key values, with its source; or no value (missing).</summary>
public readonly record struct ParameterLookup(Value Value, ParameterSource? Source)
{
    public static ParameterLookup None => default;
    public bool HasValue => !Value.IsMissing;
}
