using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Documents;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;
using NtpRules.Language.Versions;

namespace NtpRules.Language.Tests.Library;

public class VersionSelectionTests
{
    private static RuleLibrary Lib => TestYaml.Library;
    private static DateOnly D(string s) => DateOnly.Parse(s);

    [Theory]
    [InlineData("2022-03-07", null)]
    [InlineData("2022-03-08", "2021-2025")]
    [InlineData("2026-02-14", "2021-2025")]
    [InlineData("2026-02-15", "2026-2030")]
    [InlineData("2099-12-31", "2026-2030")]
    public void The_version_in_force_changes_exactly_at_the_effective_boundary(string asOf, string? version) =>
        Assert.Equal(version, Lib.InForce("ntm-commune", D(asOf))?.Version);

    [Theory]
    [InlineData("2026-02-14", "TDMNPB", 70.0)]
    [InlineData("2026-02-15", "TDMNPB", 75.0)]
    [InlineData("2026-02-14", "DBSH", 80.0)]   // no DBSH row: the '*' row applies
    [InlineData("2026-02-15", "DBSH", 85.0)]
    public void Regional_thresholds_follow_the_version_in_force(string asOf, string region, double expected)
    {
        var set = Lib.InForce("ntm-commune", D(asOf))!;
        var row = ParameterSelector.Lookup(set.FindParameter("irrigation_min")!, new Dictionary<string, string> { ["region"] = region }, D(asOf));
        Assert.Equal(expected, row!.Value);
    }

    [Theory]
    [InlineData("2026-12-31", 50.0, 60.0)]
    [InlineData("2027-01-01", 55.0, 65.0)]
    public void Yearly_rows_and_dated_rows_change_at_new_year(string asOf, double income, double water)
    {
        var day = D(asOf);
        var set = Lib.InForce("ntm-commune", day)!;
        Assert.Equal(income, ParameterSelector.Lookup(set.FindParameter("income_min")!, new Dictionary<string, string>(), day)!.Value);
        Assert.Equal(water, ParameterSelector.Lookup(set.FindParameter("clean_water_min")!, new Dictionary<string, string>(), day)!.Value);
        var inForce = ParameterSelector.InForce(set, day).Where(x => x.Parameter.Id == "clean_water_min").ToList();
        Assert.Equal(water, Assert.Single(inForce).Row.Value);
    }

    [Fact]
    public void A_row_whose_period_has_ended_no_longer_applies()
    {
        var set = Lib.InForce("ntm-commune", D("2025-06-30"))!;
        var income = set.FindParameter("income_min")!;
        var tdmnpb2025 = new Dictionary<string, string> { ["region"] = "TDMNPB", ["year"] = "2025" };
        Assert.Equal(42.0, ParameterSelector.Lookup(income, tdmnpb2025, D("2025-12-31"))!.Value);
        Assert.Null(ParameterSelector.Lookup(income, tdmnpb2025, D("2026-01-01")));
        // The wildcard region row exists only for 2024: no row for DBSH in 2025.
        Assert.Null(ParameterSelector.Lookup(income, new Dictionary<string, string> { ["region"] = "DBSH" }, D("2025-03-01")));
        Assert.Equal(47.0, ParameterSelector.Lookup(income, new Dictionary<string, string> { ["region"] = "DBSH" }, D("2024-03-01"))!.Value);
    }

    [Fact]
    public void Draft_versions_are_never_chosen_and_retired_ones_only_in_their_range()
    {
        var draft = TestYaml.RuleSet(TestYaml.Header + "status: draft\n");
        var retired = TestYaml.RuleSet(TestYaml.Header.Replace("{ from: 2024-01-01 }", "{ from: 2020-01-01, to: 2023-12-31 }").Replace("v1", "v0") + "status: retired\n");
        Assert.Null(VersionSelector.InForce([draft], D("2024-06-01")));
        Assert.Equal("v0", VersionSelector.InForce([draft, retired], D("2023-12-31"))!.Version);
        Assert.Null(VersionSelector.InForce([draft, retired], D("2024-01-01")));
    }

    private static RuleSet Version(int from, int? to) => TestYaml.RuleSet(TestYaml.Header
        .Replace("version: v1", $"version: v{from}")
        .Replace("{ from: 2024-01-01 }", to is null ? $"{{ from: {from}-01-01 }}" : $"{{ from: {from}-01-01, to: {to}-12-31 }}"));

    [Fact]
    public void Overlaps_are_errors_and_gaps_warnings()
    {
        var bag = new Diagnostics.DiagnosticBag();
        VersionSelector.Check([Version(2020, 2022), Version(2022, 2024), Version(2026, null)], bag);
        Assert.Equal(["NTP1401", "NTP1402"], bag.Select(d => d.Code));
        Assert.Contains("version 'v2022' (2022-01-01 .. 2024-12-31) overlaps version 'v2020'", bag.ToList()[0].Message);
        Assert.Contains("no version in force from 2025-01-01 to 2025-12-31 (between 'v2022' and 'v2026')", bag.ToList()[1].Message);
        Assert.Equal(5, bag.ToList()[0].Location.Line);   // at 'effective:' of the later version
        Assert.True(bag.ToList()[0].IsError);
        Assert.False(bag.ToList()[1].IsError);
    }

    [Fact]
    public void Chosen_version_contains_the_date_for_any_non_overlapping_versions()
    {
        // Versions cut a timeline at random years; any day picks the one version whose range holds it.
        var cuts = Gen.Choose(2001, 2040).ListOf().Select(l => l.Distinct().Order().ToArray()).Where(a => a.Length >= 2).ToArbitrary();
        var day = Gen.Choose(0, 365 * 45).Select(n => new DateOnly(2000, 1, 1).AddDays(n));
        Prop.ForAll(cuts, day.ToArbitrary(), (years, asOf) =>
        {
            var versions = years.Zip(years.Skip(1)).Select(p => Version(p.First, p.Second - 1)).ToArray();
            var bag = new Diagnostics.DiagnosticBag();
            VersionSelector.Check(versions, bag);
            var chosen = VersionSelector.InForce(versions, asOf);
            var holding = versions.Where(v => v.Effective.Contains(asOf)).ToList();
            return !bag.HasErrors && (holding.Count == 0 ? chosen is null : chosen == holding.Single());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Fact]
    public void Date_ranges_overlap_exactly_when_they_share_a_day()
    {
        var range = Gen.Choose(0, 60).Two().Select(p => (From: Math.Min(p.Item1, p.Item2), To: Math.Max(p.Item1, p.Item2)))
            .Select(p => new DateRange(new DateOnly(2024, 1, 1).AddDays(p.From), p.To == 60 ? null : new DateOnly(2024, 1, 1).AddDays(p.To)));
        Prop.ForAll(range.ToArbitrary(), range.ToArbitrary(), (a, b) =>
        {
            var shared = Enumerable.Range(0, 120).Select(n => new DateOnly(2024, 1, 1).AddDays(n)).Any(d => a.Contains(d) && b.Contains(d));
            return a.Overlaps(b) == shared && a.Overlaps(b) == b.Overlaps(a);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
