using BenchmarkDotNet.Attributes;
using NRules;
using NtpRules.Engine;

namespace NtpRules.Benchmarks;

/// <summary>
/// The commune workload on both engines, same data, same process: ntp (the baseline) against NRules in the shape the
/// NRules back end uses. Target: ntp at least 3× NRules.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private CommuneWorkload _workload = null!;
    private Network _network = null!;
    private ISessionFactory _factory = null!;

    [Params(10_000)]
    public int Communes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = new CommuneWorkload(Communes);
        _network = _workload.BuildNetwork();
        _factory = NRulesCommuneWorkload.Compile();
    }

    [Benchmark(Baseline = true)]
    public int Ntp() => _workload.RunEngine(_network).FactCount;

    [Benchmark]
    public int NRules() => NRulesCommuneWorkload.Run(_factory, _workload).Outcome.StandardMet;
}
