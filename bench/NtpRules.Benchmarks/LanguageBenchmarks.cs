using BenchmarkDotNet.Attributes;
using NtpRules.Assessment.Data;
using NtpRules.Engine;
using NtpRules.Language.Compilation;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Library;

namespace NtpRules.Benchmarks;

/// <summary>Finds the repository's rules/ and samples/ folders from the benchmark's working directory.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NtpRules.sln"))) return dir.FullName;
        throw new InvalidOperationException("run the benchmarks inside the repository (NtpRules.sln not found)");
    }
}

/// <summary>
/// Loading, checking and compiling every rule set under rules/ (warm): one network per period, so that every version
/// is compiled. Baseline: loading and checking alone. Target: the whole under 300 ms.
/// </summary>
[MemoryDiagnoser]
public class RuleLoadingBenchmarks
{
    // One date in force for each version of each rule set (2021-2025 sets, ntm-commune 2026-2030, poverty 2027-2030).
    private static readonly DateOnly[] Periods = [new(2024, 12, 31), new(2026, 6, 30), new(2027, 6, 30)];
    private string _rules = "";

    [GlobalSetup]
    public void Setup() => _rules = Path.Combine(Repository.Root, "rules");

    [Benchmark(Baseline = true)]
    public int LoadAndCheck() => RuleLibrary.LoadDirectory(_rules).RuleSets.Count;

    [Benchmark]
    public int LoadCheckAndCompile()
    {
        var library = RuleLibrary.LoadDirectory(_rules);
        var rules = 0;
        foreach (var day in Periods)
            rules += CompiledRules.CompileInForce(library, day, new DiagnosticBag())?.Model.Rules.Count ?? throw new InvalidOperationException("rules have errors");
        return rules;
    }
}

/// <summary>
/// One assessment of the Lào Cai 2024 sample (126 communes, 9 districts, 240 households, every rule set in force):
/// map the rows to records, insert, fire, collect the outcomes. Baseline: verdicts only; against it, with a full
/// explanation of every indicator. Target: at most 1.5×.
/// </summary>
[MemoryDiagnoser]
public class ExplanationBenchmarks
{
    private CompiledRules _rules = null!;
    private List<DataRecord> _rows = null!;
    private static readonly DateOnly AsOf = new(2024, 12, 31);

    [GlobalSetup]
    public void Setup()
    {
        var library = RuleLibrary.LoadDirectory(Path.Combine(Repository.Root, "rules"));
        _rules = CompiledRules.CompileInForce(library, AsOf, new DiagnosticBag()) ?? throw new InvalidOperationException("rules have errors");
        var reading = new DataReading(library.Catalogue.ToRecordCatalogue(), DataReading.FindFiles(Path.Combine(Repository.Root, "samples", "lao-cai-2024")));
        _rows = reading.Records().ToList();
    }

    [Benchmark(Baseline = true)]
    public int VerdictsOnly() => Assess(explain: false);

    [Benchmark]
    public int FullExplanations() => Assess(explain: true);

    private int Assess(bool explain)
    {
        var session = _rules.CreateSession(AsOf, explain);
        var records = new List<Record>(_rows.Count);
        foreach (var row in _rows) records.Add(SubjectRecords.Create(_rules, row.Kind, row.Id, row.Parents, row.Values));
        SubjectRecords.FillAncestors(_rules, records);
        session.InsertAll(records);
        session.Fire();
        var n = session.Results().Targets.Count;
        // Explanations are built when read: read every one, as the report does.
        if (explain)
            foreach (var o in session.Outcomes<IndicatorOutcome>()) n += o.Explanation!.Values.Count;
        return n;
    }
}
