namespace NtpRules.Language.Explanations;

/// <summary>
/// A threshold read while evaluating a condition: the parameter, the key values used to look it up, and where the value
/// comes from; <see cref="DefaultRow"/> says when a table's default row gave it ("Default row used for p: no row for k v"),
/// <see cref="Row"/> which row it is ("ntm-commune/income_min/28", null when no row is in force for the keys).
/// </summary>
public sealed record ThresholdUse(
    string Parameter,
    object? Value,
    IReadOnlyDictionary<string, string> Keys,
    string? Unit,
    string? Citation,
    string Confidence,
    string? Derivation = null,
    string? DefaultRow = null,
    string? Row = null);

/// <summary>
/// Why one indicator got its verdict: the expression as written, the values read, the thresholds in force,
/// the gap to the threshold, a sentence a reviewer can read, and the legal citation.
/// </summary>
public sealed record IndicatorExplanation(
    string Id,
    string Name,
    Verdict Verdict,
    string Expression,
    IReadOnlyDictionary<string, object?> Values,
    IReadOnlyList<ThresholdUse> Thresholds,
    double? Gap,
    string Reason,
    string Citation,
    IReadOnlyList<string> Missing)
{
    /// <summary>
    /// The law exempts the subject (its <c>applies_if</c> is false, e.g. no craft village for 13.4): shown as "not
    /// applicable", distinct from unknown, and counted as met (<see cref="Verdict"/> is met).
    /// </summary>
    public bool NotApplicable { get; init; }

    /// <summary>
    /// Given to every subject whose indicator read the same values (so the same object, never changed): a writer may
    /// keep what it makes of it by reference. Not part of what the explanation says.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Shared { get; init; }
}
