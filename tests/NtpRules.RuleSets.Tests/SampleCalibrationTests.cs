using NtpRules.Assessment;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.RuleSets.Tests;

/// <summary>
/// Assesses the committed sample data with the rule files through the real pipeline (the data readers, the compiled
/// network, the report), independently of the generator that wrote it, and checks the figures each data set is
/// calibrated to reproduce.
/// </summary>
public sealed class SampleCalibrationTests
{
    private static readonly Lazy<Assessor> Assessor = new(() => new Assessor(RepositoryPaths.Library));
    private static readonly Lazy<AssessmentReport> LaoCai2024 = new(() => Assess("lao-cai-2024", new DateOnly(2024, 12, 31)));

    private static AssessmentReport Assess(string folder, DateOnly asOf)
    {
        var result = Assessor.Value.Assess([Path.Combine(RepositoryPaths.Samples, folder)], new AssessmentOptions { AsOf = asOf });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        return result.Report!;
    }

    private static SubjectResult[] OfKind(AssessmentReport report, string kind) => report.Subjects.Where(s => s.Kind == kind).ToArray();

    private static StandardResult? Standard(SubjectResult s, string id) => s.Standards.SingleOrDefault(x => x.Id == id);

    private static int Count(IEnumerable<SubjectResult> subjects, string standard) => subjects.Count(s => Standard(s, standard)?.Verdict == Verdict.Met);

    /// <summary>The NTM criteria met, summed over the communes.</summary>
    private static int CriteriaMet(IEnumerable<SubjectResult> communes) =>
        communes.Sum(c => Standard(c, "ntm-commune")!.Criteria.Count(x => x.Verdict == Verdict.Met));

    private static string Label(SubjectResult household) => household.Classifications.Single(c => c.Id == "poverty_status").Label;

    [Fact]
    public void Lao_cai_2024_reproduces_62_ntm_4_advanced_and_12_63_criteria_per_commune()
    {
        var report = LaoCai2024.Value;
        var communes = OfKind(report, "commune");
        Assert.Equal(126, communes.Length);
        Assert.Equal(62, Count(communes, "ntm-commune"));
        Assert.Equal(4, Count(communes, "ntm-advanced-commune"));
        Assert.Equal(0, Count(communes, "ntm-model-commune"));
        Assert.Equal(1591, CriteriaMet(communes));
        // The count the standard reports agrees with its criteria, and the province rollup averages it.
        Assert.Equal(1591, communes.Sum(c => Standard(c, "ntm-commune")!.CriteriaMet));
        var province = report.Rollups.Single(r => r.Scope == "province" && r.Id == "LC").Standards.Single(s => s.StandardId == "ntm-commune");
        Assert.Equal(12.63, province.AverageCriteriaMet);
        Assert.Equal(12.63, Math.Round(1591.0 / 126, 2));
        Assert.All(communes, c => Assert.DoesNotContain(c.Standards, s => s.Verdict == Verdict.Unknown && !s.Id.EndsWith("-recognition", StringComparison.Ordinal)));
        // The sample records no debt, satisfaction finding or security status (Decision 18/2022): each NTM commune meets
        // the criteria but its eligibility for recognition is unknown; the 64 others are not eligible.
        Assert.Equal(62, communes.Count(c => Standard(c, "ntm-commune-recognition")!.Verdict == Verdict.Unknown));
        Assert.All(communes.Where(c => Standard(c, "ntm-commune")!.Verdict == Verdict.Met), c =>
            Assert.Equal((Verdict.Met, Verdict.Unknown), (c.Recognition.Single(r => r.StandardId == "ntm-commune").MeetsCriteria,
                c.Recognition.Single(r => r.StandardId == "ntm-commune").EligibleForRecognition)));
        // The near-poor rate beside the poverty rate, from the 240 household records (Decree 07/2021/NĐ-CP classification).
        var lc = OfKind(report, "province").Single();
        Assert.Equal(new HouseholdRates(10.83, 10.42, "households"), lc.Rates);
        Assert.Contains(report.Rollups, r => r.Scope == "region" && r.Id == "TDMNPB" && r.Standards.Single(s => s.StandardId == "ntm-commune").Met == 62);
        Assert.Equal(64, communes.Count(c => Standard(c, "ntm-commune-recognition")!.Verdict == Verdict.NotMet));
    }

    [Fact]
    public void Lao_cai_2024_household_communes_take_the_poverty_rate_from_their_households()
    {
        var report = LaoCai2024.Value;
        var data = SampleRecords.Read(RepositoryPaths.Library, "lao-cai-2024");
        var households = OfKind(report, "household");
        Assert.Equal(240, households.Length);
        var withHouseholds = households.Select(h => h.Parent!).Distinct().ToArray();
        Assert.Equal(6, withHouseholds.Length);
        var verdicts = withHouseholds.Select(id =>
        {
            // The data gives these communes no reviewed poverty rate: criterion 11 can only read the households'.
            Assert.Null(data.Single(r => r.Kind == "commune" && r.Id == id).Values.GetValueOrDefault("poverty_rate"));
            var members = households.Where(h => h.Parent == id).ToArray();
            var rate = members.Count(h => Label(h) == "poor") * 100.0 / members.Length;
            var indicator = Standard(report.Subjects.Single(s => s.Id == id), "ntm-commune")!
                .Criteria.Single(c => c.Id == "c11").Indicators.Single(i => i.Id == "11");
            Assert.Equal(rate, Convert.ToDouble(indicator.Values["poverty_rate_households"]), 6);
            return indicator.Verdict;
        }).ToArray();
        Assert.Contains(Verdict.Met, verdicts);
        Assert.Contains(Verdict.NotMet, verdicts);
        var labels = households.Select(Label).ToHashSet();
        Assert.Superset(new HashSet<string> { "poor", "near-poor", "middle-income", "none" }, labels);
        Assert.Equal(4, labels.Count);
    }

    [Fact]
    public void Lao_cai_2024_has_one_ntm_district_the_city_whose_communes_all_meet_ntm()
    {
        var report = LaoCai2024.Value;
        var met = OfKind(report, "district").Where(d => Standard(d, "ntm-district")!.Verdict == Verdict.Met).Select(d => d.Id).ToArray();
        Assert.Equal(["LC-D1"], met);
        Assert.All(OfKind(report, "commune").Where(c => c.Parent == "LC-D1"), c => Assert.Equal(Verdict.Met, Standard(c, "ntm-commune")!.Verdict));
    }

    [Fact]
    public void Lao_cai_2025_meets_some_province_targets_and_misses_others()
    {
        // The 2024 data beside it is the baseline of baseline(…), found by the folder's name.
        var report = Assess("lao-cai-2025", new DateOnly(2025, 12, 31));
        Assert.Contains(report.Run.Inputs, i => i.File.Contains("lao-cai-2024", StringComparison.Ordinal));
        var communes = OfKind(report, "commune");
        Assert.Equal((80, 31, 2), (Count(communes, "ntm-commune"), Count(communes, "ntm-advanced-commune"), Count(communes, "ntm-model-commune")));
        Assert.Equal(1827, CriteriaMet(communes));
        Assert.Equal(new Dictionary<string, Verdict>
        {
            ["lao-cai-ntm-communes-2025"] = Verdict.NotMet,          // 80 < 84
            ["lao-cai-advanced-communes-2025"] = Verdict.NotMet,     // 31 < 34
            ["lao-cai-average-criteria-2025"] = Verdict.Met,         // 14.50 >= 14
            ["lao-cai-em-poverty-fall-2025"] = Verdict.Met,          // 19.85 - 14.90 = 4.95 >= 4.6
        }, report.Targets.Where(t => t.Scope == "province LC" && t.Id.StartsWith("lao-cai-", StringComparison.Ordinal)).ToDictionary(t => t.Id, t => t.Verdict));
        var actual = report.Targets.Where(t => t.Scope == "province LC").ToDictionary(t => t.Id, t => t.Actual);
        Assert.Equal((80.0, 31.0, 14.5), (actual["lao-cai-ntm-communes-2025"], actual["lao-cai-advanced-communes-2025"], actual["lao-cai-average-criteria-2025"]));
        Assert.Equal(4.95, actual["lao-cai-em-poverty-fall-2025"]!.Value, 6);
        Assert.DoesNotContain(SampleRecords.Read(RepositoryPaths.Library, "lao-cai-2025"), r => r.Kind == "district");
    }

    [Fact]
    public void Households_2027_are_classified_differently_under_the_decree_351_lines()
    {
        var before = OfKind(Assess("households-2027", new DateOnly(2026, 12, 31)), "household").ToDictionary(h => h.Id, Label);
        var afterReport = Assess("households-2027", new DateOnly(2027, 6, 30));
        var after = OfKind(afterReport, "household").ToDictionary(h => h.Id, Label);
        Assert.Equal(240, after.Count);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        var risen = after.Keys.Count(h => before[h] == "middle-income" && after[h] is "poor" or "near-poor");
        Assert.True(risen >= 10, $"{risen} households become poor or near-poor under the 2027 lines");
        Assert.DoesNotContain("unknown", after.Values);
        // The 2026-2030 commune criteria apply in 2027; every commune gets a definite verdict.
        var communes = OfKind(afterReport, "commune");
        Assert.NotEmpty(communes);
        Assert.All(communes, c => Assert.NotEqual(Verdict.Unknown, Standard(c, "ntm-commune")!.Verdict));
    }
}
