using FsCheck;
using FsCheck.Fluent;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Merging;
using NtpRules.Assessment.Results;
using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Explanations;

namespace NtpRules.Assessment.Tests.Merging;

/// <summary>Communes merged from old ones by the catalogue's merge rules, checked by hand and by properties.</summary>
public sealed class CommuneMergerTests : IDisposable
{
    private static IndicatorCatalogue Catalogue => RepositoryPaths.Library.Catalogue;
    private readonly string _folder = RealUnits.TempFolder("merge");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static DataRecord Commune(string id, Dictionary<string, object?> values, string province = "P1") =>
        new("commune", id, "Xã " + id, new Dictionary<string, string> { ["province"] = province }, values, new SourceLocation("communes.csv", 2, 1));

    private MergeMap Map(string text)
    {
        var path = Path.Combine(_folder, $"map-{Guid.NewGuid():n}.csv");
        File.WriteAllText(path, text);
        var bag = new DiagnosticBag();
        return MergeMap.Load(path, bag) ?? throw new InvalidOperationException(string.Join("\n", bag));
    }

    private static MergedData Merge(IReadOnlyList<DataRecord> records, MergeMap map)
    {
        var bag = new DiagnosticBag();
        return CommuneMerger.Merge(records, map, Catalogue, bag) ?? throw new InvalidOperationException(string.Join("\n", bag));
    }

    private static readonly DataRecord A = Commune("A", new()
    {
        ["poverty_rate"] = 10.0, ["resident_households"] = 300L, ["income_per_capita"] = 40.0, ["population"] = 1000L,
        ["makeshift_houses"] = 3L, ["rural_market"] = false, ["power_system_standard"] = true, ["radio_loudspeakers"] = true,
        ["region"] = "TDMNPB", ["commune_group"] = 3L, ["irrigated_land_pct"] = 90.0,
    });

    private static readonly DataRecord B = Commune("B", new()
    {
        ["poverty_rate"] = 4.0, ["resident_households"] = 100L, ["income_per_capita"] = 50.0, ["population"] = 3000L,
        ["makeshift_houses"] = 2L, ["rural_market"] = true, ["power_system_standard"] = false, ["radio_loudspeakers"] = null,
        ["region"] = "TN", ["commune_group"] = 3L, ["irrigated_land_pct"] = 70.0,
    });

    [Fact]
    public void Shares_are_weighted_by_their_base_counts_summed_and_booleans_decided_by_all_or_any()
    {
        var merged = Merge([A, B], Map("old_id,new_id,new_name\nA,N,Xã Mới\nB,N,\n"));
        var n = Assert.Single(merged.Records);
        Assert.Equal(("N", "Xã Mới", "P1"), (n.Id, n.Name, n.Parents["province"]));
        // By hand: poor-household rate (10 × 300 + 4 × 100) / 400 = 8.5; income (40 × 1000 + 50 × 3000) / 4000 = 47.5.
        Assert.Equal(8.5, (double)n.Values["poverty_rate"]!, 10);
        Assert.Equal(47.5, (double)n.Values["income_per_capita"]!, 10);
        Assert.Equal(5L, n.Values["makeshift_houses"]);
        Assert.Equal(400L, n.Values["resident_households"]);
        Assert.Equal(true, n.Values["rural_market"]);             // any: B has a market
        Assert.Equal(false, n.Values["power_system_standard"]);   // all: B's system is below standard
        Assert.Null(n.Values["radio_loudspeakers"]);              // all: A true, B unknown: undecidable
        Assert.Null(n.Values["region"]);                          // same: TDMNPB and TN differ
        Assert.Equal(3L, n.Values["commune_group"]);              // same: both group 3
        Assert.Null(n.Values["irrigated_land_pct"]);              // no agricultural_land_ha, its base

        var why = merged.Provenance["N"].Values.ToDictionary(v => v.Key);
        Assert.Equal(["A", "B"], merged.Provenance["N"].Predecessors);
        Assert.Equal("weighted by resident_households: (A 10 × 300 + B 4 × 100) / 400 = 8.5", why["poverty_rate"].Explanation);
        Assert.Equal([300.0, 100.0], why["poverty_rate"].From.Select(f => f.Weight!.Value));
        Assert.Equal("sum: A 3 + B 2 = 5", why["makeshift_houses"].Explanation);
        Assert.StartsWith("all: B is false, so false", why["power_system_standard"].Explanation);
        Assert.StartsWith("unknown: B has no radio_loudspeakers and the others are true", why["radio_loudspeakers"].Explanation);
        Assert.Contains("the predecessors differ (A TDMNPB, B TN)", why["region"].Explanation);
        Assert.Equal("unknown: A, B have no agricultural_land_ha, the base of irrigated_land_pct", why["irrigated_land_pct"].Explanation);
    }

    [Fact]
    public void An_indicator_with_no_sound_rule_stays_unknown_with_the_catalogues_reason()
    {
        var a = Commune("A", new() { ["commune_roads_hardened_pct"] = 100.0 });
        var b = Commune("B", new() { ["commune_roads_hardened_pct"] = 80.0 });
        var merged = Merge([a, b], Map("old_id,new_id\nA,N\nB,N\n"));
        Assert.Null(merged.Records[0].Values["commune_roads_hardened_pct"]);
        var why = merged.Provenance["N"].Values.Single(v => v.Key == "commune_roads_hardened_pct");
        Assert.Equal("unknown", why.Rule);
        Assert.Contains("road length", why.Explanation);
        Assert.Contains("A 100, B 80", why.Explanation);
    }

    [Fact]
    public void Households_follow_their_commune_and_other_records_are_kept()
    {
        var household = new DataRecord("household", "H1", null, new Dictionary<string, string> { ["commune"] = "B" },
            new Dictionary<string, object?>(), new SourceLocation("households.csv", 2, 1));
        var province = new DataRecord("province", "P1", "Tỉnh", new Dictionary<string, string>(), new Dictionary<string, object?>(), new SourceLocation("provinces.csv", 2, 1));
        var merged = Merge([province, A, B, household], Map("old_id,new_id\nA,N\nB,N\n"));
        Assert.Equal(["P1", "N", "H1"], merged.Records.Select(r => r.Id));
        Assert.Equal("N", merged.Records[2].Parents["commune"]);
    }

    [Fact]
    public void Every_commune_indicator_declares_a_merge_rule_with_its_reason()
    {
        var commune = Catalogue.IndicatorsOf("commune").ToArray();
        Assert.True(commune.Length >= 80);
        Assert.All(commune, i => Assert.True(i.Merge is { Reason.Length: > 0 }, $"{i.Key} has no merge rule with a reason"));
    }

    // ---- mapping errors, located -------------------------------------------------------------------------------------

    private (MergedData? Merged, List<Diagnostic> Errors) TryMerge(string mapText, params DataRecord[] records)
    {
        var path = Path.Combine(_folder, "map.csv");
        File.WriteAllText(path, mapText);
        var bag = new DiagnosticBag();
        var map = MergeMap.Load(path, bag);
        var merged = map is null ? null : CommuneMerger.Merge(records, map, Catalogue, bag);
        return (merged, bag.Where(d => d.IsError).ToList());
    }

    [Fact]
    public void A_mapping_row_naming_an_unknown_old_commune_is_located_with_a_suggestion()
    {
        var (merged, errors) = TryMerge("old_id,new_id\nA,N\nBB,N\nB,N\n", A, B);
        Assert.Null(merged);
        var e = Assert.Single(errors);
        Assert.Equal((DataCodes.MappedCommuneNotInData, 3, 1), (e.Code, e.Location.Line, e.Location.Column));
        Assert.Equal("did you mean 'B'?", e.Hint);
    }

    [Fact]
    public void An_old_commune_mapped_twice_names_both_lines()
    {
        var (merged, errors) = TryMerge("old_id,new_id\nA,N\nB,N\nA,M\n", A, B);
        Assert.Null(merged);
        var e = Assert.Single(errors);
        Assert.Equal((DataCodes.MappedTwice, 4), (e.Code, e.Location.Line));
        Assert.Contains("first at line 2", e.Message);
    }

    [Fact]
    public void A_commune_of_the_data_in_no_mapping_row_is_an_error_at_its_data_row()
    {
        var (_, errors) = TryMerge("old_id,new_id\nA,N\n", A, B);
        var e = Assert.Single(errors);
        Assert.Equal((DataCodes.CommuneNotMapped, "communes.csv"), (e.Code, e.Location.File));
        Assert.Contains("'B'", e.Message);
    }

    [Fact]
    public void Communes_of_two_provinces_merged_without_a_province_id_is_an_error_and_with_one_is_fine()
    {
        var b2 = B with { Parents = new Dictionary<string, string> { ["province"] = "P2" } };
        var (_, errors) = TryMerge("old_id,new_id\nA,N\nB,N\n", A, b2);
        Assert.Equal(DataCodes.MergedAcrossProvinces, Assert.Single(errors).Code);
        var (merged, none) = TryMerge("old_id,new_id,province_id\nA,N,P2\nB,N,P2\n", A, b2);
        Assert.Empty(none);
        Assert.Equal("P2", merged!.Records[0].Parents["province"]);
    }

    [Fact]
    public void A_bad_mapping_file_is_located()
    {
        var (_, errors) = TryMerge("old,new_id\nA,N\n", A);
        Assert.Contains(errors, e => e.Code == DataCodes.BadMergeMap && e.Location.Line == 1 && e.Message.Contains("no 'old_id' column"));
        (_, errors) = TryMerge("old_id,new_id\nA,\n", A);
        var e = Assert.Single(errors);
        Assert.Equal((3, "the row has no new_id"), (e.Location.Column, e.Message));
        (_, errors) = TryMerge("old_id,new_id,new_name\nA,N,One\nB,N,Two\n", A, B);
        Assert.Contains("new commune 'N' has new_name 'Two' here but 'One' at line 2", Assert.Single(errors).Message);
    }

    // ---- properties ----------------------------------------------------------------------------------------------------

    private static readonly Gen<double> Share = Gen.Choose(0, 10_000).Select(i => i / 100.0);
    private static readonly Gen<long> Count = Gen.Choose(0, 5_000).Select(i => (long)i);

    private static Gen<DataRecord> Communes(string id) =>
        from rate in Share
        from households in Gen.Choose(1, 5_000)
        from houses in Count
        from market in Gen.Elements<bool?>(true, false, null)
        select Commune(id, new Dictionary<string, object?>
        {
            ["poverty_rate"] = rate, ["resident_households"] = (long)households, ["makeshift_houses"] = houses, ["rural_market"] = market,
        });

    private static readonly Gen<(DataRecord a, DataRecord b, DataRecord c)> ThreeCommunes =
        from a in Communes("A") from b in Communes("B") from c in Communes("C") select (a, b, c);

    [Fact]
    public void Merging_one_commune_is_the_identity()
    {
        Prop.ForAll(Communes("A").ToArbitrary(), a =>
        {
            var merged = Merge([a], Map("old_id,new_id\nA,N\n")).Records.Single();
            return a.Values.All(kv => Equals(merged.Values.GetValueOrDefault(kv.Key), kv.Value));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void A_weighted_share_lies_between_the_predecessors_and_a_sum_adds_up()
    {
        Prop.ForAll(ThreeCommunes.ToArbitrary(), t =>
        {
            var n = Merge([t.a, t.b, t.c], Map("old_id,new_id\nA,N\nB,N\nC,N\n")).Records.Single().Values;
            var rates = new[] { t.a, t.b, t.c }.Select(r => (double)r.Values["poverty_rate"]!).ToArray();
            var rate = (double)n["poverty_rate"]!;
            var houses = new[] { t.a, t.b, t.c }.Sum(r => (long)r.Values["makeshift_houses"]!);
            return rate >= rates.Min() - 1e-9 && rate <= rates.Max() + 1e-9 && (long)n["makeshift_houses"]! == houses;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Merging_in_two_steps_gives_what_merging_at_once_gives()
    {
        // (A + B) + C = A + B + C: the base adds up, so a share weighted in steps is the share weighted at once;
        // any is associative in three-valued logic.
        Prop.ForAll(ThreeCommunes.ToArbitrary(), t =>
        {
            var once = Merge([t.a, t.b, t.c], Map("old_id,new_id\nA,N\nB,N\nC,N\n")).Records.Single().Values;
            var ab = Merge([t.a, t.b], Map("old_id,new_id\nA,AB\nB,AB\n")).Records.Single();
            var twice = Merge([ab, t.c], Map("old_id,new_id\nAB,N\nC,N\n")).Records.Single().Values;
            return Math.Abs((double)once["poverty_rate"]! - (double)twice["poverty_rate"]!) < 1e-9
                   && Equals(once["resident_households"], twice["resident_households"])
                   && Equals(once["makeshift_houses"], twice["makeshift_houses"])
                   && Equals(once.GetValueOrDefault("rural_market"), twice.GetValueOrDefault("rural_market"));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    // ---- end to end ------------------------------------------------------------------------------------------------------

    [Fact]
    public void Assessing_with_a_merge_map_assesses_the_merged_commune_and_reports_where_its_values_came_from()
    {
        var sample = RepositoryPaths.Sample("lao-cai-2025");
        var ids = File.ReadLines(Path.Combine(sample, "communes.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        var map = Path.Combine(_folder, "map.csv");
        File.WriteAllLines(map, ["old_id,new_id,new_name", .. ids.Select(id => id is "LC-001" or "LC-002" ? $"{id},M-1,Xã Mới" : $"{id},{id},")]);
        var result = RepositoryPaths.Assessor.Assess([sample], new AssessmentOptions { MergeMap = map, Standards = ["ntm-commune"] });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var communes = result.Report!.Subjects.Where(s => s.Kind == "commune").ToArray();
        Assert.Equal(ids.Length - 1, communes.Length);
        var m = communes.Single(s => s.Id == "M-1");
        Assert.Equal("Xã Mới", m.Name);
        Assert.Equal(["LC-001", "LC-002"], m.Merge!.Predecessors);
        // The sample carries no road lengths: the merged roads shares, and so the standard, stay unknown, with the reason.
        Assert.Equal(Verdict.Unknown, m.Standards.Single().Verdict);
        var roads = m.Standards.Single().Criteria.Single(c => c.Id == "c02").Indicators.First();
        Assert.Contains("commune_roads_hardened_pct", roads.Missing);
        Assert.Contains(m.Merge.Values, v => v.Key == "commune_roads_hardened_pct" && v.Explanation.Contains("road length"));
        Assert.All(communes.Where(c => c.Id != "M-1"), c => Assert.Equal(["single"], c.Merge!.Values.Select(v => v.Rule).Distinct()));
    }
}
