using NtpRules.Assessment.Partitions;

namespace NtpRules.Assessment.Tests.Partitions;

public sealed class OrderedParallelTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(2, 25)]
    [InlineData(3, 1000)]
    public void Results_come_in_order_and_those_waiting_beyond_the_workers_stay_within_the_budget(int degree, long budget)
    {
        var weights = Enumerable.Range(0, 40).Select(i => (long)(i % 7 * 5)).ToArray();
        var gate = new object();
        var started = new HashSet<int>();
        var consumed = new List<int>();
        var worst = 0L;
        OrderedParallel.Run(weights.Length, degree, 4 * degree, i => weights[i], budget, i =>
        {
            lock (gate)
            {
                started.Add(i);
                var waiting = started.Except(consumed).OrderBy(x => x).ToArray();
                // Beyond the first `degree` outstanding items, the weights held must fit the budget.
                if (waiting.Length > degree) worst = Math.Max(worst, waiting.Sum(x => weights[x]));
            }
            Thread.Sleep(i % 3);
            return i * 2;
        }, (i, result) =>
        {
            Assert.Equal(i * 2, result);
            Thread.Sleep(2); // a slow writer
            lock (gate) consumed.Add(i);
        }, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, weights.Length), consumed);
        Assert.True(worst <= budget, $"held {worst} beyond the workers, budget {budget}");
    }

    [Fact]
    public void The_first_failure_in_item_order_is_thrown()
    {
        var e = Assert.Throws<InvalidOperationException>(() => OrderedParallel.Run(20, 2, 4, _ => 1, 10, i =>
            i is 5 or 9 ? throw new InvalidOperationException($"item {i}") : i, (_, _) => { }, CancellationToken.None));
        Assert.Equal("item 5", e.Message);
    }
}
