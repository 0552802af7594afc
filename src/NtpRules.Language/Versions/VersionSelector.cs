using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Versions;

/// <summary>Which version of a rule set is in force on a day, and the consistency of a rule set's versions.</summary>
public static class VersionSelector
{
    /// <summary>
    /// The version whose effective range contains <paramref name="asOf"/>, among active and retired versions
    /// (draft versions are never chosen); null when none is in force.
    /// </summary>
    public static RuleSet? InForce(IEnumerable<RuleSet> versions, DateOnly asOf) =>
        versions.Where(v => v.Status != RuleSetStatus.Draft && v.Effective.Contains(asOf))
            .OrderByDescending(v => v.Effective.From)
            .FirstOrDefault();

    /// <summary>
    /// Checks the versions of one rule set id: the same version twice or overlapping effective ranges among
    /// non-draft versions are errors; a gap between consecutive versions is a warning.
    /// </summary>
    public static void Check(IReadOnlyList<RuleSet> versions, DiagnosticBag diagnostics)
    {
        foreach (var dup in versions.GroupBy(v => v.Version).Where(g => g.Count() > 1))
            foreach (var v in dup.Skip(1))
                diagnostics.Error(DiagnosticCodes.DuplicateVersion,
                    $"rule set '{v.Id}' version '{v.Version}' is defined twice (also in {dup.First().File.Path})", IdLocation(v));

        var chosen = versions.Where(v => v.Status != RuleSetStatus.Draft).OrderBy(v => v.Effective.From).ToList();
        for (var i = 1; i < chosen.Count; i++)
        {
            var prev = chosen[i - 1];
            var cur = chosen[i];
            var overlapping = chosen.Take(i).Where(p => p.Effective.Overlaps(cur.Effective)).ToList();
            foreach (var p in overlapping)
                diagnostics.Error(DiagnosticCodes.OverlappingVersions,
                    $"rule set '{cur.Id}' version '{cur.Version}' ({cur.Effective}) overlaps version '{p.Version}' ({p.Effective}, {p.File.Path})",
                    EffectiveLocation(cur));
            if (overlapping.Count == 0 && prev.Effective.To is { } end && end.AddDays(1) < cur.Effective.From)
                diagnostics.Warning(DiagnosticCodes.VersionGap,
                    $"rule set '{cur.Id}' has no version in force from {end.AddDays(1):yyyy-MM-dd} to {cur.Effective.From.AddDays(-1):yyyy-MM-dd} " +
                    $"(between '{prev.Version}' and '{cur.Version}')", EffectiveLocation(cur));
        }
    }

    private static SourceLocation IdLocation(RuleSet v) => v.VersionLocation;
    private static SourceLocation EffectiveLocation(RuleSet v) => v.EffectiveLocation;
}
