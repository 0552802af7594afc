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
        }
    }
}
