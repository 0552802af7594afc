using System.Text.Json;
using System.Text.RegularExpressions;
using NtpRules.Cli.DecisionLog;
using Xunit.Abstractions;

namespace NtpRules.IntegrationTests;

/// <summary>Two real processes on the same folders at once: two workers on one inbox, two <c>assess</c> runs into one --out.</summary>
public sealed partial class ConcurrencyTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public async Task Two_workers_on_one_inbox_assess_every_file_exactly_once()
    {
        const int inputs = 40;
        RealData.CopyRules(_tmp["rules"]);
        for (var i = 0; i < inputs; i++) _tmp.Write($"inbox/twin-2025-{i:D2}.csv", RealData.Communes($"T{i:D2}", 2));

        using var a = WorkerProcess.Worker(_tmp.Root, _tmp["inbox"], _tmp["rules"], _tmp["out"]);
        using var b = WorkerProcess.Worker(_tmp.Root, _tmp["inbox"], _tmp["rules"], _tmp["out"]);
        await a.Until(() => _tmp.Files("processed").Length == inputs && _tmp.Files("inbox").Length == 0, "every file", TimeSpan.FromSeconds(120));
        Assert.Equal(0, await a.Stop());
        Assert.Equal(0, await b.Stop());

        var names = Enumerable.Range(0, inputs).Select(i => $"twin-2025-{i:D2}.csv").ToArray();
        Assert.Equal(names, _tmp.Files("processed")); // no suffixed second copy: nothing was moved twice
        var assessed = a.Lines.Concat(b.Lines).Select(l => AssessedLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(names, assessed.Order(StringComparer.Ordinal)); // each assessed by exactly one worker, once
        Assert.Empty(_tmp.Files("failed"));
        Assert.Empty(Directory.GetFileSystemEntries(_tmp["work"]));
        using var log = new DecisionLogStore(_tmp["out/decisions.db"]);
        // One run per input in the decision log, holding both of its communes.
        Assert.All(Enumerable.Range(0, inputs), i =>
            Assert.Single(log.History($"T{i:D2}-1").Concat(log.History($"T{i:D2}-2")).Select(h => h.RunId).Distinct()));
        output.WriteLine($"two workers, {inputs} files: {a.Count("Assessed ")} by the first, {b.Count("Assessed ")} by the second; none twice, none lost");
    }

    [Fact]
    public async Task Two_assess_runs_into_the_same_out_folder_take_turns_and_leave_one_runs_whole_set()
    {
        var root = RealData.RepoRoot();
        string[] args = ["assess", "--data", Path.Combine(root, "samples", "lao-cai-2024"), "--rules", Path.Combine(root, "rules"), "--out", _tmp["reports"]];
        using var first = WorkerProcess.Start(_tmp.Root, new Dictionary<string, string>(), args);
        using var second = WorkerProcess.Start(_tmp.Root, new Dictionary<string, string>(), args);

        Assert.Equal(0, await first.Exit());
        Assert.Equal(0, await second.Exit());

        Assert.Equal(["decisions.db", "lao-cai-2024-criteria.csv", "lao-cai-2024-households.csv", "lao-cai-2024-summary.csv", "lao-cai-2024-targets.csv",
            "lao-cai-2024.html", "lao-cai-2024.json", "lao-cai-2024.md"], _tmp.Files("reports"));
        Assert.Equal(["LC.html"], _tmp.Files("reports/lao-cai-2024-provinces"));
        using var log = new DecisionLogStore(_tmp["reports/decisions.db"]);
        var runs = log.History("LC-001").Select(h => h.RunId).Distinct().ToList();
        Assert.Equal(2, runs.Count); // both runs recorded, each whole
        // The runs took turns: every report in the folder comes from the same one of the two.
        string runId;
        using (var json = JsonDocument.Parse(File.ReadAllText(_tmp["reports/lao-cai-2024.json"])))
        {
            runId = json.RootElement.GetProperty("run").GetProperty("runId").GetString()!;
            Assert.Equal(126, json.RootElement.GetProperty("subjects").EnumerateArray().Count(s => s.GetProperty("kind").GetString() == "commune"));
        }
        Assert.Contains(runId, runs);
        Assert.All(["lao-cai-2024.md", "lao-cai-2024.html", "lao-cai-2024-provinces/LC.html"], f => Assert.Contains(runId, File.ReadAllText(_tmp["reports/" + f])));
        Assert.EndsWith("</html>", File.ReadAllText(_tmp["reports/lao-cai-2024.html"]).TrimEnd());
        var csv = File.ReadAllText(_tmp["reports/lao-cai-2024-summary.csv"]);
        Assert.True(csv.Split('\n').Length > 2 && csv.EndsWith('\n'));
    }

    [GeneratedRegex(@"Assessed (\S+\.csv):")]
    private static partial Regex AssessedLine();
}
