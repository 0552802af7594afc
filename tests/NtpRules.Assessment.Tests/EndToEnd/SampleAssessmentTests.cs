using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Assessment.Tests.EndToEnd;

/// <summary>The whole pipeline (read, compile, fire, report) on the committed samples, against the published figures.</summary>
public sealed class SampleAssessmentTests
{
    private static readonly Lazy<AssessmentResult> LaoCai2024 = new(() =>
        RepositoryPaths.Assessor.Assess([RepositoryPaths.Sample("lao-cai-2024")], new AssessmentOptions { AsOf = new DateOnly(2024, 12, 31) }));

    private static AssessmentReport Report(Lazy<AssessmentResult> result)
    {
        Assert.True(result.Value.Succeeded, string.Join("\n", result.Value.Diagnostics));
        return result.Value.Report!;
    }

    [Fact]
    public void Lao_Cai_2024_gives_62_of_126_communes_NTM_4_advanced_and_12_63_criteria_on_average()
    {
        var report = Report(LaoCai2024);
        var communes = report.Subjects.Where(s => s.Kind == "commune").ToArray();
        Assert.Equal(126, communes.Length);
        Assert.Equal(62, communes.Count(c => Verdict(c, "ntm-commune") == Language.Explanations.Verdict.Met));
        Assert.Equal(4, communes.Count(c => Verdict(c, "ntm-advanced-commune") == Language.Explanations.Verdict.Met));

        var province = report.Rollups.Single(r => r.Scope == "province" && r.Id == "LC");
        var ntm = province.Standards.Single(s => s.StandardId == "ntm-commune");
        Assert.Equal((62, 64, 0), (ntm.Met, ntm.NotMet, ntm.Unknown));
        Assert.Equal(12.63, ntm.AverageCriteriaMet, 2);
        Assert.Equal(4, province.Standards.Single(s => s.StandardId == "ntm-advanced-commune").Met);
    }

    [Fact]
    public void Lao_Cai_2024_rolls_up_per_district_too()
    {
        var report = Report(LaoCai2024);
        var districts = report.Rollups.Where(r => r.Scope == "district").ToArray();
        Assert.Equal(9, districts.Length);
        // The district rollups partition the province's communes.
        Assert.Equal(126, districts.Sum(d => d.Standards.Single(s => s.StandardId == "ntm-commune") is var s ? s.Met + s.NotMet + s.Unknown : 0));
        Assert.Contains(districts, d => d.Standards.Single(s => s.StandardId == "ntm-commune").NotMet == 0);
    }

    [Fact]
    public void Every_commune_verdict_is_explained_rule_by_rule()
    {
        var report = Report(LaoCai2024);
        var commune = report.Subjects.First(s => s.Kind == "commune" && Verdict(s, "ntm-commune") == Language.Explanations.Verdict.NotMet);
        var ntm = commune.Standards.Single(s => s.Id == "ntm-commune");
        Assert.Equal(19, ntm.CriteriaTotal);
        Assert.Equal(ntm.CriteriaMet, ntm.Criteria.Count(c => c.Verdict == Language.Explanations.Verdict.Met));
        var failing = ntm.Criteria.First(c => c.Verdict == Language.Explanations.Verdict.NotMet).Indicators.First(i => i.Verdict == Language.Explanations.Verdict.NotMet);
        Assert.StartsWith("Not met", failing.Reason);
        Assert.NotEmpty(failing.Values);
        Assert.NotEmpty(failing.Citation);
        Assert.All(ntm.Criteria.SelectMany(c => c.Indicators), i => Assert.False(string.IsNullOrEmpty(i.Expression)));
    }

    [Fact]
    public void Run_info_names_the_rule_versions_and_hashes_the_inputs()
    {
        var report = Report(LaoCai2024);
        Assert.Equal(new DateOnly(2024, 12, 31), report.Run.AsOf);
        Assert.Contains(report.Run.RuleSets, r => r.Id == "ntm-commune" && r.Version == "2021-2025" && r.Sha256.Length == 64);
        Assert.DoesNotContain(report.Run.RuleSets, r => r.Id == "ntm-commune" && r.Version == "2026-2030");
        Assert.Equal(4, report.Run.Inputs.Count);
        Assert.All(report.Run.Inputs, i => Assert.Matches("^[0-9a-f]{64}$", i.Sha256));
    }

    [Fact]
    public void Households_are_classified_and_their_communes_poverty_rate_derived()
    {
        var report = Report(LaoCai2024);
        var households = report.Subjects.Where(s => s.Kind == "household").ToArray();
        Assert.Equal(240, households.Length);
        Assert.All(households, h => Assert.Contains(h.Classifications, c => c.Id == "poverty_status" && c.Label != "unknown"));
        var poorByCommune = households.GroupBy(h => h.Parent!).ToDictionary(g => g.Key, g => g.Count(h => h.Classifications.Single().Label == "poor") * 100.0 / g.Count());

        // Criterion 11 of a commune without a reviewed poverty_rate reads the rate derived from its households.
        var (communeId, rate) = poorByCommune.First();
        var c11 = report.Subjects.Single(s => s.Id == communeId).Standards.Single(s => s.Id == "ntm-commune").Criteria.Single(c => c.Id == "c11");
        var derived = c11.Indicators.SelectMany(i => i.Values).First(v => v.Key == "poverty_rate_households");
        Assert.Equal(rate, Convert.ToDouble(derived.Value), 6);
    }

    [Fact]
    public void Households_2027_are_classified_under_the_Decree_351_lines()
    {
        var result = RepositoryPaths.Assessor.Assess([RepositoryPaths.Sample("households-2027")], new AssessmentOptions { AsOf = new DateOnly(2027, 6, 30) });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var households = result.Report!.Subjects.Where(s => s.Kind == "household").ToArray();
        Assert.Equal(240, households.Count(h => h.Classifications.Any()));
        Assert.Contains(result.Report.Run.RuleSets, r => r.Id == "poverty-household" && r.Version == "2027-2030");

        // The same households under the 2022-2026 lines: some poor or near-poor in 2027 are not in 2026.
        var earlier = RepositoryPaths.Assessor.Assess([RepositoryPaths.Sample("households-2027")], new AssessmentOptions { AsOf = new DateOnly(2026, 12, 31) });
        Assert.True(earlier.Succeeded, string.Join("\n", earlier.Diagnostics));
        static int PoorOrNear(AssessmentReport r) => r.Subjects.Count(s => s.Classifications.Any(c => c.Label is "poor" or "near-poor"));
        Assert.True(PoorOrNear(result.Report) > PoorOrNear(earlier.Report!), $"{PoorOrNear(result.Report)} vs {PoorOrNear(earlier.Report!)}");
    }

    [Fact]
    public void Lao_Cai_2025_targets_read_the_2024_baseline_and_show_met_and_not_met()
    {
        var result = RepositoryPaths.Assessor.Assess([RepositoryPaths.Sample("lao-cai-2025")], new AssessmentOptions { AsOf = new DateOnly(2025, 12, 31) });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var targets = result.Report!.Targets.Where(t => t.Id.StartsWith("lao-cai", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(targets);
        Assert.Contains(targets, t => t.Verdict == Language.Explanations.Verdict.Met);
        Assert.Contains(targets, t => t.Verdict == Language.Explanations.Verdict.NotMet);
        Assert.All(targets.Where(t => t.Verdict == Language.Explanations.Verdict.NotMet), t => Assert.True(t.Gap > 0));
        Assert.DoesNotContain(targets, t => t.Verdict == Language.Explanations.Verdict.Unknown);
    }

    private static Verdict? Verdict(SubjectResult s, string standard) => s.Standards.SingleOrDefault(x => x.Id == standard)?.Verdict;
}
