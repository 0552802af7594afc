using NtpRules.Language.Compilation;
using NtpRules.Language.Testing;

namespace NtpRules.Language.Tests.RuleSets;

/// <summary>An explanation says when its threshold came from a default row ('*'), and only then; its threshold names the row.</summary>
public class DefaultRowExplanationTests
{
    private static Explanations.IndicatorExplanation Explanation(TestCase c) =>
        new RuleSetTestRunner(TestYaml.Library).AssessCase(c)!.Outcomes<IndicatorOutcome>().Single(o => o.IndicatorId == "3.1").Explanation!;

    private static string Reason(TestCase c) => Explanation(c).Reason;

    [Fact]
    public void A_threshold_names_the_row_it_came_from_by_rule_set_parameter_and_place()
    {
        var file = TestYaml.Library.Tests.Single(t => t.File.Path.EndsWith("irrigation.yaml"));
        // irrigation_min's rows: TDMNPB (0), '*' (1).
        var own = Assert.Single(Explanation(file.Cases.Single(c => c.Name.StartsWith("irrigation exactly at 70"))).Thresholds);
        Assert.Equal(("ntm-commune/irrigation_min/0", "confirmed"), (own.Row, own.Confidence));
        var fallback = Assert.Single(Explanation(file.Cases.Single(c => c.Name.StartsWith("a region without its own row"))).Thresholds);
        Assert.Equal(("ntm-commune/irrigation_min/1", "provisional"), (fallback.Row, fallback.Confidence));
    }

    [Fact]
    public void The_reason_names_the_key_value_that_had_no_row_of_its_own()
    {
        var file = TestYaml.Library.Tests.Single(t => t.File.Path.EndsWith("irrigation.yaml"));
        var report = new RuleSetTestRunner(TestYaml.Library).RunAll();
        Assert.Empty(report.Failures.Where(f => f.TestFile == file.File.Path));

        Assert.Equal("Met: irrigated_land_pct = 85 is at least irrigation_min = 80. Default row used for irrigation_min: no row for region DBSH.",
            Reason(file.Cases.Single(c => c.Name.StartsWith("a region without its own row"))));
        Assert.Equal("Met: irrigated_land_pct = 70 is at least irrigation_min = 70.", Reason(file.Cases.Single(c => c.Name.StartsWith("irrigation exactly at 70"))));
    }
}
