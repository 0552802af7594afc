using NtpRules.Assessment.Results;
using NtpRules.Cli.DecisionLog;
using NtpRules.Language.Explanations;

namespace NtpRules.IntegrationTests;

public sealed class DecisionLogTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static AssessmentReport Report(string runId, DateOnly asOf, Verdict c1, int met, string ruleSha = "r1") => new(
        new RunInfo(runId, asOf, [new RuleSetUse("ntm-commune", "2021-2025", "rules/ntm-commune/2021-2025.yaml", ruleSha)],
            [new InputFileUse("communes.csv", "in1"), new InputFileUse("households.csv", "in2")], "0.1.0", new DateTimeOffset(asOf, TimeOnly.MinValue, TimeSpan.Zero)),
        [
            new SubjectResult("C1", "Xã Bản Phố", "commune", "D1",
                [new StandardResult("ntm-commune", "NTM", c1, met, 19, [], [], "", ""), new StandardResult("ntm-advanced", "Advanced", Verdict.NotMet, 3, 19, [], [], "", "")], []),
            new SubjectResult("H1", "Hộ A", "household", "C1", [], [new ClassificationResult("poverty_status", "poor", "", "")]),
        ],
        [], []);

    [Fact]
    public void Appends_each_run_with_rule_sets_input_hash_and_per_standard_verdicts()
    {
        var path = _tmp["log/decisions.db"];
        using (var log = new DecisionLogStore(path))
        {
            log.Append(Report("run-2023", new DateOnly(2023, 12, 31), Verdict.NotMet, 17));
            log.Append(Report("run-2024", new DateOnly(2024, 12, 31), Verdict.Met, 19, "r2"));
        }
        using var reopened = new DecisionLogStore(path);
        var history = reopened.History("C1", "ntm-commune");

        Assert.Equal([("run-2023", Verdict.NotMet, 17), ("run-2024", Verdict.Met, 19)], history.Select(h => (h.RunId, h.Verdict, h.CriteriaMet)));
        Assert.All(history, h => Assert.Equal(DecisionLogStore.InputHash([new("b", "in2"), new("a", "in1")]), h.InputHash));
        Assert.Equal("ntm-commune@2021-2025", history[0].RuleSets);
        Assert.Equal(4, reopened.History("C1").Count); // both standards, both runs
        Assert.Empty(reopened.History("H1"));           // households carry classifications, not standards
    }

    private static SubjectResult Commune(int i) => new($"C{i}", "Xã", "commune", "D1",
        [new StandardResult("ntm-commune", "NTM", i % 2 == 0 ? Verdict.Met : Verdict.NotMet, 19 - i % 2, 19, [], [], "", "")], []);

    [Fact]
    public void Decisions_of_a_run_larger_than_a_batch_are_all_recorded_across_batches_and_partitions()
    {
        using var log = new DecisionLogStore(_tmp["decisions.db"]);
        var run = Report("run-big", new DateOnly(2024, 12, 31), Verdict.Met, 19).Run;
        var count = DecisionLogStore.BatchSize * 2 + 7;

        log.StageDecisions(run.RunId, Enumerable.Range(0, count / 2).Select(Commune).SelectMany(DecisionRow.Of));            // a first partition
        log.StageDecisions(run.RunId, Enumerable.Range(count / 2, count - count / 2).Select(Commune).SelectMany(DecisionRow.Of)); // a second
        log.CommitRun(run);

        foreach (var i in new[] { 0, 1, DecisionLogStore.BatchSize - 1, DecisionLogStore.BatchSize, count / 2, count - 2, count - 1 })
        {
            var entry = Assert.Single(log.History($"C{i}", "ntm-commune"));
            Assert.Equal((run.RunId, i % 2 == 0 ? Verdict.Met : Verdict.NotMet, 19 - i % 2), (entry.RunId, entry.Verdict, entry.CriteriaMet));
        }
        Assert.Empty(log.History($"C{count}"));
    }

    [Fact]
    public void Staged_decisions_are_unseen_until_the_run_is_committed_and_then_are_the_rows_of_a_whole_append()
    {
        var report = Report("run-s", new DateOnly(2024, 12, 31), Verdict.Met, 19) with
        {
            Subjects = [.. Report("run-s", new DateOnly(2024, 12, 31), Verdict.Met, 19).Subjects, .. Enumerable.Range(2, 30).Select(Commune)],
        };
        using (var whole = new DecisionLogStore(_tmp["whole.db"])) whole.Append(report);
        using (var staged = new DecisionLogStore(_tmp["staged.db"]))
        {
            foreach (var part in report.Subjects.Chunk(7)) staged.StageDecisions(report.Run.RunId, part.SelectMany(DecisionRow.Of));
            using (var reader = new DecisionLogStore(_tmp["staged.db"]))
                Assert.Empty(reader.History("C2"));
            Assert.Empty(Rows(_tmp["staged.db"]));
            staged.CommitRun(report.Run);
        }

        Assert.Equal(Rows(_tmp["whole.db"]), Rows(_tmp["staged.db"]));
        Assert.Equal(2 + 30, Rows(_tmp["staged.db"]).Count);
    }

    [Fact]
    public void Decisions_staged_for_a_run_never_committed_leave_nothing_in_the_log()
    {
        var path = _tmp["decisions.db"];
        using (var log = new DecisionLogStore(path))
        {
            log.Append(Report("run-before", new DateOnly(2023, 12, 31), Verdict.NotMet, 17));
            log.StageDecisions("run-failed", Enumerable.Range(0, 50).Select(Commune).SelectMany(DecisionRow.Of));
        } // the run failed before its entry was committed

        using var reopened = new DecisionLogStore(path);
        Assert.Equal(["run-before"], reopened.History("C1").Select(h => h.RunId).Distinct());
        Assert.Empty(reopened.History("C0"));
        Assert.Equal(2, Rows(path).Count);
        reopened.CommitRun(Report("run-after", new DateOnly(2024, 12, 31), Verdict.Met, 19).Run); // nothing staged here: no rows
        Assert.Equal(2, Rows(path).Count);
    }

    /// <summary>Every row of the log's decisions in table order, with the run's id and date.</summary>
    private static List<string> Rows(string path)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT d.rowid, d.*, r.as_of FROM decisions d JOIN runs r ON r.run_id = d.run_id ORDER BY d.rowid";
        using var reader = cmd.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        return rows;
    }

    [Fact]
    public void Appending_the_same_run_again_replaces_it()
    {
        using var log = new DecisionLogStore(_tmp["decisions.db"]);
        log.Append(Report("run-x", new DateOnly(2024, 12, 31), Verdict.Unknown, 18));
        log.Append(Report("run-x", new DateOnly(2024, 12, 31), Verdict.Met, 19));

        var entry = Assert.Single(log.History("C1", "ntm-commune"));
        Assert.Equal(Verdict.Met, entry.Verdict);
    }

    [Fact]
    public void The_latest_earlier_verdict_is_the_baseline()
    {
        using var log = new DecisionLogStore(_tmp["decisions.db"]);
        log.Append(Report("run-2022", new DateOnly(2022, 12, 31), Verdict.NotMet, 15));
        log.Append(Report("run-2023", new DateOnly(2023, 12, 31), Verdict.NotMet, 17));
        log.Append(Report("run-2024", new DateOnly(2024, 12, 31), Verdict.Met, 19));

        Assert.Equal("run-2023", log.LatestBefore("C1", "ntm-commune", new DateOnly(2024, 6, 30))?.RunId);
        Assert.Null(log.LatestBefore("C1", "ntm-commune", new DateOnly(2022, 1, 1)));
    }

    [Fact]
    public void Input_hash_does_not_depend_on_file_order()
    {
        Assert.Equal(DecisionLogStore.InputHash([new("a", "1"), new("b", "2")]), DecisionLogStore.InputHash([new("b", "2"), new("a", "1")]));
        Assert.NotEqual(DecisionLogStore.InputHash([new("a", "1")]), DecisionLogStore.InputHash([new("a", "2")]));
    }

    [Fact]
    public void A_file_that_is_not_a_decision_log_gives_an_error_naming_it_and_is_left_as_it_is()
    {
        var path = _tmp.Write("decisions.db", new string('x', 5000));

        var ex = Assert.Throws<DecisionLogException>(() => new DecisionLogStore(path));

        Assert.Equal(path, ex.LogPath);
        Assert.StartsWith($"decision log '{path}' is damaged or not a decision log", ex.Message);
        Assert.Equal(new string('x', 5000), File.ReadAllText(path));
    }

    [Fact]
    public void A_decision_log_cut_short_gives_an_error_naming_it()
    {
        var path = _tmp["decisions.db"];
        using (var log = new DecisionLogStore(path))
            for (var i = 0; i < 50; i++) log.Append(Report($"run-{i}", new DateOnly(2024, 12, 31), Verdict.Met, 19));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]); // a copy interrupted part-way

        var ex = Assert.Throws<DecisionLogException>(() =>
        {
            using var log = new DecisionLogStore(path);
            log.History("C1");
        });
        Assert.Contains($"decision log '{path}'", ex.Message);
    }
}
