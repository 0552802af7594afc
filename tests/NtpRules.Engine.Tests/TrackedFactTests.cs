namespace NtpRules.Engine.Tests;

/// <summary>Facts that are their own working-memory entry (<see cref="TrackedFact"/>), alone and shared by sessions.</summary>
public sealed class TrackedFactTests
{
    private sealed class Reading(string meter, int value) : TrackedFact
    {
        public string Meter { get; } = meter;
        public int Value { get; set; } = value;
    }

    private sealed class High(Reading reading) : TrackedFact
    {
        public Reading Reading { get; } = reading;
    }

    private static readonly Network Rules = Compile();

    private static Network Compile()
    {
        var rule = new RuleBuilder("high");
        rule.Match<Reading>("r", r => r.Value > 10, "value>10");
        rule.Then(ctx => ctx.InsertLinked("high", new High(ctx.Get<Reading>(0))));
        return Network.Compile([rule.Build()]);
    }

    [Fact]
    public void A_tracked_fact_is_inserted_updated_retracted_and_inserted_again()
    {
        var session = Rules.CreateSession();
        var readings = Enumerable.Range(0, 5).Select(i => new Reading($"m{i}", i * 5)).ToArray();
        session.InsertAll(readings);
        session.Fire();
        Assert.Equal(2, session.Query<High>().Count);
        Assert.Equal(7, session.FactCount);
        Assert.False(session.TryInsert(readings[0]));

        readings[3].Value = 0;
        session.Update(readings[3]);
        session.Retract(readings[4]);
        session.Fire();
        Assert.Empty(session.Query<High>());
        Assert.False(session.Contains(readings[4]));
        Assert.Equal(4, session.FactCount);

        session.Insert(readings[4]);
        session.Fire();
        Assert.Same(readings[4], Assert.Single(session.Query<High>()).Reading);
        Assert.Equal([readings[0], readings[1], readings[2], readings[3], readings[4]],
            session.Query<Reading>().OrderBy(r => r.Meter));
    }

    [Fact]
    public void Two_sessions_share_tracked_facts_and_a_released_fact_moves_to_the_other()
    {
        var first = Rules.CreateSession();
        var second = Rules.CreateSession();
        var reading = new Reading("m", 20);

        first.Insert(reading);
        second.Insert(reading);
        Assert.Throws<ArgumentException>(() => second.Insert(reading));
        first.Fire();
        second.Fire();
        Assert.Single(first.Query<High>());
        Assert.Single(second.Query<High>());

        first.Retract(reading);
        second.Retract(reading);
        Assert.Equal(0, first.FactCount);
        second.Insert(reading);
        second.Fire();
        Assert.True(second.Contains(reading));
        Assert.False(first.Contains(reading));
        Assert.Single(second.Query<High>());
    }

    [Fact]
    public void Sessions_on_several_threads_insert_the_same_tracked_facts()
    {
        var readings = Enumerable.Range(0, 2_000).Select(i => new Reading($"m{i}", i % 20)).ToArray();
        var expected = readings.Count(r => r.Value > 10);

        var counts = new int[4];
        Parallel.For(0, counts.Length, i =>
        {
            var session = Rules.CreateSession();
            session.InsertAll(readings);
            session.Fire();
            counts[i] = session.Query<High>().Count;
            session.RetractAll(readings.Where((_, k) => k % 2 == i % 2).ToArray());
            session.Fire();
            counts[i] += session.Query<High>().Count * 10_000;
        });

        var half = readings.Where((_, k) => k % 2 == 1).Count(r => r.Value > 10);
        var otherHalf = expected - half;
        Assert.Equal([expected + half * 10_000, expected + otherHalf * 10_000, expected + half * 10_000,
            expected + otherHalf * 10_000], counts);
    }
}
