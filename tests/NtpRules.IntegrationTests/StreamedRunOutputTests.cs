using NtpRules.Assessment.Results;
using NtpRules.Cli.DecisionLog;
using NtpRules.Cli.Pipeline;
using NtpRules.Language.Explanations;
using NtpRules.Reporting;

namespace NtpRules.IntegrationTests;

public sealed class StreamedRunOutputTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static RunInfo Run(string id) => new(id, new DateOnly(2024, 12, 31),
        [new RuleSetUse("ntm-commune", "2021-2025", "rules/ntm-commune/2021-2025.yaml", "r1")], [new InputFileUse("communes.csv", "in1")], "0.1.0",
        new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private static SubjectResult Commune(int i) => new($"C{i}", $"Xã {i}", "commune", "D1",
    [
        new StandardResult("ntm-commune", "NTM", i % 2 == 0 ? Verdict.Met : Verdict.NotMet, 19 - i % 2, 19, [], [], "", ""),
        new StandardResult("ntm-advanced", "Advanced", Verdict.NotMet, 3, 19, [], [], "", ""),
    ], []);

    /// <summary>A province, its district and <paramref name="communes"/> communes (two decision rows each).</summary>
    private static List<SubjectResult> Province(int communes)
    {
        var standard = Commune(0).Standards;
        var subjects = new List<SubjectResult> { new("P1", "Tỉnh Một", "province", null, standard, []), new("D1", "Huyện Một", "district", "P1", standard, []) };
        subjects.AddRange(Enumerable.Range(0, communes).Select(Commune));
        return subjects;
    }

    private void Write(StreamedRunOutput output, RunInfo run, IEnumerable<SubjectResult> province, IEnumerable<SubjectResult> after)
    {
        output.Begin(run);
        foreach (var s in province) output.Add(s);
        output.ProvinceDone([]);
        foreach (var s in after) output.Add(s);
        output.ProvinceDone([]);
        output.Complete(new AssessmentReport(run, [], [], []));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_format_failing_mid_run_fails_it_with_the_formats_message_leaving_the_last_reports_and_no_decisions(bool concurrent)
    {
        var folder = _tmp["out"];
        var log = _tmp["out/decisions.db"];
        using (var first = new StreamedRunOutput(folder, _ => "r", ReportFormats.Json | ReportFormats.Html, log, concurrent: concurrent))
            Write(first, Run("run-1"), Province(3), []);
        var before = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.Contains("decisions.db")).Order()
            .Select(f => (f, File.ReadAllText(f))).ToList();

        // More decision rows than are gathered before staging; then a commune of the province whose page was written
        // out: the HTML writer refuses it.
        var communes = DecisionLogStore.BatchSize / 2 + 100;
        var ex = Assert.Throws<InvalidOperationException>(() =>
        {
            using var second = new StreamedRunOutput(folder, _ => "r", ReportFormats.Json | ReportFormats.Html, log, concurrent: concurrent, subjectsWaiting: 16);
            Write(second, Run("run-2"), Province(communes), Enumerable.Range(communes, 500).Select(Commune));
        });

        Assert.Equal($"commune 'C{communes}' came after its province's page was finished", ex.Message);
        var after = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.Contains("decisions.db")).Order()
            .Select(f => (f, File.ReadAllText(f))).ToList();
        Assert.Equal(before, after);
        using var reopened = new DecisionLogStore(log);
        Assert.Equal(["run-1", "run-1"], reopened.History("C1").Select(h => h.RunId));
        Assert.Empty(reopened.History($"C{communes - 1}"));
    }

    [Fact]
    public void Decisions_staged_on_their_own_lane_are_the_rows_of_a_whole_append()
    {
        var subjects = Province(DecisionLogStore.BatchSize / 2 + 100);
        var run = Run("run-1");
        using (var output = new StreamedRunOutput(_tmp["streamed"], _ => "r", ReportFormats.Json, _tmp["streamed/decisions.db"], subjectsWaiting: 16))
            Write(output, run, subjects, []);
        using (var whole = new DecisionLogStore(_tmp["whole.db"])) whole.Append(new AssessmentReport(run, subjects, [], []));

        Assert.Equal(Rows(_tmp["whole.db"]), Rows(_tmp["streamed/decisions.db"]));
    }

    private static List<string> Rows(string path)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT rowid, * FROM decisions ORDER BY rowid";
        using var reader = cmd.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        return rows;
    }
}
