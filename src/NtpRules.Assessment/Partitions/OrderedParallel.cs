namespace NtpRules.Assessment.Partitions;

/// <summary>
/// Runs work items on a bounded number of threads and hands their results, in item order, to a consumer on the
/// calling thread. At most <c>window</c> items are started and not yet consumed, so a slow consumer holds back the
/// workers instead of letting results pile up. The first failure, in item order, is thrown; no work runs after return.
/// </summary>
internal static class OrderedParallel
{
    public static void Run<T>(int count, int degree, int window, Func<int, T> work, Action<int, T> consume, CancellationToken cancellation)
    {
        if (count == 0) return;
        degree = Math.Clamp(degree, 1, count);
        window = Math.Max(window, degree);
        var results = new TaskCompletionSource<T>?[count];
        for (var i = 0; i < count; i++) results[i] = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slots = new SemaphoreSlim(window);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var next = -1;

        void Worker()
        {
            while (true)
            {
                // A slot is taken before an item: the items holding slots are always the oldest not consumed, so the
                // one the consumer waits for is always running or done.
                try
                {
                    slots.Wait(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                var i = Interlocked.Increment(ref next);
                if (i >= count) return;
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
                slots.Release();
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
