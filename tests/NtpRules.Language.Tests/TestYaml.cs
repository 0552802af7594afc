using NtpRules.Language.Catalogue;
using NtpRules.Language.Compilation;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Tests;

/// <summary>Rule documents written inline in tests, loaded against the sample catalogue.</summary>
internal static class TestYaml
{
    /// <summary>The sample rules folder (TestRules/), loaded once.</summary>
    public static RuleLibrary Library { get; } = RuleLibrary.LoadDirectory(TestPaths.Rules);

    public static IndicatorCatalogue Catalogue => Library.Catalogue;

    public const string Header = """
        kind: rule_set
        id: demo
        version: v1
        title: Demo
        effective: { from: 2024-01-01 }
        source: Decision 1
        subject: commune

        """;

    public static RuleSet RuleSet(string yaml, string file = "demo.yaml")
    {
        var bag = new DiagnosticBag();
        var set = RuleSetLoader.Load(new SourceFile(file, yaml), Catalogue, bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag));
        return set!;
    }

    public static IReadOnlyList<Diagnostic> Errors(string yaml, string file = "demo.yaml")
    {
        var bag = new DiagnosticBag();
        RuleSetLoader.Load(new SourceFile(file, yaml), Catalogue, bag);
        return bag.ToList();
    }

    /// <summary>
    /// The rule sets (<paramref name="sets"/>: id and text, loaded as <c>&lt;id&gt;/v1.yaml</c>) in force on
    /// <paramref name="asOf"/> against an inline catalogue, compiled; any error fails with the diagnostics.
    /// </summary>
    public static CompiledRules Compiled(string catalogue, DateOnly asOf, params (string Id, string Yaml)[] sets)
    {
        var library = RuleLibrary.Load([new SourceFile("catalogue/catalogue.yaml", catalogue)],
            sets.Select(s => ((string?)s.Id, new SourceFile($"{s.Id}/v1.yaml", s.Yaml))).ToList(), []);
        var bag = new DiagnosticBag();
        return CompiledRules.CompileInForce(library, asOf, bag) ?? throw new InvalidOperationException(string.Join("\n", bag.Concat(library.Diagnostics)));
    }
}
