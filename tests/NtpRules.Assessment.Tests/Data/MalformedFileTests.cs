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
