using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace NtpRules.Assessment.Data;

/// <summary>
/// Enumerates a sequence on a thread of its own, a few batches ahead of the caller, so that producing the items and
/// using them take two cores instead of one: parsing a CSV file's rows and checking them; reading and checking rows
/// and spooling them by province. The items come in the source's order; the source's failure is rethrown, as thrown,
/// where the caller would have met it.
/// When the caller stops early, the source is stopped at its next batch and disposed before the caller goes on.
/// </summary>
internal static class ReadAhead
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int batchSize = 256, int batchesAhead = 8, string threadName = "ntp reading")
    {
        using var queue = new BlockingCollection<List<T>>(batchesAhead);
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var producer = new Thread(() =>
        {
            var batch = new List<T>(batchSize);
            try
            {
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count < batchSize) continue;
                    queue.Add(batch, stop.Token);
                    batch = new List<T>(batchSize);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The caller stopped early: the source's enumerator is disposed on the way out.
                batch.Clear();
            }
            catch (Exception e)
            {
                failure = e;
            }
            try
            {
                // The items read before the end (or before the failure) go first.
                if (batch.Count > 0) queue.Add(batch, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // The caller stopped meanwhile and takes no more.
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = threadName };
        producer.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
                foreach (var item in batch)
                    yield return item;
            producer.Join();
            if (failure is not null) ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }
    }
}
