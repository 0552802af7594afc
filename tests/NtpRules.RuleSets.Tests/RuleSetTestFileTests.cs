using NtpRules.Language.Testing;
using Xunit.Abstractions;

namespace NtpRules.RuleSets.Tests;

/// <summary>Runs every rule-set test file under <c>rules/</c>, one xunit test per file.</summary>
public sealed class RuleSetTestFileTests(ITestOutputHelper output)
{
    /// <summary>One run of every test file, shared by the per-file tests and the coverage test.</summary>
    internal static readonly Lazy<TestRunReport> Run = new(() => new RuleSetTestRunner(RepositoryPaths.Library).RunAll());

    public static TheoryData<string> TestFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(RepositoryPaths.Rules, "*.yaml", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "tests").Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/'));
        return data;
    }

    [Fact]
    public void The_rule_library_loads_without_errors()
    {
        var errors = RepositoryPaths.Library.Diagnostics.Where(d => d.IsError).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => e.ToString())));
        Assert.NotEmpty(TestFiles());
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public void Rule_set_test_file_passes(string path)
    {
        var file = RepositoryPaths.Library.Tests.SingleOrDefault(t => t.File.Path == path);
        Assert.True(file is not null, $"{path} did not load: " +
            string.Join("\n", RepositoryPaths.Library.Diagnostics.Where(d => d.Location.File == path)));
        Assert.NotEmpty(file!.Cases);
        var result = Run.Value.Files.Single(f => f.TestFile == path);
        foreach (var f in result.Failures) output.WriteLine(f.ToString());
        Assert.True(result.Passed, $"{result.Failures.Count} failing expectation(s) in {path}:\n" + string.Join("\n", result.Failures));
        Assert.Equal(file.Cases.Count, result.CasesPassed);
    }
}
