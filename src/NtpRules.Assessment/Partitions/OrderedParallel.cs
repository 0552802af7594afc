namespace NtpRules.Assessment.Partitions;

/// <summary>
/// Runs work items on a bounded number of threads and hands their results, in item order, to a consumer on the
/// calling thread. Items started and not yet consumed are bounded, so a slow consumer holds back the workers instead
/// of letting results pile up: at most <c>window</c> of them, and beyond the first <c>degree</c> (which keep every
/// worker busy) only while their weights (what each result holds) add up to at most <c>budget</c>. The first failure,
/// in item order, is thrown; no work runs after return.
/// </summary>
internal static class OrderedParallel
{
    public static void Run<T>(int count, int degree, int window, Func<int, long> weight, long budget, Func<int, T> work, Action<int, T> consume,
        CancellationToken cancellation)
    {
        if (count == 0) return;
        degree = Math.Clamp(degree, 1, count);
        window = Math.Max(window, degree);
        var results = new TaskCompletionSource<T>?[count];
        for (var i = 0; i < count; i++) results[i] = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var gate = new object(); // Monitor.Wait: not a Lock
        int next = 0, outstanding = 0;
        long held = 0;
        using var wake = stop.Token.Register(() =>
        {
            lock (gate) Monitor.PulseAll(gate);
        });

        // Items are taken in order, so the items started and not consumed are always the oldest not consumed: the
        // one the consumer waits for is running or done, or nothing is outstanding and it may start.
        int Take()
        {
            lock (gate)
                while (true)
                {
                    if (stop.IsCancellationRequested || next >= count) return -1;
                    var w = weight(next);
                    if (outstanding < degree || (outstanding < window && held + w <= budget))
                    {
                        outstanding++;
                        held += w;
                        return next++;
                    }
                    Monitor.Wait(gate);
                }
        }

        void Worker()
        {
            while (Take() is >= 0 and var i)
                try
                {
                    results[i]!.SetResult(work(i));
                }
                catch (Exception e)
                {
                    results[i]!.SetException(e);
                    stop.Cancel();
                    return;
                }
        }

        var workers = new Task[degree];
        for (var w = 0; w < degree; w++) workers[w] = Task.Factory.StartNew(Worker, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var task = results[i]!.Task;
                try
                {
                    task.Wait(cancellation);
                }
                catch (AggregateException)
                {
                    // The item failed: thrown unwrapped below.
                }
                var result = task.GetAwaiter().GetResult();
                results[i] = null; // consumed: its result can go
                consume(i, result);
                lock (gate)
                {
                    outstanding--;
                    held -= weight(i);
                    Monitor.PulseAll(gate);
                }
            }
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            Task.WaitAll(workers);
        }
    }
}
