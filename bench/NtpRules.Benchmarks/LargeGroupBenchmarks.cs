using BenchmarkDotNet.Attributes;
using NtpRules.Engine;

namespace NtpRules.Benchmarks;

public sealed class GroupedHousehold(int commune) : TrackedFact
{
    public int Commune { get; } = commune;
    public bool Derived { get; set; }
}

public sealed class GroupingCommune(int id)
{
    public int Id { get; } = id;
}

/// <summary>
/// The shape of the language's derived indicators under a child aggregate: a rule sets an indicator on every
/// household (an update in place) while each commune's rule collects its households. The same 20,000 households in
/// groups of 10 (baseline) and of 10,000: with incremental aggregates the ratio stays near 1; rebuilding the collected
/// list on every update made it grow with the group size (regression guard for AggregateNode).
/// </summary>
[MemoryDiagnoser]
public class LargeGroupUpdateBenchmark
{
    private const int Households = 20_000;
    private Network _network = null!;

    [GlobalSetup]
    public void Setup()
    {
        var derive = new RuleBuilder("derive");
        derive.Match<GroupedHousehold>("h", h => !h.Derived, "not derived");
        derive.Then(ctx =>
        {
            var h = ctx.Get<GroupedHousehold>(0);
            h.Derived = true;
            ctx.Update(h);
        });
        var collect = new RuleBuilder("collect");
        var c = collect.Match<GroupingCommune>("c");
        collect.Aggregate("households", FactType.Of<GroupedHousehold>(), Aggregator.Collect())
            .JoinOn<GroupingCommune, GroupedHousehold>(c, x => x.Id, h => h.Commune, "h.commune=c.id");
        collect.Then(_ => { });
        _network = Network.Compile([derive.Build(), collect.Build()]);
    }

    [Benchmark(Baseline = true)]
    public int GroupsOf10() => Run(10);

    [Benchmark]
    public int GroupsOf10000() => Run(10_000);

    private int Run(int groupSize)
    {
        var session = _network.CreateSession();
        for (var c = 0; c < Households / groupSize; c++) session.Insert(new GroupingCommune(c));
        for (var i = 0; i < Households; i++) session.Insert(new GroupedHousehold(i / groupSize));
        return session.Fire();
    }
}
