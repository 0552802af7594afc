using NtpRules.Assessment.Data;

namespace NtpRules.Assessment.Tests.Data;

/// <summary>Every file under Data/Malformed must give a located error (code, line, column) listed in expected.tsv.</summary>
public sealed class MalformedFileTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "Malformed");

    public static TheoryData<string, string, int, int> Cases()
    {
        var data = new TheoryData<string, string, int, int>();
        foreach (var line in File.ReadLines(Path.Combine(Folder, "expected.tsv")).Where(l => !l.StartsWith('#')))
        {
            var parts = line.Split('\t');
            data.Add(parts[0], parts[1], int.Parse(parts[2]), int.Parse(parts[3]));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_file_gives_a_located_error(string file, string code, int line, int column)
    {
        var path = Path.Combine(Folder, file);
        var reading = new DataReading(TestCatalogue.Instance, [path]);
        _ = reading.Records().ToList();

        Assert.True(reading.Diagnostics.HasErrors, $"{file}: no error reported");
        var errors = reading.Diagnostics.Where(d => d.IsError).ToList();
        var match = errors.FirstOrDefault(d => d.Code == code);
        Assert.True(match is not null, $"{file}: expected {code}, got {string.Join("; ", errors)}");
        var at = match.Location;
        Assert.True(at.File == path && at.Line == line && (column == 0 || at.Column == column),
            $"{file}: expected {code} at {line}:{column}, got {string.Join("; ", errors)}");
    }

    [Fact]
    public void Every_malformed_file_is_listed_and_there_are_at_least_thirty()
    {
        var listed = Cases().Select(c => (string)c[0]).ToHashSet();
        var present = Directory.GetFiles(Folder).Select(Path.GetFileName).Where(n => n != "expected.tsv").ToHashSet();
        Assert.Equal(present.Order(), listed.Order());
        Assert.True(listed.Count >= 30);
    }

    [Fact]
    public void Wrong_value_error_names_the_column_and_the_value()
    {
        var reading = new DataReading(TestCatalogue.Instance, [Path.Combine(Folder, "14-percent-over-100-communes.csv")]);
        _ = reading.Records().ToList();
        var error = Assert.Single(reading.Diagnostics, d => d.IsError);
        Assert.Contains("irrigated_land_pct", error.Message);
        Assert.Contains("'104'", error.Message);
        Assert.Contains("[0, 100]", error.Message);
    }
}

/// <summary>A long file's rows are parsed on a thread of their own, batches ahead of their checks.</summary>
public sealed class LongFileProblemTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ntp-long-file-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Problems_far_apart_in_a_long_file_come_in_line_order_each_at_its_own_line_and_column()
    {
        // Rows far beyond what the parsing thread reads ahead (8 batches of 256), problems of every sort among them;
        // the name is quoted and holds the delimiter, so a cell's column comes from the row's raw text.
        var lines = new List<string> { "id,name,district_id,region,irrigated_land_pct,has_craft_village,population" };
        for (var i = 1; i <= 6_000; i++)
            lines.Add(i switch
            {
                700 => $"C{i},\"Xã Bản, Phố\",D1,TDMNPB,104,true,4200",           // a value out of range: column 30
                2_345 => $"C{i},Xã Cốc San,D1,TDMNPB,85,true",                    // a field short
                4_100 => $"C{i},Xã \"Cốc\" San,D1,TDMNPB,85,true,3100",           // a quote inside an unquoted field
                5_999 => $"C{i},\"Xã Mường, Khương\",D1,TDMNPB,85,maybe,3100",    // not a boolean: column 39
                _ => $"C{i},\"Xã Bản, Phố {i}\",D1,TDMNPB,85,true,4200",
            });
        var path = Path.Combine(_folder, "communes.csv");
        File.WriteAllLines(path, lines);

        var reading = new DataReading(TestCatalogue.Instance, [path]);
        var records = reading.Records().ToList();

        Assert.Equal(6_000 - 4, records.Count);
        Assert.Equal(Enumerable.Range(1, 6_000).Except([700, 2_345, 4_100, 5_999]).Select(i => $"C{i}"), records.Select(r => r.Id));
        var errors = reading.Diagnostics.Where(d => d.IsError).Select(d => (d.Code, d.Location.Line, d.Location.Column)).ToList();
        Assert.Equal(
            [(DataCodes.OutOfRange, 701, 30), (DataCodes.RaggedRow, 2_346, 1), (DataCodes.MalformedCsv, 4_101, 1), (DataCodes.WrongType, 6_000, 39)],
            errors);
    }
}
