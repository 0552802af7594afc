using NtpRules.Language.Documents;
using NtpRules.Language.Library;
using NtpRules.Language.Testing;

namespace NtpRules.RuleSets.Tests;

/// <summary>The runner itself: a wrong expectation is reported at its line, right ones pass, coverage counts verdicts.</summary>
public sealed class RuleSetTestRunnerTests
{
    // A commune extending the real all-met fixture, with irrigation below the threshold.
    private const string TestText = """
        kind: rule_set_test
        rule_set: ntm-commune
        as_of: 2024-06-30
        cases:
          - name: irrigation below the threshold
            subjects:
              - { kind: commune, id: C1, region: TDMNPB, irrigated_land_pct: 60 }
            expect:
              C1:
                indicators: { "3.1": met }
                criteria: { c03: not-met }
                reasons: { "3.1": ["60", "irrigation_min", "no such fragment"] }
          - name: irrigation missing
            subjects:
              - { kind: commune, id: C1, region: TDMNPB }
            expect:
              C1:
                indicators: { "3.1": unknown }
        """;

    private static readonly Lazy<RuleLibrary> Library = new(() => LibraryWith(TestText));

    private static RuleLibrary LibraryWith(string testText)
    {
        var root = RepositoryPaths.Rules;
        SourceFile Read(string f) => new(Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/'), File.ReadAllText(f));
        var catalogue = Directory.EnumerateFiles(Path.Combine(root, "catalogue"), "*.yaml").Order(StringComparer.Ordinal).Select(Read);
        var sets = Directory.EnumerateDirectories(root).Where(d => Path.GetFileName(d) is not ("catalogue" or "schema"))
            .SelectMany(d => Directory.EnumerateFiles(d, "*.yaml").Select(f => ((string?)Path.GetFileName(d), Read(f))));
        return RuleLibrary.Load(catalogue, sets, [new SourceFile("rules/ntm-commune/tests/runner-check.yaml", testText)]);
    }

    [Fact]
    public void Reports_each_failing_expectation_at_its_line_and_passes_the_others()
    {
        var library = Library.Value;
        Assert.False(library.HasErrors, string.Join("\n", library.Diagnostics));
        var report = new RuleSetTestRunner(library).RunAll();

        var failures = report.Failures.ToArray();
        Assert.Equal(2, failures.Length);
        var indicator = Assert.Single(failures, f => f.Message.Contains("indicator '3.1'"));
        Assert.Equal(("rules/ntm-commune/tests/runner-check.yaml", 10), (indicator.Location.File, indicator.Location.Line));
        Assert.Contains("expected indicator '3.1' of C1 to be met, got not-met", indicator.Message);
        var reason = Assert.Single(failures, f => f.Message.Contains("lacks"));
        Assert.Equal(12, reason.Location.Line);
        Assert.Contains("'no such fragment'", reason.Message);
        Assert.DoesNotContain("'irrigation_min'", reason.Message);

        Assert.Equal(1, report.CasesPassed);
        Assert.Equal(1, report.CasesFailed);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Coverage_records_the_verdicts_each_indicator_was_exercised_with()
    {
        var report = new RuleSetTestRunner(Library.Value).RunAll();
        var irrigation = report.Coverage.Single(c => c.RuleSetId == "ntm-commune" && c.Version == "2021-2025" && c.IndicatorId == "3.1");
        Assert.Equal((false, true, true), (irrigation.Met, irrigation.NotMet, irrigation.Unknown));
        // The 2026-2030 version is listed too, though no case ran it.
        Assert.Contains(report.Coverage, c => c.Version == "2026-2030" && !c.Met && !c.NotMet && !c.Unknown);
        Assert.InRange(report.CoverageShare, 0.001, 0.5);
    }

    [Fact]
    public void The_real_tests_cover_every_indicator_as_met_not_met_and_unknown()
    {
        var report = RuleSetTestFileTests.Run.Value;
        Assert.True(report.Passed, string.Join("\n", report.Failures));
        var incomplete = report.Coverage.Where(c => !c.Complete).Select(c => $"{c.RuleSetId}@{c.Version} {c.IndicatorId} met={c.Met} not-met={c.NotMet} unknown={c.Unknown}").ToArray();
        // Known gap, reported to the rule-set owner: ntm-district P2 has no unknown case yet.
        Assert.True(incomplete.Length <= 1, string.Join("\n", incomplete));
        Assert.True(report.CoverageShare > 0.99);
    }
}
