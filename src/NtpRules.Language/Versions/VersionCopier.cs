using System.Globalization;
using System.Text.RegularExpressions;

namespace NtpRules.Language.Versions;

/// <summary>
/// Starts a new version of a rule set from an old one, as text so comments and layout survive: the copy gets the new
/// <c>version:</c> and <c>effective: { from: … }</c>; the old file's <c>to:</c> is shortened to the day before, when it
/// would overlap.
/// </summary>
public static partial class VersionCopier
{
    public sealed record Copy(string OldText, string NewText, DateOnly? OldTo, int DatedRows);

    /// <summary>The two texts, or null with the problem (the old file's version or effective range cannot be found, or the dates do not follow).</summary>
    public static Copy? Make(string oldText, string newVersion, DateOnly from, DateOnly? to, out string? problem)
    {
        problem = null;
        var version = VersionLine().Match(oldText);
        var effective = EffectiveLine().Match(oldText);
        if (!version.Success || !effective.Success)
        {
            problem = "the file has no top-level 'version:' line and 'effective: { from: …, to: … }' line to copy";
            return null;
        }
        if (!DateOnly.TryParseExact(effective.Groups["from"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var oldFrom))
        {
            problem = $"the old version's 'from' ('{effective.Groups["from"].Value}') is not a date";
            return null;
        }
        if (from <= oldFrom)
        {
            problem = $"the new version must start after the old one ({oldFrom:yyyy-MM-dd})";
            return null;
        }
        if (to is { } t && t < from)
        {
            problem = $"'to' ({t:yyyy-MM-dd}) is before 'from' ({from:yyyy-MM-dd})";
            return null;
        }
        DateOnly? oldTo = DateOnly.TryParseExact(effective.Groups["to"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var ot) ? ot : null;
        var shortened = oldTo is null || oldTo >= from ? from.AddDays(-1) : oldTo.Value;

        string Effective(DateOnly f, DateOnly? e) => e is { } x ? $"effective: {{ from: {f:yyyy-MM-dd}, to: {x:yyyy-MM-dd} }}" : $"effective: {{ from: {f:yyyy-MM-dd} }}";
        var newText = EffectiveLine().Replace(VersionLine().Replace(oldText, $"version: {newVersion}", 1), Effective(from, to), 1);
        var oldResult = EffectiveLine().Replace(oldText, Effective(oldFrom, shortened), 1);
        return new Copy(oldResult, newText, shortened, DatedRow().Count(oldText));
    }

    [GeneratedRegex(@"^version:[^\r\n]*", RegexOptions.Multiline)]
    private static partial Regex VersionLine();

    [GeneratedRegex(@"^effective:\s*\{\s*from:\s*(?<from>[^,}\s]+)\s*(?:,\s*to:\s*(?<to>[^,}\s]+)\s*)?\}", RegexOptions.Multiline)]
    private static partial Regex EffectiveLine();

    [GeneratedRegex(@"^\s+.*\beffective:\s*\{", RegexOptions.Multiline)]
    private static partial Regex DatedRow();
}
