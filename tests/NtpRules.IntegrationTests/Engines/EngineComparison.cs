using System.Globalization;
using System.Text.Json;
using NtpRules.Language.Compilation;

namespace NtpRules.IntegrationTests.Engines;

/// <summary>
/// Everything a fired session holds, keyed by subject and rule, so that two sessions (one per engine) can be compared
/// outcome by outcome: verdicts, values, reasons and full indicator explanations.
/// </summary>
internal static class EngineComparison
{
    public static SortedDictionary<string, string> Snapshot(RuleSession session)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, string value)
        {
            // Two outcomes under one key would be a stale outcome kept beside its replacement.
            if (!all.TryAdd(key, value)) all[key] += " | DUPLICATE " + value;
        }
        foreach (var o in session.Outcomes<IndicatorOutcome>())
            Add($"{o.Subject}, indicator {o.RuleSetId}/{o.CriterionId}/{o.IndicatorId}",
                $"{o.Verdict}; {(o.Explanation is { } e ? JsonSerializer.Serialize(e) : "no explanation")}");
        foreach (var o in session.Outcomes<CriterionOutcome>()) Add($"{o.Subject}, criterion {o.RuleSetId}/{o.CriterionId}", o.Verdict.ToString());
        foreach (var o in session.Outcomes<StandardOutcome>())
            Add($"{o.Subject}, standard {o.StandardId}", $"{o.Verdict} {o.CriteriaMet}/{o.CriteriaTotal} [{string.Join(",", o.UnmetRequirements)}] {o.Reason}");
        foreach (var o in session.Outcomes<ClassificationOutcome>())
            Add($"{o.Subject}, classification {o.RuleSetId}/{o.ClassificationId}", $"{o.Label ?? "unknown"} {o.Reason} ({o.Citation})");
        foreach (var o in session.Outcomes<DerivedValue>()) Add($"{o.Subject}, derived {o.Key}", o.Value.ToString() ?? "");
        foreach (var o in session.Outcomes<TargetOutcome>())
            Add($"{o.Subject?.ToString() ?? "all"}, target {o.RuleSetId}/{o.TargetId}",
                string.Create(CultureInfo.InvariantCulture, $"{o.Verdict} actual={o.Actual} target={o.Target} gap={o.Gap} {o.Reason}"));
        return all;
    }

    /// <summary>Each disagreement as "subject, rule: nrules … / ntp …", at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<string> Differences(RuleSession nrules, RuleSession ntp, int max = 20)
    {
        var (a, b) = (Snapshot(nrules), Snapshot(ntp));
        var differences = new List<string>();
        foreach (var key in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            var (x, y) = (a.GetValueOrDefault(key), b.GetValueOrDefault(key));
            if (x == y) continue;
            differences.Add($"{key}:\n    nrules: {x ?? "(none)"}\n    ntp:    {y ?? "(none)"}");
            if (differences.Count == max) break;
        }
        return differences;
    }

    public static void AssertAgree(RuleSession nrules, RuleSession ntp, string what)
    {
        Assert.NotEmpty(Snapshot(nrules));
        var differences = Differences(nrules, ntp);
        Assert.True(differences.Count == 0, $"the engines disagree on {what}:\n" + string.Join("\n", differences));
    }
}
