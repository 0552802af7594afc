using System.Text;
using NtpRules.Assessment.Data;

namespace NtpRules.Assessment.Tests.Data;

/// <summary>A reading that checks the households' ids once it ends (<see cref="DataReading.DefersLeafIds"/>) against one that checks them row by row.</summary>
public sealed class DeferredIdReadingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ntp-deferred-").FullName;
    private readonly string _spools = Directory.CreateTempSubdirectory("ntp-deferred-spools-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Directory.Delete(_spools, recursive: true);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private string[] SpoolFiles() => Directory.GetFiles(_spools, DeferredIdCheck.FilePrefix + "*");

    private DataReading Deferred(IReadOnlyList<string> files, bool lenient, int budget = 512) =>
        new(TestCatalogue.Instance, files, lenient) { DefersLeafIds = true, TemporaryFolder = _spools, IdBudgetBytes = budget };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Duplicates_are_reported_as_the_row_by_row_check_reports_them_and_their_rows_dropped(bool lenient)
    {
        var households = new StringBuilder("id,commune_id,deprivation_count\n");
        for (var i = 0; i < 300; i++)
            households.Append(i switch
            {
                120 => "H7,C1,3\n",        // repeats line 9, in another run
                121 => "H8,C1,99\n",       // a bad cell, then the id repeated
                200 => "H260,C1,1\n",      // first seen here; line 262 repeats it
                250 => "H7,C9,1\n",        // a third time, naming a commune not in the data
                _ => $"H{i},C1,{i % 12}\n",
            });
        string[] files =
        [
            Write("a-communes.csv", "id,district_id,irrigated_land_pct\nC1,D1,50\nC2,D1,140\nC1,D1,50\n"),
            Write("b-households.csv", households.ToString()),
            Write("c-households.yaml", "- { kind: household, id: H3, commune_id: C1 }\n- { kind: household, id: Hx, commune_id: C1, deprivation_count: -1 }\n"),
        ];
        var online = new DataReading(TestCatalogue.Instance, files, lenient);
        var expected = online.Records().ToList();
        var deferred = Deferred(files, lenient);

        var records = deferred.Records().ToList();

        Assert.Equal(Shown(online), Shown(deferred));
        Assert.Equal(5, deferred.DroppedRows.Count);
        Assert.Equal(expected.Select(r => (r.Kind, r.Id, r.Location)), records.Where(r => !deferred.DroppedRows.Contains(r.Location)).Select(r => (r.Kind, r.Id, r.Location)));
        Assert.Contains(Shown(deferred), d => d.Message == "duplicate household id 'H7' (first seen on line 9)" && d.Line == 252);
        Assert.Contains(Shown(deferred), d => d.Message == "duplicate household id 'H3' (first seen on line 5)" && d.File.EndsWith("c-households.yaml"));
        Assert.Empty(SpoolFiles());
    }

    /// <summary>What the user sees, in order: the diagnostics, and the problems of a lenient reading.</summary>
    private static List<(string Code, string Message, string File, int Line, int Column)> Shown(DataReading reading) =>
        reading.Diagnostics.Select(d => (d.Code, d.Message, d.Location.File, d.Location.Line, d.Location.Column))
            .Concat(reading.Problems.Select(p => (p.Code, p.Message, p.File, p.Line, p.Column)))
            .ToList();

    [Fact]
    public void The_runs_are_removed_when_reading_stops_on_an_exception()
    {
        var path = DataReadingTests.WriteRows(_dir, "id,commune_id", 2_000, i => $"H{i},C1");
        var reading = Deferred([path], lenient: false);
        var spooled = 0;

        var thrown = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var r in reading.Records())
                if (r.Id == "H1500")
                {
                    spooled = SpoolFiles().Length;
                    throw new InvalidOperationException("stopped");
                }
        });

        Assert.Equal("stopped", thrown.Message);
        Assert.Equal(1, spooled);
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void A_large_file_read_with_a_small_budget_finds_its_one_duplicate_and_leaves_no_file()
    {
        var path = DataReadingTests.WriteRows(_dir, "id,commune_id", 20_000, i => $"H{i},C{i % 40}", last: "H19999,C1");
        var reading = Deferred([path], lenient: false, budget: 64 << 10);

        Assert.Equal(20_001, reading.Records().Count());

        var e = Assert.Single(reading.Diagnostics);
        Assert.Equal((DataCodes.DuplicateId, "duplicate household id 'H19999' (first seen on line 20001)", 20_002), (e.Code, e.Message, e.Location.Line));
        Assert.Equal([new Language.Diagnostics.SourceLocation(path, 20_002, 1)], reading.DroppedRows);
        Assert.Empty(SpoolFiles());
    }
}
