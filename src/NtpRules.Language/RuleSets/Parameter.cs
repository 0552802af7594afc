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
    IReadOnlyList<ParameterRow> Values,
    SourceLocation Location)
{
    public bool IsTable => Keys.Count > 0;
}
