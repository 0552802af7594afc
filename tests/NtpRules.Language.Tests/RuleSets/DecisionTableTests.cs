using NtpRules.Language.Diagnostics;
using NtpRules.Language.Diff;
using NtpRules.Language.Documents;
using NtpRules.Language.RuleSets;
using NtpRules.Language.Versions;

namespace NtpRules.Language.Tests.RuleSets;

/// <summary>The decision-table form of parameters (<c>parameter_tables:</c>) compiles to what the long form gives.</summary>
public class DecisionTableTests
{
    private const string LongForm = """
        parameters:
          - id: roads_min
            title: Minimum share of village roads hardened
            type: number
            unit: "%"
            keys: [region]
            values:
              - { region: TDMNPB, value: 70, citation: "Decision 318/QĐ-TTg, Annex I, 2.2 (TDMNPB)", confidence: provisional }
              - { region: DBSH, value: 100, citation: "Decision 318/QĐ-TTg, Annex I, 2.2 (DBSH)", confidence: provisional }
              - { region: '*', value: 90, citation: "Decision 318/QĐ-TTg, Annex I, 2.2 (any other region)", confidence: provisional }
          - id: schools_min
            type: number
            unit: "%"
            keys: [region]
            values:
              - { region: TDMNPB, value: 65.5, citation: "Decision 318/QĐ-TTg, Annex I, 5 (TDMNPB)", confidence: confirmed }
              - { region: '*', value: 80, citation: "Decision 318/QĐ-TTg, Annex I, 5 (any other region)", confidence: confirmed }
        """;

    private const string TableForm = """
        parameter_tables:
          - keys: [region]
            columns: [TDMNPB, DBSH, "*"]
            unit: "%"
            rows:
              - { id: roads_min, title: Minimum share of village roads hardened, values: [70, 100, 90], citation: "Decision 318/QĐ-TTg, Annex I, 2.2" }
              - { id: schools_min, values: [65.5, ~, 80], citation: "Decision 318/QĐ-TTg, Annex I, 5", confidence: confirmed }
        """;

    /// <summary>What a parameter compiles to, positions aside.</summary>
    internal static string Shape(Parameter p) =>
        $"{p.Id} {p.Type} {p.Unit} [{string.Join(",", p.Keys)}] {p.Title}: " + string.Join(" | ", p.Values
            .Select(v => $"{v.KeyText(p.Keys)} = {v.Value} {v.Effective} {v.Citation} {v.Confidence} {v.Derivation}").Order(StringComparer.Ordinal));

    [Fact]
    public void Both_forms_give_the_same_parameters()
    {
        var longForm = TestYaml.RuleSet(TestYaml.Header + LongForm);
        var tableForm = TestYaml.RuleSet(TestYaml.Header + TableForm);
        Assert.Equal(longForm.Parameters.Select(Shape), tableForm.Parameters.Select(Shape));
        Assert.Equal(3, tableForm.FindParameter("roads_min")!.Values.Count);
        Assert.Equal(2, tableForm.FindParameter("schools_min")!.Values.Count); // the ~ cell leaves DBSH to the default column
    }

    [Fact]
    public void A_diff_between_the_long_and_the_table_form_shows_no_change()
    {
        var diff = RuleSetDiffer.Compare(TestYaml.RuleSet(TestYaml.Header + LongForm), TestYaml.RuleSet(TestYaml.Header + TableForm));
        Assert.Empty(diff.Changes);

        var changed = TestYaml.RuleSet(TestYaml.Header + TableForm.Replace("[70, 100, 90]", "[70, 95, 90]"));
        var change = Assert.Single(RuleSetDiffer.Compare(TestYaml.RuleSet(TestYaml.Header + LongForm), changed).Changes);
        Assert.Equal(("parameter roads_min [region=DBSH]", "value", "100", "95"), (change.Item, change.Field, change.Old, change.New));
    }

    [Fact]
    public void Each_value_is_located_at_its_cell_and_its_key_at_the_column_heading()
    {
        var set = TestYaml.RuleSet(TestYaml.Header + TableForm, "table.yaml");
        var dbsh = set.FindParameter("roads_min")!.Values.Single(v => v.KeyValues["region"] == "DBSH");
        // Line 13 is `      - { id: roads_min, …, values: [70, 100, 90], … }`; line 10 is `    columns: [TDMNPB, DBSH, "*"]`.
        Assert.Equal(new SourceLocation("table.yaml", 13, 87), dbsh.Location);
        Assert.Equal(new SourceLocation("table.yaml", 10, 23), dbsh.KeyLocations["region"]);
        Assert.Equal(new SourceLocation("table.yaml", 13, 9), set.FindParameter("roads_min")!.Location);
    }

    [Fact]
    public void Rows_of_one_parameter_give_its_other_keys_and_periods()
    {
        var set = TestYaml.RuleSet(TestYaml.Header + """
            parameter_tables:
              - keys: [region, year]
                columns: [TDMNPB, "*"]
                unit: million VND/person/year
                confidence: provisional
                effective: { from: 2022-03-08, to: 2025-12-31 }
                rows:
                  - { id: income_min, year: 2022, values: [39, 47], citation: "Decision 318/QĐ-TTg, Annex I, criterion 10 (2022 level)" }
                  - { id: income_min, year: 2025, values: [48, 58], citation: "Decision 318/QĐ-TTg, Annex I, criterion 10 (2025 level)" }
                  - id: income_min
                    year: 2026
                    values: [48, 58]
                    citation: "Decision 318/QĐ-TTg, Annex I, criterion 10 (2025 level kept)"
                    confidence: inferred
                    derivation: the 2025 level, kept until the next decision
                    effective: { from: 2026-01-01, to: 2026-02-14 }
            """);
        var income = Assert.Single(set.Parameters);
        Assert.Equal(["region", "year"], income.Keys);
        Assert.Equal(6, income.Values.Count);
        var dbsh2022 = ParameterSelector.Lookup(income, new Dictionary<string, string> { ["region"] = "DBSH", ["year"] = "2022" }, new DateOnly(2022, 6, 30))!;
        Assert.Equal((47.0, "Decision 318/QĐ-TTg, Annex I, criterion 10 (2022 level) (any other region)", Confidence.Provisional),
            ((double)dbsh2022.Value, dbsh2022.Citation, dbsh2022.Confidence));
        var kept = ParameterSelector.Lookup(income, new Dictionary<string, string> { ["region"] = "TDMNPB" }, new DateOnly(2026, 2, 1))!;
        Assert.Equal((48.0, Confidence.Inferred, "the 2025 level, kept until the next decision"), ((double)kept.Value, kept.Confidence, kept.Derivation));
        Assert.Null(ParameterSelector.Lookup(income, new Dictionary<string, string> { ["region"] = "TDMNPB" }, new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void Parameters_keep_file_order_across_both_sections()
    {
        var set = TestYaml.RuleSet(TestYaml.Header + """
            parameters:
              - { id: first_min, value: 1, citation: A }
            parameter_tables:
              - keys: [region]
                columns: ["*"]
                rows:
                  - { id: table_min, values: [2], citation: B }
            """);
        Assert.Equal(["first_min", "table_min"], set.Parameters.Select(p => p.Id));
        var reversed = TestYaml.RuleSet(TestYaml.Header + """
            parameter_tables:
              - keys: [region]
                columns: ["*"]
                rows:
                  - { id: table_min, values: [2], citation: B }
            parameters:
              - { id: first_min, value: 1, citation: A }
            """);
        Assert.Equal(["table_min", "first_min"], reversed.Parameters.Select(p => p.Id));
    }

    [Fact]
    public void A_table_row_named_like_an_indicator_warns_once()
    {
        var warning = Assert.Single(TestYaml.Errors(TestYaml.Header + """
            parameter_tables:
              - keys: [region, year]
                columns: [TDMNPB, "*"]
                rows:
                  - { id: irrigated_land_pct, year: 2024, values: [1, 2], citation: A }
                  - { id: irrigated_land_pct, year: 2025, values: [1, 2], citation: A }
            """));
        Assert.Equal((DiagnosticCodes.HidesIndicator, 12, 15), (warning.Code, warning.Location.Line, warning.Location.Column));
    }
}
