using NtpRules.Language.Library;
using Xunit.Abstractions;

namespace NtpRules.RuleSets.Tests;

/// <summary>Runs every rule-set test file under rules/ (see <see cref="CaseRunner"/> for what is checked).</summary>
public sealed class RuleSetTestFilesTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_rule_set_test_case_under_rules_passes()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var library = RepositoryPaths.Library;
        output.WriteLine($"loaded in {clock.ElapsedMilliseconds} ms");
        Assert.Empty(library.Diagnostics.Select(d => d.ToString()));
        var runner = new CaseRunner(library);
        var cases = 0;
        foreach (var file in library.Tests)
            foreach (var c in file.Cases) { runner.Run(file, c); cases++; }
        output.WriteLine($"ran in {clock.ElapsedMilliseconds} ms");
        output.WriteLine($"{library.Tests.Count} files, {cases} cases, {runner.Checked} expectations checked, {runner.NotChecked} (targets, reasons) left to the assessment runner");
        foreach (var f in runner.Failures.Take(60)) output.WriteLine(f);
        Assert.True(runner.Failures.Count == 0, $"{runner.Failures.Count} failures:\n" + string.Join("\n", runner.Failures.Take(40)));
        Assert.True(cases > 1000);
    }
}
