using System.Diagnostics;
using NtpRules.Engine;

namespace NtpRules.Benchmarks;

/// <summary>The commune workload at 100 k communes, a few runs, printed as one line for anyone checking figures.</summary>
internal static class QuickMode
{
    public static int Run(int communes = 100_000, int runs = 3)
    {
        var workload = new CommuneWorkload(communes);
        var network = CommuneWorkload.BuildNetwork();
        var engineTimes = new List<double>();
        var loopTimes = new List<double>();
        long retained = 0;
        for (var run = 0; run < runs; run++)
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var watch = Stopwatch.StartNew();
            var session = workload.RunEngine(network);
            engineTimes.Add(watch.Elapsed.TotalSeconds);
            retained = GC.GetTotalMemory(forceFullCollection: true) - before;
            var engineOutcome = CommuneWorkload.OutcomeOf(session);
            GC.KeepAlive(session);
            session = null;

            GC.Collect();
            watch.Restart();
            var loopOutcome = workload.RunLoop();
            loopTimes.Add(watch.Elapsed.TotalSeconds);
            if (!engineOutcome.Agrees(loopOutcome))
            {
                Console.Error.WriteLine($"engine and loop disagree: engine {engineOutcome.StandardMet} met, loop {loopOutcome.StandardMet}");
                return 1;
            }
            Console.WriteLine($"run {run + 1}: engine {engineTimes[^1]:F3} s, loop {loopTimes[^1]:F4} s, " +
                $"{engineOutcome.StandardMet} communes meet the standard, {engineOutcome.AreaCounts.Count} areas counted");
        }
        var engineBest = engineTimes.Min();
        var loopBest = loopTimes.Min();
        var enginePerSecond = (long)(communes / engineBest);
        var loopPerSecond = (long)(communes / loopBest);
        var ratio = (double)loopPerSecond / enginePerSecond;
        Console.WriteLine(FormattableString.Invariant(
            $"commune-workload n={communes} engine_per_s={enginePerSecond} loop_per_s={loopPerSecond} ratio={ratio:F1} retained_bytes_per_commune={retained / communes}"));
        return 0;
    }
}
