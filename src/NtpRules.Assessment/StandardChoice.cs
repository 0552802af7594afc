using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Library;

namespace NtpRules.Assessment;

/// <summary>
/// Checks the standard ids a run is asked to report (<c>--standard</c>): an id no rule set defines is an error with
/// the closest id; an id defined only by versions not in force on the as-of date is an error naming their ranges.
/// </summary>
public static class StandardChoice
{
    public const string UnknownStandard = "NTP5102";
    public const string StandardNotInForce = "NTP5103";

    public static void Check(RuleLibrary library, DateOnly asOf, IReadOnlyList<string> standards, DiagnosticBag diagnostics)
    {
        if (standards.Count == 0) return;
        var inForce = library.AllInForce(asOf).SelectMany(s => s.Standards).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in standards.Distinct(StringComparer.Ordinal).Where(id => !inForce.Contains(id)))
        {
            var defining = library.RuleSets.Where(s => s.Standards.Any(x => x.Id == id)).ToArray();
            if (defining.Length == 0)
            {
                var all = library.RuleSets.SelectMany(s => s.Standards).Select(s => s.Id).Distinct().Order(StringComparer.Ordinal).ToArray();
                diagnostics.Error(UnknownStandard, $"no rule set defines the standard '{id}'", SourceLocation.None("--standard"),
                    EditDistance.Hint(id, all) ?? $"the standards are {string.Join(", ", all)}");
            }
            else
                diagnostics.Error(StandardNotInForce,
                    $"the standard '{id}' is not in force on {asOf:yyyy-MM-dd} ({string.Join("; ", defining.Select(s => $"{s.Id}@{s.Version}: {s.Effective}"))})",
                    SourceLocation.None("--standard"));
        }
    }
}
