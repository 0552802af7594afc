using FsCheck;
using FsCheck.Fluent;
using NtpRules.Assessment.Data;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Tests.Data;

public sealed class DeferredIdCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ntp-ids-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] SpoolFiles() => Directory.GetFiles(_dir, DeferredIdCheck.FilePrefix + "*");

    private static SourceLocation Row(string file, int line) => new(file, line, 1);

    /// <summary>What a plain set finds: each (kind, id) met before, with the line it was first met on.</summary>
    private static List<(string Kind, string Id, int Line, int FirstLine)> Reference(IReadOnlyList<(string Kind, string Id)> stream)
    {
        var first = new Dictionary<(string, string), int>();
        var found = new List<(string, string, int, int)>();
        for (var i = 0; i < stream.Count; i++)
        {
            var line = i + 2;
            if (first.TryGetValue(stream[i], out var f)) found.Add((stream[i].Kind, stream[i].Id, line, f));
            else first[stream[i]] = line;
        }
        return found;
    }

    private List<(string Kind, string Id, int Line, int FirstLine)> Deferred(IReadOnlyList<(string Kind, string Id)> stream, int budget, int fanIn, out int runs)
    {
        using var check = new DeferredIdCheck(_dir, budget, fanIn);
        for (var i = 0; i < stream.Count; i++)
            check.Add(stream[i].Kind, stream[i].Id, Row("households.csv", i + 2), Row("households.csv", i + 2), i);
        runs = check.Runs;
        return check.Finish().Select(s => (s.Kind, s.Id, s.Row.Line, s.FirstLine)).ToList();
    }

    [Fact]
    public void Duplicates_across_many_spilled_runs_name_the_line_first_seen()
    {
        // 5,000 ids, each 7th from the 1,000th on repeating one read 1,000 rows before (in another run); a 2 KB budget
        // writes a run every few dozen ids, and merging 3 at a time takes several levels.
        var stream = Enumerable.Range(0, 5_000)
            .Select(i => ("household", i >= 1_000 && i % 7 == 6 ? $"H{(i - 1_000) / 7 * 7}" : $"H{i}"))
            .ToList();

        var found = Deferred(stream, budget: 2_048, fanIn: 3, out var runs);

        Assert.True(runs > 50, $"only {runs} runs");
        Assert.Equal(Reference(stream), found);
        Assert.Equal(572, found.Count);
        Assert.Contains(("household", "H3997", 4_999, 3_999), found);
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void An_id_three_times_names_the_first_line_twice_and_ids_of_other_kinds_do_not_clash()
    {
        List<(string, string)> stream = [("household", "X"), ("commune", "X"), ("household", "Y"), ("household", "X"), ("household", "X")];

        var found = Deferred(stream, budget: 256, fanIn: 2, out _);

        Assert.Equal([("household", "X", 5, 2), ("household", "X", 6, 2)], found);
    }

    [Fact]
    public void Random_id_streams_give_what_a_hash_set_gives()
    {
        var ids = Gen.Elements("household", "commune").SelectMany(kind => Gen.Choose(0, 60).Select(n => (kind, $"ID-{n}")));
        var cases = Gen.ListOf(ids).SelectMany(stream => Gen.Choose(256, 4_096).SelectMany(budget => Gen.Choose(2, 5)
            .Select(fanIn => (Stream: stream.ToList(), Budget: budget, FanIn: fanIn))));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var found = Deferred(c.Stream, c.Budget, c.FanIn, out _);
            return found.SequenceEqual(Reference(c.Stream)) && SpoolFiles().Length == 0;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Where_each_id_was_read_and_the_mark_given_come_back_with_it()
    {
        using var check = new DeferredIdCheck(_dir, budgetBytes: 256, fanIn: 2);
        check.Add("household", "Hộ-1", new SourceLocation("a.yaml", 4, 3), new SourceLocation("a.yaml", 4, 9), 0);
        for (var i = 0; i < 100; i++) check.Add("household", $"H{i}", Row("b.csv", i + 2), Row("b.csv", i + 2), 1);
        check.Add("household", "Hộ-1", new SourceLocation("c.json", 7, 5), new SourceLocation("c.json", 8, 11), 3);

        var s = Assert.Single(check.Finish());

        Assert.Equal(("household", "Hộ-1", 4, 3), (s.Kind, s.Id, s.FirstLine, s.Position));
        Assert.Equal((new SourceLocation("c.json", 7, 5), new SourceLocation("c.json", 8, 11)), (s.Row, s.At));
    }

    [Fact]
    public void The_runs_are_on_disk_while_reading_and_gone_once_disposed()
    {
        var check = new DeferredIdCheck(_dir, budgetBytes: 256);
        for (var i = 0; i < 1_000; i++) check.Add("household", $"H{i}", Row("h.csv", i + 2), Row("h.csv", i + 2), 0);

        Assert.Equal([check.FilePath!], SpoolFiles());
        check.Dispose();
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void Few_ids_stay_in_memory_and_write_no_file()
    {
        using var check = new DeferredIdCheck(_dir);
        check.Add("household", "H1", Row("h.csv", 2), Row("h.csv", 2), 0);
        check.Add("household", "H1", Row("h.csv", 3), Row("h.csv", 3), 0);

        Assert.Single(check.Finish());
        Assert.Equal(0, check.Runs);
        Assert.Empty(SpoolFiles());
    }
}
