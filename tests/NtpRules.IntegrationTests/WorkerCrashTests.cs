using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace NtpRules.IntegrationTests;

/// <summary>
/// The real worker process, killed with SIGKILL at random (seeded) moments and restarted, over an inbox of 50 files of
/// which every fifth is malformed. Nothing may be lost, done twice, or left half-written.
/// </summary>
public sealed partial class WorkerCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 2025, Inputs = 50, Kills = 10;
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static bool Malformed(int i) => i % 5 == 4;

    private static string Name(int i) => $"lc-2025-{i:D2}.csv";

    [Fact]
    public async Task Killed_at_random_moments_the_worker_loses_no_file_and_records_each_once()
    {
        RealData.CopyRules(_tmp["rules"]);
        var hashes = new Dictionary<string, string>();
        for (var i = 0; i < Inputs; i++)
        {
            var path = _tmp.Write($"inbox/{Name(i)}", RealData.Communes($"K{i:D2}", 2 + i % 3, Malformed(i)));
            hashes[Name(i)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        }
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var (putBack, doneAtKill) = (0, new List<int>());

        for (var k = 0; k < Kills; k++)
        {
            using var worker = WorkerProcess.Worker(_tmp.Root, _tmp["inbox"], _tmp["rules"], _tmp["out"]);
            await worker.WaitForLine("Rules loaded");
            // Every other kill waits for the stream of files to flow, so that kills land in every step of a file.
            if (k % 2 == 1)
                await worker.Until(() => worker.Count("Assessed ") + worker.Count("Rejected ") > 0 || _tmp.Files("inbox").Length == 0, "a first file", TimeSpan.FromSeconds(120));
            await Task.Delay(random.Next(0, 1500));
            Assert.False(worker.HasExited, worker.Output);
            worker.Kill();
            putBack += PutBack(worker);
            doneAtKill.Add(_tmp.Files("processed").Length + _tmp.Files("failed").Count(f => !f.EndsWith(".error.txt")));
        }
        using (var last = WorkerProcess.Worker(_tmp.Root, _tmp["inbox"], _tmp["rules"], _tmp["out"]))
        {
            // Started, so that its stop is the host's: the kills may already have let every input through.
            await last.WaitForLine("Rules loaded");
            await last.Until(() => _tmp.Files("processed").Length + _tmp.Files("failed").Count(f => !f.EndsWith(".error.txt")) == Inputs
                                   && _tmp.Files("inbox").Length == 0, "every input to be done", TimeSpan.FromSeconds(120));
            var stopped = await last.Stop();
            Assert.True(stopped == 0, $"exit {stopped}:\n{last.Output}");
            putBack += PutBack(last);
        }

        // Every input is in exactly one of processed/ and failed/, under its own name; none is left anywhere else.
        var good = Enumerable.Range(0, Inputs).Where(i => !Malformed(i)).Select(Name).Order(StringComparer.Ordinal).ToArray();
        var bad = Enumerable.Range(0, Inputs).Where(Malformed).Select(Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(good, _tmp.Files("processed"));
        Assert.Equal(bad.SelectMany(n => new[] { n, n + ".error.txt" }).Order(StringComparer.Ordinal), _tmp.Files("failed"));
        Assert.All(bad, n => Assert.Contains("NTP5008", File.ReadAllText(_tmp[$"failed/{n}.error.txt"])));
        Assert.Empty(_tmp.Files("inbox"));
        Assert.Empty(Directory.GetFileSystemEntries(_tmp["work"]));

        // Every good input has one complete report set, and nothing else is in out/ (no temporary file, no stray set).
        var reportFiles = new[] { ".json", ".md", ".html", "-summary.csv", "-criteria.csv" };
        var stray = _tmp.Files("out").Where(f => f != "decisions.db" && !good.Any(n => f.StartsWith(Path.GetFileNameWithoutExtension(n) + ".") ||
            f.StartsWith(Path.GetFileNameWithoutExtension(n) + "-"))).ToArray();
        Assert.Empty(stray);
        Assert.DoesNotContain(_tmp.Files("out"), f => f.EndsWith(".tmp"));
        Assert.All(good, n => Assert.All(reportFiles, suffix => Assert.True(File.Exists(_tmp[$"out/{Path.GetFileNameWithoutExtension(n)}{suffix}"]), n + suffix)));
        foreach (var n in good)
        {
            var stem = Path.GetFileNameWithoutExtension(n);
            using var json = JsonDocument.Parse(File.ReadAllText(_tmp[$"out/{stem}.json"]));
            Assert.Equal(File.ReadAllLines(_tmp[$"processed/{n}"]).Length - 1, json.RootElement.GetProperty("subjects").GetArrayLength());
            Assert.EndsWith("</html>", File.ReadAllText(_tmp[$"out/{stem}.html"]).TrimEnd());
        }

        // The decision log holds exactly one run per good input, none for a bad one.
        using var db = new SqliteConnection($"Data Source={_tmp["out/decisions.db"]};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT i.sha256, COUNT(*) FROM runs r JOIN run_inputs i ON i.run_id = r.run_id GROUP BY i.sha256";
        var runs = new Dictionary<string, long>();
        using (var reader = cmd.ExecuteReader())
            while (reader.Read()) runs[reader.GetString(0)] = reader.GetInt64(1);
        Assert.Equal(good.Select(n => hashes[n]).Order(StringComparer.Ordinal), runs.Keys.Order(StringComparer.Ordinal));
        Assert.All(runs.Values, count => Assert.Equal(1, count));

        output.WriteLine($"seed {Seed}: {Kills} SIGKILLs survived in {clock.Elapsed.TotalSeconds:0.0} s; inputs done at each kill: {string.Join(", ", doneAtKill)}; " +
                         $"{putBack} claimed file(s) put back after a kill; files lost: 0; runs recorded twice: 0; temporary files left: 0");
    }

    private static int PutBack(WorkerProcess worker) =>
        worker.Lines.Select(l => PutBackLine().Match(l)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value));

    [GeneratedRegex(@"Put (\d+) file\(s\) claimed by a worker that stopped")]
    private static partial Regex PutBackLine();
}
