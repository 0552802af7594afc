using System.Diagnostics;
using System.Runtime.CompilerServices;
using NtpRules.Engine;

namespace NtpRules.Benchmarks;

/// <summary>The commune workload at 100 k communes, a few runs, printed as one line for anyone checking figures.</summary>
internal static class QuickMode
{
    public static int Run(int communes = 100_000, int runs = 3)
    {
        // Plain CLR result facts first, for comparison; the summary line is for results deriving from TrackedFact,
        // as the language's outcome facts do.
        if (Measure(new CommuneWorkload(communes, trackedResults: false), runs, "plain result facts") is not { } plain)
            return 1;
        Console.WriteLine(FormattableString.Invariant(
            $"plain result facts: engine_per_s={plain.EnginePerSecond} ratio={plain.Ratio:F1} retained_bytes_per_commune={plain.Retained / communes}"));
        var workload = new CommuneWorkload(communes);
        if (Measure(workload, runs, "tracked result facts") is not { } tracked) return 1;
        // After the single session, so that its heap does not start with the parallel runs' garbage.
        if (MeasureParallel(workload, runs) is not { } parallel) return 1;
        Console.WriteLine(FormattableString.Invariant(
            $"one session per province group, {Environment.ProcessorCount} in parallel: engine_per_s={parallel}"));
        // On a shared machine wall time includes waiting for a core; CPU time (all threads, GC included) does not.
        Console.WriteLine($"engine by CPU time: {(long)(communes / tracked.EngineCpuBest)} communes/s; machine: {Environment.ProcessorCount} cores");
        Console.WriteLine(FormattableString.Invariant(
            $"commune-workload n={communes} engine_per_s={tracked.EnginePerSecond} loop_per_s={tracked.LoopPerSecond} ratio={tracked.Ratio:F1} retained_bytes_per_commune={tracked.Retained / communes}"));
        if (MeasureEngines(workload, runs: 2) is not { } engines) return 1;
        Console.WriteLine(FormattableString.Invariant(
            $"engines n={communes} ntp_per_s={engines.Ntp} nrules_per_s={engines.NRules} ratio={(double)engines.Ntp / engines.NRules:F1}"));
        return EndToEnd.Engines() ? 0 : 1;
    }

    /// <summary>
    /// The same workload on ntp and on NRules (in the NRules back end's shape), same process, same data, each run from a
    /// collected heap; best of <paramref name="runs"/> for each. Null when the two disagree.
    /// </summary>
    private static (long Ntp, long NRules)? MeasureEngines(CommuneWorkload workload, int runs)
    {
        var communes = workload.Communes.Length;
        var network = workload.BuildNetwork();
        var factory = NRulesCommuneWorkload.Compile();
        var expected = workload.RunLoop();
        double ntpBest = double.MaxValue, nrulesBest = double.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var watch = Stopwatch.StartNew();
            var session = workload.RunEngine(network);
            ntpBest = Math.Min(ntpBest, watch.Elapsed.TotalSeconds);
            var ntpOutcome = CommuneWorkload.OutcomeOf(session);
            session = null;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            watch.Restart();
            var (kept, nrulesOutcome) = NRulesCommuneWorkload.Run(factory, workload);
            nrulesBest = Math.Min(nrulesBest, watch.Elapsed.TotalSeconds);
            GC.KeepAlive(kept);
            Console.WriteLine(FormattableString.Invariant(
                $"engines, run {run + 1}: ntp {communes / ntpBest:F0}/s, nrules {communes / nrulesBest:F0}/s (best so far), {nrulesOutcome.StandardMet} communes meet the standard"));
            if (!ntpOutcome.Agrees(expected) || !nrulesOutcome.Agrees(expected))
            {
                Console.Error.WriteLine($"engines disagree: ntp {ntpOutcome.StandardMet} met, nrules {nrulesOutcome.StandardMet}, loop {expected.StandardMet}");
                return null;
            }
        }
        return ((long)(communes / ntpBest), (long)(communes / nrulesBest));
    }

    private sealed record Figures(long EnginePerSecond, long LoopPerSecond, double EngineCpuBest, long Retained)
    {
        public double Ratio => (double)LoopPerSecond / EnginePerSecond;
    }

    /// <summary>Best of <paramref name="runs"/> runs with one session per group of provinces, as many at a time as
    /// there are cores; null when they disagree with the loop.</summary>
    private static long? MeasureParallel(CommuneWorkload workload, int runs)
    {
        var network = workload.BuildNetwork();
        var expected = workload.RunLoop();
        var best = double.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            var sessions = workload.RunEngineInParallel(network, Environment.ProcessorCount);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            if (!CommuneWorkload.OutcomeOf(sessions).Agrees(expected))
            {
                Console.Error.WriteLine("parallel sessions and loop disagree");
                return null;
            }
        }
        return (long)(workload.Communes.Length / best);
    }

    /// <summary>Best of <paramref name="runs"/> runs of the engine and of the loop; null when they disagree.</summary>
    private static Figures? Measure(CommuneWorkload workload, int runs, string label)
    {
        var communes = workload.Communes.Length;
        var network = workload.BuildNetwork();
        double engineBest = double.MaxValue, loopBest = double.MaxValue, engineCpuBest = double.MaxValue;
        long retained = 0;
        for (var run = 0; run < runs; run++)
        {
            var (engineSeconds, engineCpu, gcPause, gen2, allocated, bytes, engineOutcome) = RunEngine(workload, network);
            retained = bytes;
            GC.Collect();
            var watch = Stopwatch.StartNew();
            var loopOutcome = workload.RunLoop();
            var loopSeconds = watch.Elapsed.TotalSeconds;
            if (!engineOutcome.Agrees(loopOutcome))
            {
                Console.Error.WriteLine($"{label}: engine and loop disagree: engine {engineOutcome.StandardMet} met, loop {loopOutcome.StandardMet}");
                return null;
            }
            engineBest = Math.Min(engineBest, engineSeconds);
            engineCpuBest = Math.Min(engineCpuBest, engineCpu);
            loopBest = Math.Min(loopBest, loopSeconds);
            Console.WriteLine($"{label}, run {run + 1}: engine {engineSeconds:F3} s ({engineCpu:F3} s CPU, GC pauses {gcPause:F3} s, {gen2} gen2 collections, " +
                $"{allocated / communes} bytes allocated per commune), loop {loopSeconds:F4} s, " +
                $"{engineOutcome.StandardMet} communes meet the standard, {engineOutcome.AreaCounts.Count} areas counted, " +
                $"{bytes / communes} bytes retained per commune");
        }
        return new Figures((long)(communes / engineBest), (long)(communes / loopBest), engineCpuBest, retained);
    }

    /// <summary>One engine run; the session dies when this returns. Retained bytes: the session's heap after firing,
    /// the input records excluded (they exist before and after).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (double Seconds, double CpuSeconds, double GcPauseSeconds, int Gen2, long Allocated, long Retained,
        CommuneWorkload.Outcome Outcome) RunEngine(CommuneWorkload workload, Network network)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen2 = GC.CollectionCount(2);
        var watch = Stopwatch.StartNew();
        var session = workload.RunEngine(network);
        var seconds = watch.Elapsed.TotalSeconds;
        gen2 = GC.CollectionCount(2) - gen2;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var pauseSeconds = (GC.GetTotalPauseDuration() - pause).TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        var outcome = CommuneWorkload.OutcomeOf(session);
        GC.KeepAlive(session);
        return (seconds, cpuSeconds, pauseSeconds, gen2, allocated, retained, outcome);
    }
}
