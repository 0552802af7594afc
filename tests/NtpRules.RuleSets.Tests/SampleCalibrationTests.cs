using NtpRules.Language.Explanations;
using NtpRules.Language.Library;

namespace NtpRules.RuleSets.Tests;

/// <summary>
/// Assesses the committed sample data with the rule files, independently of the generator that wrote it, and
/// checks the figures each data set is calibrated to reproduce.
/// </summary>
public sealed class SampleCalibrationTests
{
    private static readonly RuleLibrary Library = RepositoryPaths.Library;

    private static (CaseRunner Runner, List<CaseRunner.Subject> Subjects, Dictionary<string, CaseRunner.SubjectResults> Results) Assess(string folder, DateOnly asOf)
    {
        var runner = new CaseRunner(Library);
        var subjects = SampleData.Read(Library, Path.Combine(RepositoryPaths.Samples, folder));
        var results = runner.Assess(subjects, asOf, folder);
        Assert.Empty(runner.Failures);
        return (runner, subjects, results);
    }

    private static IEnumerable<CaseRunner.SubjectResults> Communes(List<CaseRunner.Subject> subjects, Dictionary<string, CaseRunner.SubjectResults> results) =>
        subjects.Where(s => s.Kind == "commune").Select(s => results[s.Id]);

    private static int Count(IEnumerable<CaseRunner.SubjectResults> rs, string standard) => rs.Count(r => r.Standards.GetValueOrDefault(standard, Verdict.Unknown) == Verdict.Met);

    private static int CriteriaMet(IEnumerable<CaseRunner.SubjectResults> rs, DateOnly asOf)
    {
        var set = Library.InForce("ntm-commune", asOf)!;
        return rs.Sum(r => set.Criteria.Count(c => r.Criteria.GetValueOrDefault((set.Id, c.Id), Verdict.Unknown) == Verdict.Met));
    }

    [Fact]
    public void Lao_cai_2024_reproduces_62_ntm_4_advanced_and_12_63_criteria_per_commune()
    {
        var asOf = new DateOnly(2024, 12, 31);
        var (_, subjects, results) = Assess("lao-cai-2024", asOf);
        var communes = Communes(subjects, results).ToArray();
        Assert.Equal(126, communes.Length);
        Assert.Equal(62, Count(communes, "ntm-commune"));
        Assert.Equal(4, Count(communes, "ntm-advanced-commune"));
        Assert.Equal(0, Count(communes, "ntm-model-commune"));
        Assert.Equal(1591, CriteriaMet(communes, asOf));
        Assert.Equal(12.63, Math.Round(1591.0 / 126, 2));
        Assert.All(communes, r => Assert.DoesNotContain(Verdict.Unknown, r.Standards.Values));
    }

    [Fact]
    public void Lao_cai_2024_household_communes_take_the_poverty_rate_from_their_households()
    {
        var asOf = new DateOnly(2024, 12, 31);
        var (_, subjects, results) = Assess("lao-cai-2024", asOf);
        var withHouseholds = subjects.Where(s => s.Kind == "household").Select(s => (string)s.Values["commune_id"]!).Distinct().ToArray();
        Assert.Equal(6, withHouseholds.Length);
        var verdicts = withHouseholds.Select(id =>
        {
            Assert.Null(subjects.Single(s => s.Id == id).Values["poverty_rate"]);
            return results[id].Indicators[("ntm-commune", "11")];
        }).ToArray();
        Assert.Contains(Verdict.Met, verdicts);
        Assert.Contains(Verdict.NotMet, verdicts);
        var labels = subjects.Where(s => s.Kind == "household").Select(s => results[s.Id].Classifications["poverty_status"]).ToHashSet();
        Assert.Superset(new HashSet<string> { "poor", "near-poor", "middle-income", "none" }, labels);
        Assert.Equal(4, labels.Count);
    }

    [Fact]
    public void Lao_cai_2024_has_one_ntm_district_the_city_whose_communes_all_meet_ntm()
    {
        var (_, subjects, results) = Assess("lao-cai-2024", new DateOnly(2024, 12, 31));
        var met = subjects.Where(s => s.Kind == "district" && results[s.Id].Standards["ntm-district"] == Verdict.Met).Select(s => s.Id).ToArray();
        Assert.Equal(["LC-D1"], met);
    }

    [Fact]
    public void Lao_cai_2025_meets_some_province_targets_and_misses_others()
    {
        var asOf = new DateOnly(2025, 12, 31);
        var runner = new CaseRunner(Library);
        var subjects = SampleData.Read(Library, Path.Combine(RepositoryPaths.Samples, "lao-cai-2025"));
        var baseline = SampleData.Read(Library, Path.Combine(RepositoryPaths.Samples, "lao-cai-2024"));
        var results = runner.Assess(subjects, asOf, "lao-cai-2025", baseline, Library.InForce("targets-lao-cai", asOf));
        Assert.Empty(runner.Failures);
        var communes = Communes(subjects, results).ToArray();
        Assert.Equal((80, 31, 2), (Count(communes, "ntm-commune"), Count(communes, "ntm-advanced-commune"), Count(communes, "ntm-model-commune")));
        Assert.Equal(1827, CriteriaMet(communes, asOf));
        Assert.Equal(new Dictionary<string, Verdict>
        {
            ["lao-cai-ntm-communes-2025"] = Verdict.NotMet,          // 80 < 84
            ["lao-cai-advanced-communes-2025"] = Verdict.NotMet,     // 31 < 34
            ["lao-cai-average-criteria-2025"] = Verdict.Met,         // 14.50 >= 14
            ["lao-cai-em-poverty-fall-2025"] = Verdict.Met,          // 19.85 - 14.90 = 4.95 >= 4.6
        }, results["LC"].Targets);
        Assert.DoesNotContain(subjects, s => s.Kind == "district");
    }

    [Fact]
    public void Households_2027_are_classified_differently_under_the_decree_351_lines()
    {
        var (_, subjects, before) = Assess("households-2027", new DateOnly(2026, 12, 31));
        var (_, _, after) = Assess("households-2027", new DateOnly(2027, 6, 30));
        var households = subjects.Where(s => s.Kind == "household").ToArray();
        Assert.Equal(240, households.Length);
        string Label(Dictionary<string, CaseRunner.SubjectResults> r, CaseRunner.Subject h) => r[h.Id].Classifications["poverty_status"];
        var risen = households.Count(h => Label(before, h) == "middle-income" && Label(after, h) is "poor" or "near-poor");
        Assert.True(risen >= 10, $"{risen} households become poor or near-poor under the 2027 lines");
        Assert.All(households, h => Assert.NotEqual("unknown", Label(after, h)));
        // The 2026-2030 commune criteria apply in 2027; every commune gets a definite verdict.
        Assert.All(Communes(subjects, after), r => Assert.NotEqual(Verdict.Unknown, r.Standards["ntm-commune"]));
    }
}
