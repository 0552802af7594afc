using BenchmarkDotNet.Attributes;
using NtpRules.Language.Documents;
using NtpRules.Language.Library;

namespace NtpRules.Benchmarks;

/// <summary>
/// Loading and checking the repository's <c>rules/</c> folder in a warm process: YAML, catalogue, every rule-set
/// version, expression type checks, versions, and (in the first benchmark) every rule-set test file.
/// </summary>
[MemoryDiagnoser]
public class RuleLibraryBenchmarks
{
    private string _rules = "";
    private SourceFile[] _catalogue = [];
    private (string?, SourceFile)[] _sets = [];

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "rules", "catalogue"))) dir = dir.Parent;
        _rules = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no rules/ folder above the benchmark"), "rules");
        _catalogue = Directory.EnumerateFiles(Path.Combine(_rules, "catalogue"), "*.yaml").Select(Read).ToArray();
        _sets = Directory.EnumerateDirectories(_rules).Where(d => Path.GetFileName(d) is not ("catalogue" or "schema"))
            .SelectMany(d => Directory.EnumerateFiles(d, "*.yaml").Select(f => ((string?)Path.GetFileName(d), Read(f)))).ToArray();
    }

    private static SourceFile Read(string path) => new(path, File.ReadAllText(path));

    [Benchmark(Description = "rules/ folder with tests, from disk")]
    public RuleLibrary LoadDirectory() => RuleLibrary.LoadDirectory(_rules);

    [Benchmark(Description = "catalogue + rule sets, in memory")]
    public RuleLibrary LoadRuleSets() => RuleLibrary.Load(_catalogue, _sets, []);
}
