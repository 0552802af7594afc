using NtpRules.Fuzzing;
using Xunit.Abstractions;

namespace NtpRules.Language.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of the rule loader (YAML documents, catalogue, rule sets) and of the expression parser and
/// binder, seeded from the repository's rule files: every input ends in success or located errors, never an
/// exception, a hang over 2 s or an allocation over 256 MB.
/// </summary>
[Collection(nameof(RuleFuzzTests))]
public sealed class RuleFuzzTests(ITestOutputHelper output)
{
    // Seeds: the smaller rule files (a few kB each; rule sets up to twice that, so that criteria, standards and
    // classifications are among them), to keep 10,000 inputs per target within seconds.
    private static readonly Lazy<IReadOnlyDictionary<string, FuzzTarget>> Targets = new(() => new FuzzTarget[]
    {
        RuleTargets.YamlDocuments(FuzzAssert.MaxSeedBytes),
        RuleTargets.Catalogue(FuzzAssert.MaxSeedBytes),
        RuleTargets.RuleSets(RepositoryFiles.Library, 2 * FuzzAssert.MaxSeedBytes),
        RuleTargets.Expressions(RepositoryFiles.Library),
    }.ToDictionary(t => t.Name));

    public static string RegressionFolder => Path.Combine(RepositoryFiles.Root, "tests", "NtpRules.Language.Tests", "Fuzz", "regressions");

    public static TheoryData<string> TargetNames => new() { "yaml-document", "catalogue", "rule-set", "expression" };

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Ten_thousand_mutated_inputs_end_in_success_or_located_errors(string target) =>
        output.WriteLine(FuzzAssert.NoFailures(Targets.Value[target]).ToString());

    public static IEnumerable<object[]> Regressions => FuzzAssert.RegressionFiles(RegressionFolder);

    /// <summary>Inputs that once crashed or hung the loader, replayed as they were found.</summary>
    [Theory]
    [MemberData(nameof(Regressions))]
    public void Regression_input_ends_in_success_or_located_errors(string target, string file) =>
        Assert.Null(FuzzRunner.Check(Targets.Value[target], File.ReadAllBytes(Path.Combine(RegressionFolder, target, file))));
}
