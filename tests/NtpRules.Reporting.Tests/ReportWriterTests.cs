namespace NtpRules.Reporting.Tests;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ntp-reports-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writes_each_chosen_format_and_nothing_else()
    {
        var written = ReportWriter.WriteAll(ReportFixture.Build(), _dir, "lao-cai", ReportFormats.Json | ReportFormats.Csv);

        string[] csv = ["lao-cai-summary.csv", "lao-cai-criteria.csv", "lao-cai-households.csv", "lao-cai-targets.csv"];
        Assert.Equal(["lao-cai.json", .. csv], written.Select(Path.GetFileName));
        Assert.All(written, p => Assert.Equal(_dir, Path.GetDirectoryName(p)));
        Assert.Equal(["lao-cai-criteria.csv", "lao-cai-households.csv", "lao-cai-summary.csv", "lao-cai-targets.csv", "lao-cai.json"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_report_whole_and_no_temporary_file()
    {
        var path = Path.Combine(_dir, "report.json");
        AtomicFile.WriteText(path, w => w.Write("old complete report"));

        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(path, w =>
        {
            w.Write(new string('x', 100_000));
            w.Flush();
            throw new InvalidOperationException("killed mid-write");
        }));

        Assert.Equal("killed mid-write", ex.Message);
        Assert.Equal("old complete report", File.ReadAllText(path));
        Assert.Equal(["report.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void The_target_never_holds_a_partial_report_while_it_is_being_written()
    {
        var path = Path.Combine(_dir, "report.json");
        AtomicFile.WriteText(path, w =>
        {
            w.Write("{\"part\": 1");
            w.Flush();
            Assert.False(File.Exists(path)); // nothing visible under the final name until the rename
            w.Write("}");
        });
        Assert.Equal("{\"part\": 1}", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("json,md", ReportFormats.Json | ReportFormats.Markdown)]
    [InlineData("html, CSV", ReportFormats.Html | ReportFormats.Csv)]
    [InlineData("all", ReportFormats.All)]
    public void Format_lists_parse(string text, ReportFormats expected)
    {
        Assert.True(ReportFormatsText.TryParse([text], out var f, out _));
        Assert.Equal(expected, f);
    }

    [Fact]
    public void Unknown_format_is_named()
    {
        Assert.False(ReportFormatsText.TryParse(["json,pdf"], out _, out var bad));
        Assert.Equal("pdf", bad);
    }

    [Fact]
    public void A_set_whose_third_file_hits_a_full_disk_leaves_no_file_of_the_set()
    {
        File.WriteAllText(Path.Combine(_dir, "other.json"), "another run's report");
        var ex = Assert.Throws<IOException>(() =>
        {
            using var set = new AtomicFileSet();
            set.Add(Path.Combine(_dir, "r.json"), s => s.Write("{}"u8));
            set.Add(Path.Combine(_dir, "r.md"), s => s.Write("# r"u8));
            set.Add(Path.Combine(_dir, "r.html"), s =>
            {
                s.Write(new byte[50_000]);
                throw new IOException("No space left on device"); // what a full disk gives mid-write
            });
            set.Commit();
        });

        Assert.Equal("No space left on device", ex.Message);
        Assert.Equal(["other.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_set_that_fails_while_being_put_in_place_removes_the_files_it_had_put()
    {
        Directory.CreateDirectory(Path.GetFullPath(Path.Combine(_dir, "lao-cai.html"))); // cannot be replaced by a file

        Assert.ThrowsAny<IOException>(() => ReportWriter.WriteAll(ReportFixture.Build(), _dir, "lao-cai", ReportFormats.All));

        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Temporary_files_of_processes_that_no_longer_run_are_removed_and_others_kept()
    {
        var dead = Path.Combine(_dir, ".r.json.999999999-0123456789abcdef0123456789abcdef.tmp");
        var live = Path.Combine(_dir, $".r.json.{Environment.ProcessId}-0123456789abcdef0123456789abcdef.tmp");
        var other = Path.Combine(_dir, ".editor-swap.tmp");
        foreach (var f in new[] { dead, live, other }) File.WriteAllText(f, "partial");

        Assert.Equal(1, AtomicFile.DeleteOrphanTemps(_dir));

        Assert.Equal(new[] { live, other }.Order(), Directory.GetFiles(_dir).Order());
    }
}
