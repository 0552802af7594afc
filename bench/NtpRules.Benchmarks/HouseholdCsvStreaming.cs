using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using NtpRules.Assessment.Data;

namespace NtpRules.Benchmarks;

/// <summary>
/// Streams a household CSV through the data readers (parse, validate against the catalogue, duplicate-id check) and
/// folds it into commune poverty rates (share of households with income at or below the line and ≥ 3 deprivations).
/// Goal (issue 5): 1 M households in at most 10 s, with memory that does not grow with the rows read.
/// </summary>
[MemoryDiagnoser]
public class HouseholdCsvStreaming
{
    private static readonly RecordCatalogue Catalogue = new(
        [new RecordKind("commune", []), new RecordKind("household", ["commune"])],
        [
            new IndicatorColumn("income_per_person", "household", ColumnType.Number, 0),
            new IndicatorColumn("deprivation_count", "household", ColumnType.Integer, 0, 12),
            new IndicatorColumn("area", "household", ColumnType.Enum, Values: ["rural", "urban"]),
        ]);

    private string _path = "";

    [Params(1_000_000)]
    public int Households { get; set; }

    [GlobalSetup]
    public void Setup() => _path = Generate(Path.Combine(Path.GetTempPath(), $"ntp-households-{Households}.csv"), Households);

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public int CommunePovertyRates() => PovertyRates(_path).Count;

    /// <summary>Writes <paramref name="households"/> rows over 1 commune per 250 households.</summary>
    public static string Generate(string path, int households)
    {
        var random = new Random(7);
        using var w = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        w.WriteLine("id,name,commune_id,area,income_per_person,deprivation_count");
        for (var i = 0; i < households; i++)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"H{i},Hộ {i},C{i / 250},rural,{random.Next(600_000, 4_000_000)},{random.Next(0, 7)}"));
        return path;
    }

    public static Dictionary<string, double> PovertyRates(string path, decimal line = 1_500_000)
    {
        var reading = new DataReading(Catalogue, [path]);
        var counts = new Dictionary<string, (int Poor, int All)>();
        foreach (var h in reading.Records())
        {
            var commune = h.Parents["commune"];
            var poor = h.Values["income_per_person"] is double income && income <= (double)line
                       && h.Values["deprivation_count"] is long d && d >= 3;
            var c = counts.GetValueOrDefault(commune);
            counts[commune] = (c.Poor + (poor ? 1 : 0), c.All + 1);
        }
        if (reading.Diagnostics.HasErrors) throw new InvalidDataException(reading.Diagnostics.First(d => d.IsError).ToString());
        return counts.ToDictionary(kv => kv.Key, kv => 100.0 * kv.Value.Poor / kv.Value.All);
    }
}
