using BenchmarkDotNet.Attributes;
using NtpRules.Engine;

namespace NtpRules.Benchmarks;

public sealed class FactA(int value)
{
    public int Value { get; set; } = value;
    public string Key => "k" + (Value % 100);
}

public sealed class FactB(int value)
{
    public int Value { get; set; } = value;
    public string Key { get; } = "k" + (value % 100);
}

/// <summary>Shaped like NRules' micro benchmarks: insert facts and fire, per operation, on a fresh session.</summary>
[MemoryDiagnoser]
public abstract class SessionBenchmark
{
    protected Network Network { get; set; } = null!;

    protected object[] Facts { get; set; } = [];

    [Benchmark]
    public int InsertAndFire()
    {
        var session = Network.CreateSession();
        session.InsertAll(Facts);
        return session.Fire();
    }

    /// <summary>One FactA and one FactB for each of <paramref name="count"/> values.</summary>
    protected static object[] Pairs(int count) =>
        Enumerable.Range(0, count).SelectMany(i => new object[] { new FactA(i), new FactB(i) }).ToArray();
}

public class OneFactRuleBenchmark : SessionBenchmark
{
    [Params(10, 100, 1000)]
    public int FactCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rule = new RuleBuilder("one fact");
        rule.Match<FactA>("a", a => a.Value % 2 == 0, "even");
        rule.Then(_ => { });
        Network = Network.Compile([rule.Build()]);
        Facts = Enumerable.Range(0, FactCount).Select(i => (object)new FactA(i)).ToArray();
    }
}

public class ManyRulesBenchmark : SessionBenchmark
{
    [Params(10, 100, 1000)]
    public int RuleCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Network = Network.Compile(Enumerable.Range(0, RuleCount).Select(i =>
        {
            var threshold = i % 100;
            var rule = new RuleBuilder($"rule {i}");
            rule.Match<FactA>("a", a => a.Value >= threshold, $"value>={threshold}");
            rule.Then(_ => { });
            return rule.Build();
        }));
        Facts = Enumerable.Range(0, 100).Select(i => (object)new FactA(i)).ToArray();
    }
}

public class TwoFactJoinBenchmark : SessionBenchmark
{
    [Params(100, 1000)]
    public int FactCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rule = new RuleBuilder("join");
        var a = rule.Match<FactA>("a");
        rule.Match<FactB>("b").JoinOn<FactA, FactB>(a, x => x.Key, b => b.Key, "a.key=b.key");
        rule.Then(_ => { });
        Network = Network.Compile([rule.Build()]);
        Facts = Pairs(FactCount);
    }
}

public class TwoFactAggregateBenchmark : SessionBenchmark
{
    [Params(100, 1000)]
    public int FactCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rule = new RuleBuilder("aggregate");
        var a = rule.Match<FactA>("a", x => x.Value < 100, "value<100");
        rule.Aggregate("n", FactType.Of<FactB>(), Aggregator.Count())
            .JoinOn<FactA, FactB>(a, x => x.Key, b => b.Key, "a.key=b.key");
        rule.Then(_ => { });
        Network = Network.Compile([rule.Build()]);
        Facts = Pairs(FactCount);
    }
}

/// <summary>Compiling a 1,000-rule network: distinct conditions, joins and aggregates.</summary>
[MemoryDiagnoser]
public class CompileBenchmark
{
    private RuleDefinition[] _rules = null!;

    [GlobalSetup]
    public void Setup() => _rules = Enumerable.Range(0, 1000).Select(i =>
    {
        var rule = new RuleBuilder($"rule {i}");
        var a = rule.Match<FactA>("a", x => x.Value >= i, $"value>={i}");
        if (i % 3 == 1) rule.Match<FactB>("b").JoinOn<FactA, FactB>(a, x => x.Key, b => b.Key, "a.key=b.key");
        if (i % 3 == 2)
            rule.Aggregate("n", FactType.Of<FactB>(), Aggregator.Count()).JoinOn<FactA, FactB>(a, x => x.Key, b => b.Key, "a.key=b.key");
        rule.Then(_ => { });
        return rule.Build();
    }).ToArray();

    [Benchmark]
    public int Compile1000Rules() => Network.Compile(_rules).Statistics.BetaNodes;
}

/// <summary>The commune workload: engine against the hand-written loop (baseline), with the collector the quick mode
/// and the CLI use.</summary>
[MemoryDiagnoser]
[GcServer(true)]
[GcConcurrent(false)]
public class CommuneWorkloadBenchmark
{
    private CommuneWorkload _workload = null!;
    private Network _network = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Communes { get; set; }

    /// <summary>Result facts deriving from <see cref="TrackedFact"/> (as the language's do), or plain objects.</summary>
    [Params(true, false)]
    public bool TrackedResults { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = new CommuneWorkload(Communes, trackedResults: TrackedResults);
        _network = _workload.BuildNetwork();
        if (!CommuneWorkload.OutcomeOf(_workload.RunEngine(_network)).Agrees(_workload.RunLoop()))
            throw new InvalidOperationException("The engine and the loop disagree.");
    }

    [Benchmark(Baseline = true)]
    public int Loop() => _workload.RunLoop().StandardMet;

    [Benchmark]
    public int Engine() => _workload.RunEngine(_network).FactCount;
}
