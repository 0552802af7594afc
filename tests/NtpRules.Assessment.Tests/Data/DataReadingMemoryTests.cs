using NtpRules.Assessment.Data;

namespace NtpRules.Assessment.Tests.Data;

/// <summary>Tests that read the process's live heap: no other test may allocate meanwhile.</summary>
[CollectionDefinition(nameof(HeapMeasurement), DisableParallelization = true)]
public sealed class HeapMeasurement;

[Collection(nameof(HeapMeasurement))]
public sealed class DataReadingMemoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ntp-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Large_file_streams_with_memory_that_does_not_grow_with_rows()
    {
        // 200,000 households (~10 MB). Memory is sampled while enumerating: the live heap after 50,000 rows and after
        // 200,000 rows must be close, since rows are not kept (only the ids, for the duplicate check).
        var path = DataReadingTests.WriteRows(_dir, "id,commune_id,area,income_per_person,deprivation_count,head_name", 200_000,
            i => $"H{i},C{i % 500},rural,{1_000_000 + i % 900_000},{i % 7},Hộ số {i}");
        var reading = new DataReading(TestCatalogue.Instance, [path]);
        long at50k = 0, at200k = 0;
        var count = 0;
        foreach (var _ in reading.Records())
        {
            count++;
            if (count == 50_000) at50k = LiveBytes();
            if (count == 200_000) at200k = LiveBytes();
        }
        Assert.Equal(200_000, count);
        Assert.False(reading.Diagnostics.HasErrors);
        // The id hashes grow by ~70 B per row, and the hash set doubles its capacity in steps, so up to ~150 B per row
        // can be live at the moment of sampling; holding the records would add several hundred bytes per row more.
        Assert.True(at200k - at50k < 150_000 * 150L, $"live heap grew by {(at200k - at50k) / 1024} KB over 150,000 rows");
    }

    private static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
