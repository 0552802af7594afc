using NtpRules.Language.Documents;
using NtpRules.Language.Explanations;
using NtpRules.Language.Library;
using NtpRules.Language.Testing;
using Xunit.Abstractions;

namespace NtpRules.RuleSets.Tests;

/// <summary>What the rule files under rules/ must hold, whatever the engine does with them.</summary>
public sealed class RuleLibraryTests(ITestOutputHelper output)
{
    private static readonly RuleLibrary Library = RepositoryPaths.Library;

    [Fact]
    public void Every_rule_file_and_test_file_loads_without_diagnostics()
    {
        Assert.Empty(Library.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(
            ["ntm-advanced-commune", "ntm-commune", "ntm-district", "ntm-model-commune", "ntm-recognition", "poverty-household", "targets", "targets-lao-cai"],
            Library.RuleSetIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ntm_commune_2021_2025_has_19_criteria_in_5_groups_and_57_indicators()
    {
        var set = Library.VersionsOf("ntm-commune").Single(s => s.Version == "2021-2025");
        Assert.Equal(19, set.Criteria.Count);
        Assert.Equal(["I", "II", "III", "IV", "V"], set.Criteria.Select(c => c.Group).Distinct());
        Assert.Equal(57, set.AllIndicators.Count());
        Assert.Equal(10, Library.VersionsOf("ntm-commune").Single(s => s.Version == "2026-2030").Criteria.Count);
    }

    [Theory]
    [InlineData("ntm-commune", "2026-02-14", "2021-2025")]
    [InlineData("ntm-commune", "2026-02-15", "2026-2030")]
    [InlineData("ntm-advanced-commune", "2026-02-14", "2021-2025")]
    [InlineData("ntm-advanced-commune", "2026-02-15", null)]
    [InlineData("ntm-district", "2025-06-30", "2021-2025")]
    [InlineData("ntm-district", "2025-07-01", null)]
    [InlineData("poverty-household", "2026-12-31", "2022-2026")]
    [InlineData("poverty-household", "2027-01-01", "2027-2030")]
    [InlineData("ntm-commune", "2022-03-07", null)]
    public void The_as_of_date_chooses_the_version(string id, string asOf, string? version) =>
        Assert.Equal(version, Library.InForce(id, DateOnly.Parse(asOf))?.Version);

    [Fact]
    public void Every_version_is_tested_on_dates_it_is_in_force()
    {
        foreach (var set in Library.RuleSets)
            Assert.True(Library.Tests.Where(t => t.RuleSetId == set.Id).SelectMany(t => t.Cases).Any(c => set.Effective.Contains(c.AsOf)), $"{set} has no test case");
    }

    [Fact]
    public void Every_indicator_of_every_version_is_expected_met_not_met_and_unknown()
    {
        var missing = new List<string>();
        foreach (var set in Library.RuleSets)
        {
            var seen = Library.Tests.Where(t => t.RuleSetId == set.Id).SelectMany(t => t.Cases).Where(c => set.Effective.Contains(c.AsOf))
                .SelectMany(c => c.Expectations).Where(e => e.Kind == ExpectationKind.Indicator && e.Verdict is not null)
                .Select(e => (e.Key, e.Verdict!.Value)).ToHashSet();
            foreach (var (_, indicator) in set.AllIndicators)
                foreach (var v in new[] { Verdict.Met, Verdict.NotMet, Verdict.Unknown })
                    if (!seen.Contains((indicator.Id, v))) missing.Add($"{set} {indicator.Id} {v.ToText()}");
        }
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public void The_model_income_table_copies_the_advanced_income_table()
    {
        var advanced = Library.VersionsOf("ntm-advanced-commune").Single().FindParameter("adv_income_min")!;
        var model = Library.VersionsOf("ntm-model-commune").Single().FindParameter("advanced_income_min")!;
        string Key(NtpRules.Language.RuleSets.ParameterRow v) => $"{v.KeyValues["effective_region"]}/{v.KeyValues["year"]}";
        Assert.Equal(advanced.Values.ToDictionary(Key, v => v.Value), model.Values.ToDictionary(Key, v => v.Value));
    }

    [Fact]
    public void Thresholds_by_region_commune_group_or_year_are_provisional_or_inferred()
    {
        // The reference marks every regional, yearly and 2026-2030 group threshold UNCONFIRMED; computed ones are inferred.
        var rows = Library.Parameters().Rows.Where(r => r.Keys.Contains("effective_region") || r.Keys.Contains("commune_group") || r.Keys.Contains("year=")).ToArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r.Confidence, new[] { Confidence.Provisional, Confidence.Inferred }));
    }

    [Theory]
    [InlineData("ntm-advanced-commune", "adv_income_min", null, 35, "1.10 × income_min")]
    [InlineData("ntm-model-commune", "advanced_income_min", null, 35, "copy of adv_income_min")]
    [InlineData("ntm-commune", "income_min", "year=2023", 7, "interpolated")]
    [InlineData("ntm-commune", "income_min", "year=2024", 7, "interpolated")]
    [InlineData("poverty-household", "middle_income_max", "2027", 2, "1.5 × the 2027-2030")]
    public void Computed_values_are_inferred_with_their_derivation(string id, string parameter, string? having, int count, string derivation)
    {
        // Only the model commune's ×1.1 over advanced is sourced (Decision 319); the advanced table, the interpolated
        // years and the 2027-2030 middle-income band are computed from other values (criteria-reference.md §3, §2.4, §6.6).
        var rows = Library.Parameters().Rows.Where(r => r.RuleSetId == id && r.Parameter == parameter && r.Confidence == Confidence.Inferred &&
                                                         (having is null || r.Keys.Contains(having) || r.Version.StartsWith(having))).ToArray();
        Assert.Equal(count, rows.Length);
        Assert.All(rows, r => Assert.Contains(derivation, r.Derivation));
    }

    [Fact]
    public void Where_the_sources_give_no_number_the_row_is_unpublished()
    {
        var row = Assert.Single(Library.Parameters().Rows, r => !r.Published);
        Assert.Equal(("ntm-recognition", "commune_satisfaction_min"), (row.RuleSetId, row.Parameter));
        Assert.Contains("Decision 18/2022/QĐ-TTg", row.Citation);
    }

    [Theory]
    [InlineData("ntm-commune", "2021-2025", "irrigation_min", "", 80.0)]
    [InlineData("poverty-household", "2022-2026", "poverty_line", "area=rural", 1500000.0)]
    [InlineData("poverty-household", "2022-2026", "poverty_line", "area=urban", 2000000.0)]
    [InlineData("poverty-household", "2027-2030", "poverty_line", "area=rural", 2200000.0)]
    [InlineData("poverty-household", "2027-2030", "poverty_line", "area=urban", 2800000.0)]
    [InlineData("poverty-household", "2027-2030", "deprivations_poor_min", "", 3.0)]
    [InlineData("ntm-model-commune", "2021-2025", "model_income_factor", "", 1.1)]
    [InlineData("ntm-district", "2021-2025", "communes_advanced_share_min", "", 10.0)]
    public void Confirmed_thresholds_carry_the_confirmed_values(string id, string version, string parameter, string keys, double value)
    {
        var row = Library.Parameters().Rows.Single(r => r.RuleSetId == id && r.Version == version && r.Parameter == parameter && r.Keys == keys);
        Assert.Equal(Confidence.Confirmed, row.Confidence);
        Assert.Equal(value, Convert.ToDouble(row.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Lists_the_provisional_thresholds()
    {
        var listing = Library.Parameters();
        output.WriteLine($"{listing.Confirmed} confirmed, {listing.Provisional} provisional threshold values");
        foreach (var r in listing.Rows.Where(r => r.Confidence == Confidence.Provisional))
            output.WriteLine($"{r.RuleSetId} {r.Version} {r.Parameter} [{r.Keys}] = {r.Value} {r.Unit} — {r.Citation}");
        Assert.Equal(listing.Rows.Count, listing.Confirmed + listing.Provisional + listing.Inferred + listing.Unpublished);
        Assert.Equal(86, listing.Inferred);
        Assert.True(listing.Provisional > listing.Confirmed);
        Assert.All(listing.Rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Citation)));
    }
}
