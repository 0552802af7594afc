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
}
