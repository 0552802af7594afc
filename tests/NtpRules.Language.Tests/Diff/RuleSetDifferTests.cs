using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Diff;
using NtpRules.Language.Library;

namespace NtpRules.Language.Tests.Diff;

public class RuleSetDifferTests
{
    private static RuleLibrary Lib => TestYaml.Library;

    [Fact]
    public void Diff_between_two_versions_renders_every_change()
    {
        var versions = Lib.VersionsOf("ntm-commune");
        var diff = RuleSetDiffer.Compare(versions[0], versions[1]);
        Assert.Equal("""
            ntm-commune 2021-2025 → ntm-commune 2026-2030
              ~ rule set title: National criteria for new-rural communes → National criteria for new-rural communes 2026-2030
              ~ rule set effective: 2022-03-08 .. 2026-02-14 → 2026-02-15 ..
              ~ rule set source: Decision 318/QĐ-TTg of 08/03/2022, Annex I → Decision 51/2026/QĐ-TTg
              ~ parameter irrigation_min [region=TDMNPB] value: 70 → 75
              ~ parameter irrigation_min [region=TDMNPB] citation: Decision 318/QĐ-TTg, Annex I, 3.1 → Decision 51/2026, 3.1
              ~ parameter irrigation_min [region=TDMNPB] confidence: confirmed → provisional
              ~ parameter irrigation_min [region=*] value: 80 → 85
              ~ parameter irrigation_min [region=*] citation: Decision 318/QĐ-TTg, Annex I, 3.1 → Decision 51/2026, 3.1
              ~ parameter income_min keys: region, year → year
              - parameter income_min [region=TDMNPB, year=2024]: 39
              - parameter income_min [region=TDMNPB, year=2025]: 42
              - parameter income_min [region=*, year=2024]: 47
              + parameter income_min [year=2026]: 50
              + parameter income_min [year=2027]: 55
              + parameter clean_water_min
              ~ criterion c03 citation: Decision 318/QĐ-TTg, Annex I, criterion 3 → Decision 51/2026/QĐ-TTg, criterion 3
              - indicator c03/3.2: disaster_4_on_the_spot
              ~ indicator c03/3.1 citation: Decision 318/QĐ-TTg, Annex I, criterion 3.1 → Decision 51/2026/QĐ-TTg, criterion 3.1 (amended)
              + indicator c03/3.3: irrigated_land_pct > 0
              ~ standard ntm-commune criteria: all → c03
              ~ standard ntm-commune at_least: (none) → 1
              ~ standard ntm-commune citation: Decision 318/QĐ-TTg, Article 1 → Decision 51/2026/QĐ-TTg, Article 1

            """.ReplaceLineEndings("\n"), diff.Render());
    }

    [Fact]
    public void A_version_compared_with_itself_has_no_changes()
    {
        var v = Lib.VersionsOf("ntm-commune")[0];
        var diff = RuleSetDiffer.Compare(v, v);
        Assert.True(diff.IsEmpty);
        Assert.Equal("ntm-commune 2021-2025 → ntm-commune 2021-2025\n  no changes\n", diff.Render());
    }

    private static string Yearly(string y2024, string conf2025, string condition) => TestYaml.Header + $$"""
        parameters:
          - id: income_min
            keys: [region, year]
            values:
              - { region: TDMNPB, year: 2024, value: {{y2024}}, citation: A, confidence: confirmed }
              - { region: TDMNPB, year: 2025, value: 42, citation: A, confidence: {{conf2025}} }
        criteria:
          - id: c10
            citation: Annex I, 10
            indicators:
              - { id: "10.1", condition: "{{condition}}", citation: "Annex I, 10.1" }
        """;

    [Fact]
    public void Changed_values_per_year_confidence_and_conditions_are_reported_as_old_to_new()
    {
        var a = TestYaml.RuleSet(Yearly("39", "provisional", "irrigated_land_pct >= income_min"));
        var b = TestYaml.RuleSet(Yearly("41.5", "confirmed", "irrigated_land_pct > income_min"));
        Assert.Equal(
            [
                "~ parameter income_min [region=TDMNPB, year=2024] value: 39 → 41.5",
                "~ parameter income_min [region=TDMNPB, year=2025] confidence: provisional → confirmed",
                "~ indicator c10/10.1 condition: irrigated_land_pct >= income_min → irrigated_land_pct > income_min",
            ],
            RuleSetDiffer.Compare(a, b).Changes.Select(c => c.ToString()));
    }

    [Fact]
    public void Changing_one_row_value_reports_exactly_that_row()
    {
        var values = Gen.Choose(0, 10_000).Two().ToArbitrary();
        Prop.ForAll(values, pair =>
        {
            var (x, y) = pair;
            var diff = RuleSetDiffer.Compare(TestYaml.RuleSet(Yearly(x.ToString(), "confirmed", "true")),
                TestYaml.RuleSet(Yearly(y.ToString(), "confirmed", "true")));
            return x == y
                ? diff.IsEmpty
                : diff.Changes.Count == 1 && diff.Changes[0] == new RuleSetChange(ChangeKind.Changed,
                    "parameter income_min [region=TDMNPB, year=2024]", "value", x.ToString(), y.ToString());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }
}
