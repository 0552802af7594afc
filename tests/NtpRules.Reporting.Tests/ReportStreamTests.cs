using NtpRules.Language.Explanations;
using System.Text;
using NtpRules.Assessment.Results;

namespace NtpRules.Reporting.Tests;

public sealed class ReportStreamTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ntp-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two provinces: a province subject, a district, communes and households each.</summary>
    private static AssessmentReport TwoProvinces()
    {
        var one = ReportFixture.Build();
        var commune = one.Subjects[0];
        var household = one.Subjects[2];
        SubjectResult Province(string id, string name) => new(id, name, "province", null, commune.Standards, []);
        return one with
        {
            Subjects =
            [
                Province("P1", "Tỉnh Một"), Province("P2", "Tỉnh Hai"),
                commune with { Id = "D1", Kind = "district", Parent = "P1" }, commune with { Id = "D2", Kind = "district", Parent = "P2" },
                commune with { Id = "C1", Name = "Xã Một", Parent = "D1" }, commune with { Id = "C2", Name = "Xã Hai", Parent = "D2" },
                commune with { Id = "C3", Name = "Xã Ba", Parent = "D1" },
                household with { Id = "H1", Parent = "C1" }, household with { Id = "H2", Parent = "C1" }, household with { Id = "H3", Parent = "C2" },
            ],
        };
    }

    private static string Whole(Action<TextWriter> write)
    {
        using var w = new StringWriter();
        write(w);
        return w.ToString();
    }

    [Fact]
    public void Json_markdown_and_csv_written_subject_by_subject_equal_the_whole_document_writers()
    {
        var report = TwoProvinces();
        using (var stream = new ReportStream(report.Run, _dir, "r", ReportFormats.All))
        {
            foreach (var s in report.Subjects) stream.Add(s);
            stream.Complete(report.Rollups, report.Targets);
        }

        using var json = new MemoryStream();
        JsonReportWriter.Write(report, json);
        Assert.Equal(json.ToArray(), File.ReadAllBytes(Path.Combine(_dir, "r.json")));
        Assert.Equal(Whole(w => MarkdownReportWriter.Write(report, w)), File.ReadAllText(Path.Combine(_dir, "r.md"), Encoding.UTF8));
        Assert.Equal(Whole(w => CsvSummaryWriter.Write(report, w)), File.ReadAllText(Path.Combine(_dir, "r-summary.csv"), Encoding.UTF8));
    }

    [Fact]
    public void A_json_report_larger_than_the_flush_size_is_written_out_whole()
    {
        var one = ReportFixture.Build();
        var report = one with { Subjects = Enumerable.Range(0, 9_000).Select(i => one.Subjects[i % 3] with { Id = $"S{i}" }).ToArray() };
        using (var stream = new ReportStream(report.Run, _dir, "big", ReportFormats.Json))
        {
            stream.Add(report.Subjects);
            stream.Complete(report.Rollups, report.Targets);
        }

        using var whole = new MemoryStream();
        JsonReportWriter.Write(report, whole);
        Assert.True(whole.Length > 2 << 20, $"the report is {whole.Length} bytes: too small to be flushed on the way");
        Assert.Equal(whole.ToArray(), File.ReadAllBytes(Path.Combine(_dir, "big.json")));
    }

    [Fact]
    public void Html_is_an_index_linking_one_page_per_province_holding_only_that_provinces_subjects()
    {
        var report = TwoProvinces();
        var written = ReportWriter.WriteAll(report, _dir, "r", ReportFormats.Html);

        Assert.Equal([Path.Combine(_dir, "r.html"), Path.Combine(_dir, "r-provinces")], written);
        var index = File.ReadAllText(Path.Combine(_dir, "r.html"));
        Assert.Contains("<a href=\"r-provinces/P1.html\">Tỉnh Một</a>", index);
        Assert.Contains("<a href=\"r-provinces/P2.html\">Tỉnh Hai</a>", index);
        Assert.Contains("<h2 id=\"summary\">Summary</h2>", index);
        Assert.Contains("<h2 id=\"targets\">Targets</h2>", index);
        // Summaries link to the communes they count, filtered, on the page holding them.
        var rollups = new[]
        {
            new Rollup("province", "P1", "Tỉnh Một", [new RollupStandard("ntm-commune", 2, 0, 0, 19)]),
            new Rollup("district", "D1", "Huyện Một", [new RollupStandard("ntm-commune", 1, 1, 0, 18)]),
        };
        var target = report.Targets[0] with { Scope = "province P1", Actual = 100, Verdict = Verdict.Met, Gap = null, Measure = "share(commune, met('ntm-commune'))", Comparison = ">=" };
        ReportWriter.WriteAll(report with { Rollups = rollups, Targets = [target] }, _dir, "links", ReportFormats.Html);
        var linked = File.ReadAllText(Path.Combine(_dir, "links.html"));
        Assert.Contains("<td class=\"num\"><a href=\"links-provinces/P1.html#v=ntm-commune:met\">2</a></td>", linked);
        Assert.Contains("<td class=\"num\"><a href=\"links-provinces/P1.html#in=D1&amp;v=ntm-commune:not-met\">1</a></td>", linked);
        // The target counts the province's communes: its sentence says so and links to them on the province's page.
        Assert.Contains("2 of 2 communes meet ntm-commune (100 %); target at least 80 % = 2 communes: met. <a href=\"links-provinces/P1.html#v=ntm-commune:met\">communes meeting it</a>", linked);
        // The province's page repeats its own summary, linking into its own index.
        Assert.Contains("<td class=\"num\"><a href=\"#in=D1&amp;v=ntm-commune:met\">1</a></td>", File.ReadAllText(Path.Combine(_dir, "links-provinces", "P1.html")));
        Assert.DoesNotContain("<section class=\"subject\"", index);

        var p1 = File.ReadAllText(Path.Combine(_dir, "r-provinces", "P1.html"));
        var p2 = File.ReadAllText(Path.Combine(_dir, "r-provinces", "P2.html"));
        Assert.Contains("href=\"../r.html\"", p1);
        foreach (var id in new[] { "province-P1", "district-D1", "commune-C1", "commune-C3" }) Assert.Contains($"id=\"{id}\"", p1);
        foreach (var id in new[] { "province-P2", "district-D2", "commune-C2" }) Assert.Contains($"id=\"{id}\"", p2);
        Assert.DoesNotContain("commune-C2", p1);
        Assert.DoesNotContain("commune-C1", p2);
        // Households are counted on their province's page: two poor households in C1, one in C2.
        Assert.Contains("<td>household</td><td>C1</td><td>poverty_status</td><td>poor</td><td class=\"num\">2</td>", p1);
        Assert.Contains("<td>household</td><td>C2</td><td>poverty_status</td><td>poor</td><td class=\"num\">1</td>", p2);
        Assert.DoesNotContain("<td>C2</td>", p1);
    }

    /// <summary>Writes a first report set, runs <paramref name="second"/> over a second stream into the same folder,
    /// and checks that the first set is left as it was, with no temporary file beside it.</summary>
    private void LeavesThePreviousReports(Action<AssessmentReport, ReportStream> second)
    {
        var report = TwoProvinces();
        ReportWriter.WriteAll(report, _dir, "r", ReportFormats.All);
        var before = Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Order().Select(File.ReadAllBytes).ToList();

        using (var stream = new ReportStream(report.Run with { RunId = "run-2" }, _dir, "r", ReportFormats.All))
            second(report, stream);

        var after = Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Order().ToList();
        Assert.DoesNotContain(after, f => f.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal));
        Assert.Equal(before, after.Select(File.ReadAllBytes));
    }

    [Fact]
    public void An_uncompleted_stream_leaves_the_previous_reports_and_no_temporary_files() =>
        LeavesThePreviousReports((report, stream) => stream.Add(report.Subjects.Take(5)));

    [Fact]
    public void A_file_that_fails_while_the_set_is_finished_leaves_the_previous_reports_and_no_temporary_files() =>
        LeavesThePreviousReports((report, stream) =>
        {
            stream.Add(report.Subjects);
            // The Markdown's spooled subjects disappear: its file fails while the others are being finished.
            foreach (var spool in Directory.GetFiles(_dir, ".r.md.subjects*")) File.Delete(spool);
            Assert.Throws<FileNotFoundException>(() => stream.Complete(report.Rollups, report.Targets));
        });
}
