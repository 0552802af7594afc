using System.Text.Json;
using NtpRules.Assessment;
using NtpRules.Language.Engines;
using NtpRules.Language.Library;

namespace NtpRules.Reporting.Tests;

/// <summary>The JSON report of the bundled Lào Cai samples assessed with the repository's rules, read back through its definitions.</summary>
public sealed class JsonReportSampleTests
{
    private static readonly Lazy<Assessor> Assessor = new(() => new Assessor(RuleLibrary.LoadDirectory(Path.Combine(RepoRoot(), "rules"))));

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "NtpRules.sln"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("NtpRules.sln not found");
        return dir;
    }

    [Theory]
    [InlineData("lao-cai-2024", RuleEngineKind.NRules)]
    [InlineData("lao-cai-2025", RuleEngineKind.Ntp)]
    public void Every_subject_names_only_what_the_header_defines_and_reads_back_as_the_report_model(string sample, RuleEngineKind engine)
    {
        var result = Assessor.Value.Assess([Path.Combine(RepoRoot(), "samples", sample)], new AssessmentOptions { Engine = engine });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var report = result.Report!;
        using var json = new MemoryStream();
        JsonReportWriter.Write(report, json);

        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        Assert.Equal("ntp-assessment/3", root.GetProperty("schema").GetString());
        // Every standard of the rule sets in force is defined with its rule set; the subjects' are among them.
        var defined = root.GetProperty("definitions").GetProperty("standards");
        Assert.Equal(report.Run.Definitions.Standards.Select(s => (s.Id, s.RuleSet)),
            defined.EnumerateObject().Select(s => (s.Name, s.Value.GetProperty("ruleSet").GetString()!)));
        Assert.Contains(report.Subjects, s => s.Standards.Any(st => st.Criteria.Any(c => c.Indicators.Any(i => i.Thresholds.Count > 0))));
        // Read back through the definitions, every subject is the model's, and no subject writes what is defined.
        new JsonReportCheck(root, allDefined: true).Subjects(report.Subjects, root.GetProperty("subjects"));
    }
}
