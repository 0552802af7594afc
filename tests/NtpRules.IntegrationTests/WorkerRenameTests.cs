using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace NtpRules.IntegrationTests;

/// <summary>
/// The real worker process while a folder moves under it for 20 s: the worker must still run afterwards, assess a file
/// dropped then, and log heartbeats. Each scenario is its own class so that xunit runs the two at the same time.
/// </summary>
internal static class RenameLoop
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    /// <summary>Starts the worker on a copy of the rules with a heartbeat every 3 s.</summary>
    public static async Task<WorkerProcess> StartWorker(TempFolder tmp)
    {
        RealData.CopyRules(tmp["rules"]);
        Directory.CreateDirectory(tmp["inbox"]);
        var worker = WorkerProcess.Worker(tmp.Root, tmp["inbox"], tmp["rules"], tmp["out"], new Dictionary<string, string> { ["Worker__HeartbeatMinutes"] = "0.05" });
        await worker.WaitForLine("Rules loaded");
        return worker;
    }

    /// <summary>Moves <paramref name="path"/> away and back, at random short intervals, for the duration; returns the rounds done.</summary>
    public static async Task<int> Run(string path, int seed, Action<string, string> move, Action? midway = null)
    {
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (clock.Elapsed < Duration)
        {
            move(path, path + ".away");
            await Task.Delay(random.Next(0, 60));
            move(path + ".away", path);
            await Task.Delay(random.Next(0, 60));
            if (++rounds == 20) midway?.Invoke();
        }
        return rounds;
    }

    /// <summary>The worker survived: it runs, assesses a file dropped now, logged heartbeats, never failed as a host; then stops cleanly.</summary>
    public static async Task AssertStillWorking(WorkerProcess worker, TempFolder tmp, ITestOutputHelper output, string scenario, int rounds)
    {
        Assert.False(worker.HasExited, worker.Output);
        File.WriteAllText(tmp["inbox/after-2025.csv"], RealData.Communes("AFTER", 3));
        await worker.Until(() => File.Exists(tmp["processed/after-2025.csv"]), "the file dropped after the renames");
        using (var json = JsonDocument.Parse(File.ReadAllText(tmp["out/after-2025.json"])))
            Assert.Equal(3, json.RootElement.GetProperty("subjects").GetArrayLength());
        await worker.WaitForLine("Heartbeat: ");
        Assert.Equal(0, await worker.Stop());

        Assert.DoesNotContain("BackgroundService", worker.Output);
        Assert.DoesNotContain("Unhandled exception", worker.Output);
        output.WriteLine($"{scenario}: {rounds} rounds in {Duration.TotalSeconds:0} s; worker still running; {worker.Count("Heartbeat: ")} heartbeat(s); " +
                         $"{worker.Count("Rules loaded")} load(s), {worker.Count("changed while they were loading")} load(s) discarded as half-changed, " +
                         $"{worker.Count("fail their check")} failed check(s), {worker.Count("is missing")} missing-folder report(s)");
        output.WriteLine(string.Join("\n", worker.Lines.Where(l => l.Contains("Heartbeat: ")).TakeLast(1)));
    }
}

public sealed class WorkerRulesRenameTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public async Task Renaming_a_catalogue_file_away_and_back_for_20_s_never_stops_the_worker()
    {
        using var worker = await RenameLoop.StartWorker(_tmp);
        var during = RealData.Communes("DURING", 3);

        var rounds = await RenameLoop.Run(_tmp["rules/catalogue/household.yaml"], seed: 15, File.Move,
            midway: () => File.WriteAllText(_tmp["inbox/during-2025.csv"], during));

        Assert.True(File.Exists(_tmp["rules/catalogue/household.yaml"]));
        await RenameLoop.AssertStillWorking(worker, _tmp, output, "rules rename loop", rounds);
        // The file dropped while the rules churned was assessed too, with a complete set of rules (the last good one).
        Assert.True(File.Exists(_tmp["processed/during-2025.csv"]), worker.Output);
        Assert.True(worker.Count("changed while they were loading") + worker.Count("fail their check") > 0, "the loop never caught a reload mid-change:\n" + worker.Output);
    }
}

public sealed class WorkerInboxRenameTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public async Task Renaming_the_inbox_away_and_back_for_20_s_never_stops_the_worker()
    {
        using var worker = await RenameLoop.StartWorker(_tmp);

        var rounds = await RenameLoop.Run(_tmp["inbox"], seed: 16, Directory.Move,
            midway: () => File.WriteAllText(_tmp["inbox/during-2025.csv"], RealData.Communes("DURING", 3)));

        await RenameLoop.AssertStillWorking(worker, _tmp, output, "inbox rename loop", rounds);
        Assert.True(File.Exists(_tmp["processed/during-2025.csv"]), worker.Output);
        // Reported once per change of state, not once per pass.
        Assert.InRange(worker.Count("is missing; waiting for it"), 1, rounds);
        Assert.Equal(worker.Count("is missing; waiting for it"), worker.Count("is back"));
    }
}
