using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.RuleSets;

/// <summary>
/// A threshold or other constant. A scalar has one row with no keys; a table has <see cref="Keys"/> (indicator or
/// definition names, or <c>year</c>) and one row per key combination and period.
/// </summary>
public sealed record Parameter(
    string Id,
    LocalizedText Title,
    DataType Type,
    string? Unit,
    IReadOnlyList<string> Keys,
    IReadOnlyList<ParameterValue> Values,
    SourceLocation Location)
{
    public bool IsTable => Keys.Count > 0;
}

/// <summary>
/// One row of a parameter. <see cref="KeyValues"/> maps each table key to the value it matches (<c>*</c> matches any
/// other value); <see cref="Value"/> is a double, bool, string or DateOnly by the parameter's type.
/// </summary>
public sealed record ParameterValue(
    IReadOnlyDictionary<string, string> KeyValues,
    object Value,
    DateRange? Effective,
    string Citation,
    Confidence Confidence,
    SourceLocation Location)
{
    public const string Wildcard = "*";

    /// <summary>"region=TDMNPB, year=2022" — or "" for a scalar.</summary>
    public string KeyText(IReadOnlyList<string> keys) => string.Join(", ", keys.Select(k => $"{k}={KeyValues.GetValueOrDefault(k)}"));

    public bool InForceOn(DateOnly day) => Effective is not { } e || e.Contains(day);
}
