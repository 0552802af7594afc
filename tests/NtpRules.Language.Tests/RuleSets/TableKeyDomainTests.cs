using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Library;

namespace NtpRules.Language.Tests.RuleSets;

/// <summary>
/// Table key values are checked against the domains the repository catalogue gives: regions (an enum, also through
/// the <c>effective_region</c> definition) and commune groups (an integer range). Each diagnostic is asserted at its
/// exact file:line:column.
/// </summary>
public class TableKeyDomainTests
{
    private static readonly Lazy<SourceFile[]> Catalogue = new(() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRules, "catalogue"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new SourceFile("rules/catalogue/" + Path.GetFileName(f), File.ReadAllText(f))).ToArray());

    private const string Header = """
        kind: rule_set
        id: demo
        version: v1
        title: Demo
        effective: { from: 2024-01-01 }
        source: Decision 318/QĐ-TTg
        subject: commune
        definitions:
          - id: effective_region
            expr: if especially_difficult or atk_in_poor_district then 'TDMNPB' else region
            citation: Decision 318/QĐ-TTg, Article 1

        """;

    /// <summary>The diagnostics of demo.yaml (rule set text after <see cref="Header"/>, so that it starts on line 12) loaded with the repository catalogue.</summary>
    private static List<string> Diagnostics(string parameters)
    {
        var library = RuleLibrary.Load(Catalogue.Value, [("demo", new SourceFile("rules/demo/v1.yaml", Header + parameters))], []);
        return library.Diagnostics.Where(d => d.Location.File == "rules/demo/v1.yaml").Select(d => d.ToString()).ToList();
    }

    [Fact]
    public void A_region_not_in_the_domain_of_effective_region_is_an_error_at_the_value_with_a_suggestion()
    {
        var found = Diagnostics("""
            parameters:
              - id: village_roads_min
                keys: [effective_region]
                values:
                  - { effective_region: TDNMPB, value: 70, citation: A }
                  - { effective_region: "*", value: 90, citation: A }
            """);
        Assert.Equal("rules/demo/v1.yaml:16:29: error NTP1315: 'TDNMPB' is not a value of effective_region, a table key of parameter 'village_roads_min' " +
                      "(did you mean 'TDMNPB'? (allowed: TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL))", Assert.Single(found));
    }

    [Fact]
    public void A_commune_group_outside_its_range_is_an_error_naming_the_allowed_values()
    {
        var found = Diagnostics("""
            parameter_tables:
              - keys: [commune_group]
                columns: [1, 2, 4]
                rows:
                  - { id: roads_min, values: [100, 90, 75], citation: "Decision 51/2025/QĐ-TTg, Annex I" }
            """);
        Assert.Equal("rules/demo/v1.yaml:14:21: error NTP1315: '4' is not a value of commune_group, a table key of parameter 'roads_min' (allowed: 1, 2, 3)", Assert.Single(found));
    }

    [Fact]
    public void A_table_missing_regions_with_no_default_row_warns_naming_them_per_year()
    {
        var found = Diagnostics("""
            parameter_tables:
              - keys: [effective_region, year]
                columns: [TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL]
                rows:
                  - { id: income_min, year: 2022, values: [39, 48, 39, 43, 43, 54, 46], citation: A }
                  - { id: income_min, year: 2025, values: [48, 62, 48, ~, 53, ~, 58], citation: A }
            """);
        Assert.Equal("rules/demo/v1.yaml:16:9: warning NTP1316: parameter 'income_min' has no row for effective_region DHNTB, DNB (year=2025), and no default row: " +
                      "a lookup for them is unknown (add the missing rows, or a default row with effective_region: '*')", Assert.Single(found));
    }

    [Fact]
    public void A_default_row_covers_the_values_left_out_and_year_has_no_closed_domain()
    {
        Assert.Empty(Diagnostics("""
            parameter_tables:
              - keys: [effective_region, year]
                columns: [TDMNPB, "*"]
                rows:
                  - { id: income_min, year: 2022, values: [39, 47], citation: A }
                  - { id: income_min, year: 1999, values: [1, 2], citation: A }
            """));
    }

    [Fact]
    public void Rows_in_force_on_different_dates_are_checked_on_each_date()
    {
        var found = Diagnostics("""
            parameters:
              - id: poverty_line
                keys: [effective_region]
                values:
                  - { effective_region: "*", value: 1, citation: A, effective: { from: 2024-01-01, to: 2024-12-31 } }
                  - { effective_region: TDMNPB, value: 2, citation: A, effective: { from: 2025-01-01 } }
            """);
        var warning = Assert.Single(found);
        Assert.StartsWith("rules/demo/v1.yaml:13:5: warning NTP1316: parameter 'poverty_line' has no row for effective_region DBSH, BTB, DHNTB, TN, DNB, DBSCL (from 2025-01-01)",
            warning);
    }

    [Fact]
    public void A_value_outside_the_domain_is_the_one_diagnostic_for_its_key()
    {
        var found = Diagnostics("""
            parameter_tables:
              - keys: [effective_region]
                columns: [TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCLL]
                rows:
                  - { id: roads_min, values: [70, 100, 90, 90, 80, 100, 80], citation: A }
                  - { id: schools_min, values: [70, 80, 80, 80, 70, 80, 70], citation: A }
            """);
        Assert.Equal("rules/demo/v1.yaml:14:50: error NTP1315: 'DBSCLL' is not a value of effective_region, a table key of parameter 'roads_min' " +
                      "(did you mean 'DBSCL'? (allowed: TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL))", Assert.Single(found));
    }

    [Fact]
    public void The_decision_table_example_of_the_format_reference_loads_without_a_diagnostic()
    {
        var doc = File.ReadAllText(Path.Combine(Path.GetDirectoryName(TestPaths.RepositoryRules)!, "docs", "rule-format.md"));
        var example = doc.Split("```").Single(block => block.StartsWith("yaml\nparameter_tables:"))["yaml\n".Length..];
        Assert.Empty(Diagnostics(example));
        var library = RuleLibrary.Load(Catalogue.Value, [("demo", new SourceFile("rules/demo/v1.yaml", Header + example))], []);
        var set = library.RuleSets.Single();
        Assert.Equal(["village_roads_min", "schools_min", "income_min"], set.Parameters.Select(p => p.Id));
        Assert.Equal(14, set.FindParameter("income_min")!.Values.Count);
    }
}
