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
    SourceLocation Location,
    string? Derivation = null)
{
    public const string Wildcard = "*";

    /// <summary>The value of a row marked <c>published: false</c>: the law gives no number, so a lookup is unknown.</summary>
    public const string NotPublished = "no threshold published";

    public bool Published => !ReferenceEquals(Value, NotPublished);

    /// <summary>The confidence as reports give it: "confirmed", "provisional", "inferred", or "unpublished" for a row with no number.</summary>
    public string ReportedConfidence => Published ? Confidence.ToString().ToLowerInvariant() : "unpublished";

    /// <summary>
    /// Where each key value is written: the row's own <c>key: value</c>, or the column heading of a decision table.
    /// Key values outside their domain are reported there.
    /// </summary>
    public IReadOnlyDictionary<string, SourceLocation> KeyLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>"region=TDMNPB, year=2022" — or "" for a scalar.</summary>
    public string KeyText(IReadOnlyList<string> keys) => string.Join(", ", keys.Select(k => $"{k}={KeyValues.GetValueOrDefault(k)}"));

    public bool InForceOn(DateOnly day) => Effective is not { } e || e.Contains(day);

    /// <summary>
    /// How reports name the row <paramref name="index"/> (0 the first, as written) of a rule set's parameter:
    /// "ntm-commune/income_min/28" (a parameter id, a name in expressions, holds no '/').
    /// </summary>
    public static string Reference(string ruleSet, string parameter, int index) =>
        $"{ruleSet}/{parameter}/{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
