using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.RuleSets;

/// <summary>
/// One row of a parameter. <see cref="KeyValues"/> maps each table key to the value it matches (<c>*</c> matches any
/// other value); <see cref="Value"/> is a double, bool, string or DateOnly by the parameter's type.
/// </summary>
public sealed record ParameterRow(
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
