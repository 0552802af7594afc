using FsCheck;
using FsCheck.Fluent;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Partitions;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Tests.Partitions;

public sealed class ProvinceSpoolTests
{
    private static DataRecord Commune(int i, int provinces) =>
        new("commune", $"C{i}", $"Xã {i}", new Dictionary<string, string> { ["province"] = $"P{i % provinces}" },
            new Dictionary<string, object?> { ["note"] = new string((char)('a' + i % 26), 300 + i % 700), ["n"] = (double)i }, SourceLocation.None("communes.csv"));

    [Fact]
    public void Provinces_interleaved_beyond_the_buffers_held_come_back_whole_in_data_order_and_places_are_forgotten_once_split()
    {
        const int provinces = 300, communes = 12_000; // ~8 MB of records: buffers are written out and given back on the way
        using var spool = new ProvinceSpool(RepositoryPaths.Library.Catalogue.ToRecordCatalogue());
        for (var i = 0; i < communes; i++) Assert.True(spool.TryAdd(Commune(i, provinces), i));
        spool.Seal();

        var partitions = ProvincePartition.Split([], spool, []);

        Assert.Equal(provinces, partitions.Count);
        Assert.Throws<InvalidOperationException>(() => spool.ProvinceOf("commune", "C1"));
        foreach (var p in partitions)
        {
            var province = int.Parse(p.Province![1..]);
            var (records, indexes) = p.Load();
            var expected = Enumerable.Range(0, communes).Where(i => i % provinces == province).ToArray();
            Assert.Equal(expected, indexes);
            Assert.Equal(expected.Select(i => Commune(i, provinces).Values["note"]), records.Select(r => r.Values["note"]));
            Assert.Equal(expected.Select(i => $"C{i}"), records.Select(r => r.Id));
            // Read back as rows of one layout: the keys of a province's records are one array.
            Assert.All(records, r => Assert.Same(records[0].Values.Keys, Assert.IsType<RowValues>(r.Values).Keys));
        }
    }

    [Fact]
    public void The_spool_on_disk_is_a_small_part_of_the_records_written_and_reads_back_whole()
    {
        var folder = Directory.CreateTempSubdirectory("ntp-province-spool-tests-").FullName;
        try
        {
            const int provinces = 30, communes = 6_000;
            using var spool = new ProvinceSpool(RepositoryPaths.Library.Catalogue.ToRecordCatalogue(), folder);
            for (var i = 0; i < communes; i++) Assert.True(spool.TryAdd(Commune(i, provinces), i));
            spool.Seal();

            var notes = Enumerable.Range(0, communes).Sum(i => ((string)Commune(i, provinces).Values["note"]!).Length);
            Assert.True(new FileInfo(Assert.Single(Directory.GetFiles(folder))).Length < notes / 4);
            var back = spool.Provinces.SelectMany(p => spool.Load(p.Province)).OrderBy(r => r.Index).ToList();
            Assert.Equal(Enumerable.Range(0, communes).Select(i => Commune(i, provinces).Values["note"]), back.Select(r => r.Record.Values["note"]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Dropped_rows_are_not_read_back_nor_counted_and_a_province_left_empty_is_gone()
    {
        using var spool = new ProvinceSpool(RepositoryPaths.Library.Catalogue.ToRecordCatalogue());
        DataRecord Household(string id, string province, int line) => new("household", id, null,
            new Dictionary<string, string> { ["province"] = province }, new Dictionary<string, object?>(), new SourceLocation("households.csv", line, 1));
        Assert.True(spool.TryAdd(Household("H1", "P1", 2), 0));
        Assert.True(spool.TryAdd(Household("H2", "P1", 3), 1));
        Assert.True(spool.TryAdd(Household("H1", "P2", 4), 2));
        Assert.True(spool.TryAdd(Household("H2", "P1", 5), 3));
        spool.Seal();

        spool.Drop(new HashSet<SourceLocation> { new("households.csv", 4, 1), new("households.csv", 5, 1) });

        Assert.Equal([("P1", 0)], spool.Provinces);
        Assert.Equal(new Dictionary<string, int> { ["household"] = 2 }, spool.Kinds("P1"));
        Assert.Equal([(2, 0), (3, 1)], spool.Stream("P1").Select(r => (r.Record.Location.Line, r.Index)));
    }

    private static readonly string[] Keys = ["income_per_person", "household_size", "ethnic_minority", "area", "floor_area_m2", "surveyed_on", "note"];

    /// <summary>A record of any kind with values of every type, under keys, kinds and files that repeat across records.</summary>
    private static readonly Gen<DataRecord> Records =
        from kind in Gen.Elements("commune", "household", "district")
        from id in Gen.Choose(0, 1_000_000)
        from named in Gen.Elements(true, false)
        from file in Gen.Elements("a.csv", "b.csv", "dữ liệu.csv")
        from line in Gen.Choose(1, 100_000)
        from asRow in Gen.Elements(true, false)
        from values in Gen.Elements(Keys).SelectMany(key => Gen.OneOf(
                Gen.Constant<object?>(null),
                Gen.Choose(-1000, 1000).Select(i => (object?)(i / 7.0)),
                Gen.Elements(0.0, -0.0, 100.0, 2_147_483_647.0, 2_147_483_648.0, 1e300, -5.0).Select(d => (object?)d),
                Gen.Elements(0L, 1L, 255L, 256L, -1L, long.MaxValue).Select(l => (object?)l),
                Gen.Elements(true, false).Select(b => (object?)b),
                Gen.Choose(0, 20_000).Select(d => (object?)DateOnly.FromDayNumber(730_000 + d)),
                Gen.Elements("rural", "urban", "", "Xã Bản Vền").Select(t => (object?)t))
            .Select(value => (key, value))).ListOf()
        select new DataRecord(kind, $"{kind}-{id}", named ? $"Tên {id}" : null,
            new Dictionary<string, string> { ["province"] = $"P{id % 3}" },
            Values(values.DistinctBy(v => v.key).ToArray(), asRow), new SourceLocation(file, line, 1));

    /// <summary>As a dictionary, or as the readers give them (one array under a layout of keys).</summary>
    private static IReadOnlyDictionary<string, object?> Values((string Key, object? Value)[] values, bool asRow) => asRow
        ? new RowValues(RowValues.Layout.Of(values.Select(v => v.Key).ToArray())!, values.Select(v => v.Value).ToArray())
        : values.ToDictionary(v => v.Key, v => v.Value);

    [Fact]
    public void Records_come_back_from_the_spool_as_they_went_in()
    {
        Prop.ForAll(Records.ListOf().ToArbitrary(), records =>
        {
            using var spool = new ProvinceSpool(RepositoryPaths.Library.Catalogue.ToRecordCatalogue());
            for (var i = 0; i < records.Count; i++) Assert.True(spool.TryAdd(records[i], i));
            spool.Seal();
            var back = spool.Provinces.SelectMany(p => spool.Load(p.Province)).OrderBy(r => r.Index).ToList();
            Assert.Equal(Enumerable.Range(0, records.Count), back.Select(r => r.Index));
            for (var i = 0; i < records.Count; i++)
            {
                var (expected, actual) = (records[i], back[i].Record);
                Assert.Equal((expected.Kind, expected.Id, expected.Name, expected.Location), (actual.Kind, actual.Id, actual.Name, actual.Location));
                Assert.Equal(expected.Parents, actual.Parents);
                Assert.Equal(expected.Values.ToList(), actual.Values.ToList()); // values, their types and their order
                Assert.Equal(expected.Values.Values.Select(v => v?.GetType()), actual.Values.Values.Select(v => v?.GetType()));
                Assert.Equal(expected.Values.Values.Select(v => v is double d && double.IsNegative(d)), actual.Values.Values.Select(v => v is double d && double.IsNegative(d)));
            }
        }).QuickCheckThrowOnFailure();
    }
}
