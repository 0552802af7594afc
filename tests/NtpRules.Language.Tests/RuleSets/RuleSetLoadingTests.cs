using NtpRules.Language.Documents;
using NtpRules.Language.Expressions;
using NtpRules.Language.Library;

namespace NtpRules.Language.Tests.RuleSets;

public class RuleSetLoadingTests
{
    private static RuleLibrary Lib => TestYaml.Library;

    [Fact]
    public void Every_mistake_in_a_file_is_reported_together_in_file_order()
    {
        var errors = TestYaml.Errors(TestYaml.Header + """
            status: activ
            criteria:
              - id: c01
                numbr: 1
                indicators:
                  - id: "1.1"
                    condition: true
                    citation: A
            parameters:
              - id: p
                value: ten
                citation: B
            """);
        Assert.Equal(
            ["NTP1107 at 8:9", "NTP1301 at 10:5", "NTP1101 at 11:5", "NTP1105 at 18:12"],
            errors.Select(d => $"{d.Code} at {d.Location.Line}:{d.Location.Column}").OrderBy(s => int.Parse(s.Split(' ')[2].Split(':')[0])));
    }

    [Fact]
    public void Catalogue_ranges_enums_and_parents_load_as_written()
    {
        var cat = Lib.Catalogue;
        var income = cat.FindIndicator("household", "income_per_person")!;
        Assert.Equal((0.0, (double?)null, "VND/person/month"), (income.Min!.Value, income.Max, income.Unit));
        Assert.Equal(["rural", "urban"], cat.FindIndicator("household", "area")!.Values);
        Assert.Equal(DataType.Integer, cat.FindIndicator("household", "deprivation_count")!.Type);
        Assert.Equal(["district", "province"], cat.FindKind("commune")!.Parents);
        Assert.Equal("Xã", cat.FindKind("commune")!.Name.Get("vi"));
        Assert.Null(cat.FindIndicator("commune", "income_per_person"));
        Assert.Equal("share(household, poverty_status == 'poor')", cat.FindDerived("commune", "poverty_rate_households")!.Expr.Text);
    }

    [Fact]
    public void Slots_put_catalogue_then_derived_indicators_then_classification_outputs()
    {
        var commune = Lib.LayoutOf("commune")!;
        Assert.Equal(["region", "irrigated_land_pct", "disaster_4_on_the_spot", "has_craft_village", "poverty_rate_households"],
            commune.Slots.Select(s => s.Name));
        Assert.Equal(Enumerable.Range(0, 5), commune.Slots.Select(s => s.Slot));
        var status = Lib.LayoutOf("household")!.Find("poverty_status")!;
        Assert.Equal(3, status.Slot);
        Assert.Equal(ExprType.Enum(["poor", "near-poor", "none"]), status.Type);
    }

    [Fact]
    public void Checked_expressions_are_available_for_each_condition_with_what_they_read()
    {
        var set = Lib.InForce("ntm-commune", new DateOnly(2024, 1, 1))!;
        var condition = set.FindCriterion("c03")!.Indicators[0].Condition;
        var checkedExpr = Lib.Checked(condition)!;
        Assert.Equal(ExprType.Boolean, checkedExpr.Type);
        Assert.Equal(["irrigated_land_pct", "region"], checkedExpr.Indicators.Select(i => i.Name));   // region keys the threshold table
        Assert.Equal(["irrigation_min"], checkedExpr.Parameters.Select(p => p.Name));
        Assert.Equal(["region"], checkedExpr.Parameters[0].Keys);

        var poverty = Lib.VersionsOf("household-poverty")[0];
        Assert.Equal(["household"], Lib.Checked(Lib.Catalogue.Derived[0].Expr)!.ChildKinds);
        Assert.NotNull(Lib.Checked(poverty.Classifications[0].Cases[0].When));
        Assert.NotNull(Lib.Checked(poverty.Targets[0].Actual));
        Assert.Equal("household", Lib.ScopeFor(poverty, "household").SubjectKind);
    }

    private const string WetRuleSet = """
        definitions:
          - { id: wet, expr: irrigated_lnd_pct > 50, citation: A }
        criteria:
          - id: c01
            citation: A
            indicators:
              - { id: "1.1", condition: wet, citation: A }
              - { id: "1.2", condition: wet and has_craft_village, citation: A }
        """;

    [Fact]
    public void A_broken_definition_is_reported_once_however_often_it_is_used()
    {
        Assert.Empty(TestYaml.Errors(TestYaml.Header + WetRuleSet));   // structure only: expressions are checked by the library

        var set = new SourceFile("wet.yaml", TestYaml.Header.Replace("id: demo", "id: wet") + WetRuleSet);
        var lib = RuleLibrary.Load(Lib.Files.Where(f => f.Path.Contains("/catalogue/")), [(null, set)], []);
        var d = Assert.Single(lib.Diagnostics, d => d.Location.File == "wet.yaml");
        Assert.Equal((ExpressionCodes.UnknownName, 9, 22), (d.Code, d.Location.Line, d.Location.Column));
        Assert.Contains("irrigated_land_pct", d.Hint);
    }

    [Fact]
    public void A_wrong_fixture_value_is_reported_once_for_all_subjects_that_extend_it()
    {
        var test = new SourceFile("t.yaml", """
            kind: rule_set_test
            rule_set: ntm-commune
            as_of: 2024-06-30
            fixtures:
              base: { region: TDMNPB, irrigated_land_pct: lots }
            cases:
              - name: two communes
                subjects:
                  - { kind: commune, id: C1, extends: base }
                  - { kind: commune, id: C2, extends: base, irrigated_land_pct: 90 }
            """);
        var lib = RuleLibrary.Load(Lib.Files.Where(f => f.Path.Contains("/catalogue/")),
            Lib.RuleSets.Select(s => ((string?)null, s.File)), [test]);
        var d = Assert.Single(lib.Diagnostics, d => d.Location.File == "t.yaml");
        Assert.Equal(("NTP1105", 5, 47), (d.Code, d.Location.Line, d.Location.Column));
        var subjects = lib.Tests.Single(t => t.File.Path == "t.yaml").Cases[0].Subjects;
        Assert.False(subjects[0].Values.ContainsKey("irrigated_land_pct"));
        Assert.Equal(90.0, subjects[1].Values["irrigated_land_pct"].Value);
    }
}
