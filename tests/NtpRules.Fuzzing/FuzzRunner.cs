using System.Diagnostics;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Fuzzing;

/// <summary>
/// Feeds seeded mutations of a target's seeds to it, one at a time on a worker thread watched by the caller, and
/// checks each outcome: no exception, every error located (file and line), under the hang and allocation limits.
/// </summary>
public static class FuzzRunner
{
    private const int MaxFailuresKept = 20;

    /// <param name="lastInput">When set, each input is written there before it runs, so that an input that kills
    /// the process (a stack overflow) can be found afterwards.</param>
    public static FuzzResult Run(FuzzTarget target, int inputs, int seed, FuzzLimits? limits = null, string? lastInput = null)
    {
        limits ??= FuzzLimits.Default;
        var mutator = new Mutator(seed, target.Tokens);
        var random = new Random(seed ^ 0x5eed);
        var failures = new List<FuzzFailure>();
        var seen = new HashSet<string>();
        int accepted = 0, rejected = 0, done = 0;
        long slowest = 0, mostAllocated = 0;
        long started = 0;   // timestamp of the running input, 0 between inputs
        byte[] current = [];

        var clock = Stopwatch.StartNew();
        var worker = new Thread(() =>
        {
            for (var i = 0; i < inputs; i++)
            {
                var seedInput = target.Seeds[random.Next(target.Seeds.Count)];
                // One input in sixteen is a seed as is: the seeds themselves must pass.
                current = i % 16 == 0 ? seedInput : mutator.Mutate(seedInput);
                if (lastInput is not null) File.WriteAllBytes(lastInput, current);
                Volatile.Write(ref started, Stopwatch.GetTimestamp());
                var (wasRejected, failure) = Check(target, current, limits, out var elapsed, out var allocated);
                Volatile.Write(ref started, 0);
                slowest = Math.Max(slowest, elapsed);
                mostAllocated = Math.Max(mostAllocated, allocated);
                if (failure is not null)
                {
                    lock (failures)
                        if (failures.Count < MaxFailuresKept && seen.Add(failure.Kind + failure.Description)) failures.Add(failure);
                }
                else if (wasRejected) rejected++;
                else accepted++;
                Volatile.Write(ref done, i + 1);
            }
        }) { IsBackground = true, Name = "fuzz " + target.Name };
        worker.Start();
        // The watchdog catches an input that never ends; one that ends late is caught by Check. It waits five times
        // the limit, since Check runs a slow input a second time before calling it a hang.
        var watchdog = limits.Hang * 5;
        while (!worker.Join(100))
        {
            var s = Volatile.Read(ref started);
            if (s == 0 || Stopwatch.GetElapsedTime(s) <= watchdog) continue;
            // The input runs past the limit: report it and leave the background thread behind.
            lock (failures) failures.Add(new FuzzFailure(target.Name, FailureKind.Hang, $"still running after {watchdog.TotalSeconds:F0} s", current));
            break;
        }
        FuzzFailure[] found;
        lock (failures) found = [.. failures];
        return new FuzzResult(target.Name, Volatile.Read(ref done), accepted, rejected, found, clock.Elapsed,
            Stopwatch.GetElapsedTime(0, slowest), mostAllocated);
    }

    /// <summary>Runs one input (for regression files); null when it was accepted or rejected with located errors.</summary>
    public static FuzzFailure? Check(FuzzTarget target, byte[] input, FuzzLimits? limits = null)
    {
        return Check(target, input, limits ?? FuzzLimits.Default, out _, out _).Failure;
    }

    /// <summary>
    /// Times a slow input once more: on a loaded machine one run can be descheduled past the limit, while an input
    /// that really costs that much is slow every time.
    /// </summary>
    private static TimeSpan Retime(FuzzTarget target, byte[] input)
    {
        var start = Stopwatch.GetTimestamp();
        try { target.Run(input).Count(); }
        catch (Exception) { /* reported by the first run */ }
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Rejected: the input ended in located errors. Failure: it broke the contract.</summary>
    private static (bool Rejected, FuzzFailure? Failure) Check(FuzzTarget target, byte[] input, FuzzLimits limits, out long elapsed, out long allocated)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        FuzzFailure? failure = null;
        var rejected = false;
        try
        {
            var errors = target.Run(input).Where(d => d.IsError).ToList();
            rejected = errors.Count > 0;
            var unlocated = errors.FirstOrDefault(d => string.IsNullOrEmpty(d.Code) || string.IsNullOrEmpty(d.Location.File) || d.Location.Line < 1);
            if (unlocated is not null) failure = new FuzzFailure(target.Name, FailureKind.UnlocatedError, unlocated.ToString(), input);
        }
        catch (Exception ex)
        {
            var frame = new StackTrace(ex).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("NtpRules", StringComparison.Ordinal) == true);
            var where = frame?.GetMethod() is { } m ? $" in {m.DeclaringType?.Name}.{m.Name}" : "";
            failure = new FuzzFailure(target.Name, FailureKind.Exception, $"{ex.GetType().Name}{where}: {ex.Message}", input);
        }
        elapsed = Stopwatch.GetTimestamp() - start;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var took = Stopwatch.GetElapsedTime(start, start + elapsed);
        if (failure is null && took > limits.Hang && Retime(target, input) > limits.Hang)
            failure = new FuzzFailure(target.Name, FailureKind.Hang, $"took {took.TotalSeconds:F1} s, and as long again", input);
        if (failure is null && allocated > limits.MaxAllocatedBytes)
            failure = new FuzzFailure(target.Name, FailureKind.Memory, $"allocated {allocated / 1024 / 1024} MB", input);
        return (rejected, failure);
    }
}
