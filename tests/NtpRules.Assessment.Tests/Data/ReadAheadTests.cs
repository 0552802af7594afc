using FsCheck;
using FsCheck.Fluent;
using NtpRules.Assessment.Data;

namespace NtpRules.Assessment.Tests.Data;

public sealed class ReadAheadTests
{
    [Fact]
    public void Items_come_in_the_sources_order_whatever_the_batch_and_queue_sizes()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), Gen.Choose(1, 9).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (items, batch, ahead) =>
                ReadAhead.Of(items, batch, ahead).SequenceEqual(items))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_sources_failure_reaches_the_caller_after_the_items_before_it()
    {
        static IEnumerable<int> Failing()
        {
            for (var i = 0; i < 1000; i++) yield return i;
            throw new InvalidDataException("row 1001 is bad");
        }

        var seen = new List<int>();
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var i in ReadAhead.Of(Failing(), batchSize: 64)) seen.Add(i);
        });
        Assert.Equal("row 1001 is bad", e.Message);
        Assert.Equal(Enumerable.Range(0, 1000), seen);
    }

    [Fact]
    public void A_caller_that_stops_early_finds_the_source_stopped_and_disposed()
    {
        var source = new Endless();
        foreach (var i in ReadAhead.Of(source, batchSize: 16, batchesAhead: 2))
            if (i == 100) break;
        // Disposed before the loop above returned, and stopped within the batches it may read ahead.
        Assert.True(source.Disposed);
        Assert.InRange(source.Produced, 101, 101 + 16 * 4);
    }

    [Fact]
    public void The_source_runs_on_another_thread()
    {
        var caller = Environment.CurrentManagedThreadId;
        Assert.All(ReadAhead.Of(Enumerable.Range(0, 10).Select(_ => Environment.CurrentManagedThreadId)), t => Assert.NotEqual(caller, t));
    }

    private sealed class Endless : IEnumerable<int>
    {
        public int Produced;
        public volatile bool Disposed;

        public IEnumerator<int> GetEnumerator()
        {
            try
            {
                while (true) yield return Produced++;
            }
            finally
            {
                Disposed = true;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
