using System.Text.Json;
using NtpRules.Cli;
using NtpRules.Cli.Console;
using NtpRules.ExampleRules;
using NtpRules.Language.Compilation;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Engines;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Library;

namespace NtpRules.IntegrationTests.Engines;

/// <summary>The shipped example of C# rules, loaded by <c>--csharp-rules</c> into the NRules session beside the YAML rules.</summary>
public sealed class CSharpRulesTests : IDisposable
{
    private readonly TempFolder _tmp = new();
    private static string Example => typeof(PovertyReviewCompleteRule).Assembly.Location;

    public void Dispose() => _tmp.Dispose();

    private (int Code, string Out, string Error) Assess(params string[] extra)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = CliApp.Run(["assess", "--data", Path.Combine(RealData.RepoRoot(), "samples", "lao-cai-2024"), "--rules", Path.Combine(RealData.RepoRoot(), "rules"),
            "--out", _tmp["reports"], .. extra], CliApp.DefaultServices(), new Terminal(o, e, interactive: false));
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void The_example_rule_adds_a_cited_outcome_to_every_commune_matching_its_own_check_of_the_data()
    {
        var (code, _, error) = Assess("--csharp-rules", Example);
        Assert.True(code == 0, error);

        using var json = JsonDocument.Parse(File.ReadAllText(_tmp["reports/lao-cai-2024.json"]));
        var reported = json.RootElement.GetProperty("subjects").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() == "commune")
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("additional").EnumerateArray().Single());
        Assert.Equal(126, reported.Count);
        Assert.All(reported.Values, a =>
        {
            Assert.Equal(PovertyReviewCompleteRule.RuleId, a.GetProperty("rule").GetString());
            Assert.Equal(PovertyReviewCompleteRule.Citation, a.GetProperty("citation").GetString());
        });

        // The same check made directly on the settled records (ntp engine, no C# rules) gives the same verdicts.
        var library = RuleLibrary.LoadDirectory(Path.Combine(RealData.RepoRoot(), "rules"));
        var asOf = new DateOnly(2024, 12, 31);
        var rules = CompiledRules.CompileInForce(library, asOf, new DiagnosticBag())!;
        var rows = RealData.SampleRows(library, "lao-cai-2024");
        var records = rows.Select(r => SubjectRecords.Create(rules, r.Kind, r.Id, r.Parents, r.Values)).ToList();
        SubjectRecords.FillAncestors(rules, records);
        var session = rules.CreateSession(asOf, explain: false, RuleEngineKind.Ntp);
        session.InsertAll(records);
        session.Fire();
        var verdicts = session.Subjects("commune").ToDictionary(c => c.Id, c => PovertyReviewCompleteRule.Check(c).Verdict.ToVerdict().ToText());
        Assert.Equal(verdicts.OrderBy(v => v.Key), reported.ToDictionary(r => r.Key, r => r.Value.GetProperty("verdict").GetString()!).OrderBy(v => v.Key));
        Assert.Contains(verdicts.Values, v => v == "met");
        Assert.Contains(verdicts.Values, v => v == "not-met");
        Assert.Contains("Poverty review figures complete", File.ReadAllText(_tmp["reports/lao-cai-2024.md"]));
    }

    [Fact]
    public void Without_csharp_rules_the_report_has_no_additional_outcomes()
    {
        var (code, _, error) = Assess();
        Assert.True(code == 0, error);
        Assert.DoesNotContain("\"additional\"", File.ReadAllText(_tmp["reports/lao-cai-2024.json"]));
    }

    [Fact]
    public void Csharp_rules_on_the_ntp_engine_and_a_missing_assembly_are_clear_errors()
    {
        var (code, _, error) = Assess("--csharp-rules", Example, "--engine", "ntp");
        Assert.Equal(1, code);
        Assert.Contains("C# rules run on the nrules engine only", error);

        (code, _, error) = Assess("--csharp-rules", _tmp["missing.dll"]);
        Assert.Equal(1, code);
        Assert.Contains("missing.dll", error);
        Assert.Contains("cannot be loaded", error);
    }
}
