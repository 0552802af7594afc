using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using NtpRules.Cli;
using NtpRules.Cli.Console;
using NtpRules.Engine;
using NtpRules.Language.Compilation;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Engines;
using NtpRules.Language.Library;
using NtpRules.Language.Testing;
using Record = NtpRules.Engine.Record;

namespace NtpRules.IntegrationTests.Engines;

/// <summary>
/// NRules (the default engine) and ntp (the fast path) must agree on everything a user sees: every rule-set test
/// case, both calibrated samples end to end (every report, engine name aside), and random data. A disagreement
/// names the subject, the rule and both values.
/// </summary>
public sealed partial class EngineAgreementTests : IDisposable
{
    private static readonly Lazy<RuleLibrary> Library = new(() => RuleLibrary.LoadDirectory(Path.Combine(RealData.RepoRoot(), "rules")));
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Every_rule_set_test_case_gives_the_same_outcomes_and_explanations_on_both_engines()
    {
        var (nrules, ntp) = (new RuleSetTestRunner(Library.Value, RuleEngineKind.NRules), new RuleSetTestRunner(Library.Value, RuleEngineKind.Ntp));
        var cases = 0;
        foreach (var file in Library.Value.Tests)
            foreach (var c in file.Cases)
            {
                if (nrules.AssessCase(c) is not { } a) continue;
                var b = ntp.AssessCase(c)!;
                Assert.Equal(RuleEngineKind.NRules, a.EngineKind);
                Assert.Equal(RuleEngineKind.Ntp, b.EngineKind);
                EngineComparison.AssertAgree(a, b, $"{file.File.Path}, case '{c.Name}'");
                cases++;
            }
        Assert.True(cases > 100, $"only {cases} rule-set test cases ran");
    }

    [Theory]
    [InlineData("lao-cai-2024")]
    [InlineData("lao-cai-2025")]
    public void Both_samples_give_the_same_reports_on_both_engines(string sample)
    {
        var reports = new Dictionary<string, string>();
        foreach (var engine in RuleEngines.Names)
        {
            var (o, e) = (new StringWriter(), new StringWriter());
            var code = CliApp.Run(["assess", "--data", Path.Combine(RealData.RepoRoot(), "samples", sample), "--rules", Path.Combine(RealData.RepoRoot(), "rules"),
                "--out", _tmp[engine], "--engine", engine], CliApp.DefaultServices(), new Terminal(o, e, interactive: false));
            Assert.True(code == 0, e.ToString());
            reports[engine] = _tmp[engine];
        }
        // Every report, the HTML site's province pages included; the decision log records the run, not the verdicts' text.
        var files = Directory.GetFiles(reports["nrules"], "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(reports["nrules"], f))
            .Where(f => !f.StartsWith("decisions.db")).Order().ToArray();
        Assert.Equal(files, Directory.GetFiles(reports["ntp"], "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(reports["ntp"], f))
            .Where(f => !f.StartsWith("decisions.db")).Order().ToArray());
        Assert.True(files.Length >= 7, string.Join(", ", files));
        foreach (var file in files)
        {
            var a = Normalize(File.ReadAllText(Path.Combine(reports["nrules"], file!)));
            var b = Normalize(File.ReadAllText(Path.Combine(reports["ntp"], file!)));
            var (la, lb) = (a.Split('\n'), b.Split('\n'));
            var line = Enumerable.Range(0, Math.Min(la.Length, lb.Length)).FirstOrDefault(i => la[i] != lb[i], -1);
            Assert.True(a == b, $"{file} differs at line {line + 1}:\n    nrules: {(line >= 0 ? la[line] : "(ends)")}\n    ntp:    {(line >= 0 ? lb[line] : "(ends)")}");
        }
        Assert.Contains("\"engine\":\"nrules\"", File.ReadAllText(Path.Combine(reports["nrules"], $"{sample}.json")));
        Assert.Contains("\"engine\":\"ntp\"", File.ReadAllText(Path.Combine(reports["ntp"], $"{sample}.json")));
    }

    /// <summary>The run's id, time and engine differ by design; everything else must not.</summary>
    private static string Normalize(string report) => RunFields().Replace(report, "");

    [GeneratedRegex(@"\d{8}T\d{6}Z-[0-9a-f]{8}|""generatedAt"": ?""[^""]*""|generated [0-9-]+ [0-9:]+Z|""engine(Version)?"": ?""[^""]*""|engine (nrules|ntp) [0-9.]+")]
    private static partial Regex RunFields();

    [Fact]
    public void Random_communes_and_households_give_the_same_outcomes_on_both_engines()
    {
        var asOf = new DateOnly(2024, 12, 31);
        var rules = CompiledRules.CompileInForce(Library.Value, asOf, new DiagnosticBag())!;
        var rows = RealData.SampleRows(Library.Value, "lao-cai-2024");
        // A district with a few of its communes and their households: big enough for the counts, small enough for many cases.
        var district = rows.First(r => r.Kind == "district");
        var communes = rows.Where(r => r.Kind == "commune" && r.Parents.GetValueOrDefault("district") == district.Id).Take(3).Select(r => r.Id).ToHashSet();
        var chosen = rows.Where(r => r.Kind == "province" || r == district || (r.Kind == "commune" && communes.Contains(r.Id)) ||
                                     (r.Kind == "household" && communes.Contains(r.Parents.GetValueOrDefault("commune") ?? ""))).ToList();
        var cells = chosen.SelectMany((r, i) => r.Values.Keys.Select(k => (Row: i, Key: k))).ToArray();

        // Each change blanks a value, scales a number, or flips a boolean: unknowns and both sides of every threshold.
        var change = Gen.Choose(0, cells.Length - 1).SelectMany(c => Gen.Choose(0, 5).Select(kind => (Cell: c, Kind: kind)));
        Prop.ForAll(change.ListOf().Select(l => l.Take(40).ToArray()).ToArbitrary(), changes =>
        {
            var values = chosen.Select(r => new Dictionary<string, object?>(r.Values)).ToArray();
            foreach (var (cell, kind) in changes)
            {
                var (row, key) = cells[cell];
                values[row][key] = Mutate(values[row][key], kind);
            }
            RuleSession Run(RuleEngineKind engine)
            {
                var records = chosen.Select((r, i) => SubjectRecords.Create(rules, r.Kind, r.Id, r.Parents, values[i])).ToList();
                SubjectRecords.FillAncestors(rules, records);
                var session = rules.CreateSession(asOf, explain: true, engine);
                session.InsertAll(records);
                session.Fire();
                return session;
            }
            var differences = EngineComparison.Differences(Run(RuleEngineKind.NRules), Run(RuleEngineKind.Ntp));
            return differences.Count == 0 ? true.Label("agree") : false.Label(string.Join("\n", differences));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    private static object? Mutate(object? value, int kind) => (value, kind) switch
    {
        (_, 0) => null,
        (double d, 1) => d * 0.5,
        (double d, 2) => d * 1.5,
        (double d, 3) => Math.Round(d),
        (long l, 1) => l / 2,
        (long l, 2) => l * 2,
        (int n, 1) => n / 2,
        (int n, 2) => n * 2,
        (bool b, _) => !b,
        _ => value,
    };
}
