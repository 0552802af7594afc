using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NtpRules.Cli;
using NtpRules.Cli.Console;
using NtpRules.IntegrationTests.Engines;
using NtpRules.Language.Compilation;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;

namespace NtpRules.IntegrationTests;

/// <summary>
/// rules/ntm-commune/2021-2025.yaml writes its regional thresholds as a decision table. The same file with that
/// table written out in the long form must give the same outcomes, explanations and reports on the sample data, no
/// change in <c>rules diff</c>, and the same <c>rules list</c> counts.
/// </summary>
public sealed partial class DecisionTableFormTests : IDisposable
{
    private const string TableFile = "ntm-commune/2021-2025.yaml";
    private readonly TempFolder _tmp = new();

    public DecisionTableFormTests()
    {
        RealData.CopyRules(_tmp["table/rules"]);
        RealData.CopyRules(_tmp["long/rules"]);
        var path = _tmp[$"long/rules/{TableFile}"];
        var set = RuleLibrary.LoadDirectory(_tmp["table/rules"]).RuleSets.Single(s => s.File.Path == $"rules/{TableFile}");
        File.WriteAllText(path, LongForm(File.ReadAllText(path), set), new UTF8Encoding(false));
    }

    public void Dispose() => _tmp.Dispose();

    /// <summary>
    /// The file with its <c>parameter_tables:</c> section replaced by the long form of the parameters it holds, in
    /// place (the section follows the <c>parameters:</c> list, so they join it).
    /// </summary>
    private static string LongForm(string text, RuleSet set)
    {
        var lines = text.Split('\n').ToList();
        var start = lines.IndexOf("parameter_tables:");
        Assert.True(start > 0, "the file has no parameter_tables section");
        var end = lines.FindIndex(start + 1, l => l.Length > 0 && l[0] is not (' ' or '#'));
        var rendered = new List<string>();
        foreach (var p in set.Parameters.Where(p => p.Location.Line - 1 > start && p.Location.Line - 1 < end))
        {
            rendered.AddRange([$"  - id: {p.Id}", $"    title: {Quote(p.Title.ToString())}", $"    type: {p.Type.ToString().ToLowerInvariant()}",
                $"    unit: {Quote(p.Unit!)}", $"    keys: [{string.Join(", ", p.Keys)}]", "    values:"]);
            foreach (var v in p.Values)
                rendered.Add("      - { " + string.Concat(p.Keys.Select(k => $"{k}: '{v.KeyValues[k]}', ")) +
                             $"value: {((double)v.Value).ToString("R", CultureInfo.InvariantCulture)}, citation: {Quote(v.Citation)}, " +
                             $"confidence: {v.Confidence.ToString().ToLowerInvariant()}" + (v.Derivation is { } d ? $", derivation: {Quote(d)}" : "") + " }");
        }
        Assert.True(rendered.Count > 50, $"only {rendered.Count} lines rendered");
        lines.RemoveRange(start, end - start);
        lines.InsertRange(start, rendered);
        return string.Join('\n', lines);
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    [Fact]
    public void The_long_form_file_really_is_the_long_form_and_loads_cleanly()
    {
        var text = File.ReadAllText(_tmp[$"long/rules/{TableFile}"]);
        Assert.DoesNotContain("parameter_tables", text);
        Assert.Contains("      - { effective_region: 'DBSCL', value: 80, citation: \"Decision 318/QĐ-TTg, Annex I, criterion 2, indicator 2.2 (DBSCL)\"", text);
        var library = RuleLibrary.LoadDirectory(_tmp["long/rules"]);
        Assert.DoesNotContain(library.Diagnostics, d => d.Severity != Severity.Info);
    }

    [Theory]
    [InlineData("lao-cai-2024", "2024-12-31")]
    [InlineData("lao-cai-2025", "2025-12-31")]
    public void Both_forms_give_the_same_outcomes_and_explanations_on_the_sample(string sample, string asOf)
    {
        var day = DateOnly.Parse(asOf, CultureInfo.InvariantCulture);
        var (table, longForm) = (Snapshot(_tmp["table/rules"], sample, day), Snapshot(_tmp["long/rules"], sample, day));
        Assert.True(table.Count > 1000, $"only {table.Count} outcomes");
        var differences = table.Keys.Union(longForm.Keys).Where(k => table.GetValueOrDefault(k) != longForm.GetValueOrDefault(k)).Take(5)
            .Select(k => $"{k}:\n    table: {table.GetValueOrDefault(k)}\n    long:  {longForm.GetValueOrDefault(k)}").ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Contains(table.Values, v => v.Contains("Annex I, criterion 2, indicator 2.2 (TDMNPB)")); // the table form was read
    }

    private static SortedDictionary<string, string> Snapshot(string rulesFolder, string sample, DateOnly asOf)
    {
        var library = RuleLibrary.LoadDirectory(rulesFolder);
        Assert.False(library.HasErrors, string.Join("\n", library.Diagnostics));
        var rules = CompiledRules.CompileInForce(library, asOf, new DiagnosticBag())!;
        var rows = RealData.SampleRows(library, sample);
        var records = rows.Select(r => SubjectRecords.Create(rules, r.Kind, r.Id, r.Parents, r.Values)).ToList();
        SubjectRecords.FillAncestors(rules, records);
        var session = rules.CreateSession(asOf, explain: true);
        session.InsertAll(records);
        session.Fire();
        return EngineComparison.Snapshot(session);
    }

    [Fact]
    public void Both_forms_give_the_same_reports_on_the_sample()
    {
        var reports = new Dictionary<string, string>();
        foreach (var form in new[] { "table", "long" })
        {
            var (o, e) = (new StringWriter(), new StringWriter());
            var code = CliApp.Run(["assess", "--data", Path.Combine(RealData.RepoRoot(), "samples", "lao-cai-2024"), "--rules", _tmp[$"{form}/rules"],
                "--out", _tmp[$"{form}/reports"]], CliApp.DefaultServices(), new Terminal(o, e, interactive: false));
            Assert.True(code == 0, e.ToString());
            reports[form] = _tmp[$"{form}/reports"];
        }
        var files = Directory.GetFiles(reports["table"], "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(reports["table"], f))
            .Where(f => !f.StartsWith("decisions.db")).Order().ToArray();
        Assert.True(files.Length >= 7, string.Join(", ", files));
        foreach (var file in files)
        {
            var (a, b) = (Normalize(File.ReadAllText(Path.Combine(reports["table"], file))), Normalize(File.ReadAllText(Path.Combine(reports["long"], file))));
            var (la, lb) = (a.Split('\n'), b.Split('\n'));
            var line = Enumerable.Range(0, Math.Min(la.Length, lb.Length)).FirstOrDefault(i => la[i] != lb[i], -1);
            Assert.True(a == b, $"{file} differs at line {line + 1}:\n    table: {(line >= 0 ? la[line] : "(ends)")}\n    long:  {(line >= 0 ? lb[line] : "(ends)")}");
        }
    }

    /// <summary>The run's id and time differ by design, and the file hashes name what was read: the two files differ in form.</summary>
    private static string Normalize(string report) => RunFields().Replace(report, "");

    [GeneratedRegex(@"\d{8}T\d{6}Z-[0-9a-f]{8}|""generatedAt"": ?""[^""]*""|generated [0-9-]+ [0-9:]+Z|[0-9a-f]{64}")]
    private static partial Regex RunFields();

    [Fact]
    public void Rules_diff_between_the_long_and_the_table_form_shows_no_change_and_list_counts_agree()
    {
        var (code, output, err) = ShippedCli.Run(["rules", "diff", _tmp[$"long/rules/{TableFile}"], _tmp[$"table/rules/{TableFile}"]]);
        Assert.True(code == 0, err);
        Assert.Equal("0 change(s)", output.Trim());

        var edited = File.ReadAllText(_tmp[$"table/rules/{TableFile}"]).Replace("values:  [    70,  100,  90,    90, 80, 100,    80]", "values:  [    70,  100,  90,    90, 85, 100,    80]");
        _tmp.Write($"table/rules/{TableFile}", edited);
        (code, output, err) = ShippedCli.Run(["rules", "diff", _tmp[$"long/rules/{TableFile}"], _tmp[$"table/rules/{TableFile}"]]);
        Assert.True(code == 0, err);
        Assert.Contains("~ parameter village_roads_min [effective_region=TN] value: 80 → 85", output);
        Assert.Contains("1 change(s)", output);

        var (_, table, _) = ShippedCli.Run(["rules", "list", _tmp["table/rules"]]);
        var (_, longForm, _) = ShippedCli.Run(["rules", "list", _tmp["long/rules"]]);
        Assert.Equal(longForm, table);
    }

    [Fact]
    public void Explain_says_when_a_default_column_gave_the_threshold()
    {
        string Explain(string rules)
        {
            var (code, output, err) = ShippedCli.Run(["explain", "--data", Path.Combine(RealData.RepoRoot(), "samples", "lao-cai-2024"), "--rules", rules,
                "--subject", "LC-001", "--standard", "ntm-commune"]);
            Assert.True(code == 0, err);
            return Unwrapped().Replace(output, " "); // the tree wraps long reasons
        }
        Assert.DoesNotContain("Default row", Explain(_tmp["table/rules"]));

        // The TDMNPB column becomes the default column: a TDMNPB commune is then judged by the default row.
        var path = _tmp[$"table/rules/{TableFile}"];
        File.WriteAllText(path, File.ReadAllText(path).Replace("    columns: [TDMNPB, DBSH,", "    columns: [\"*\", DBSH,"), new UTF8Encoding(false));
        var output = Explain(_tmp["table/rules"]);
        Assert.Contains("(village_roads_hardened_pct) is 82.1 %, at least the 70 % required for TDMNPB (parameter village_roads_min). " +
            "Default row used for village_roads_min: no row for effective_region TDMNPB. Decision 318/QĐ-TTg", output);
        var (code, check, err) = ShippedCli.Run(["rules", "check", _tmp["table/rules"]]);
        Assert.True(code == 0, err);
        Assert.DoesNotContain("NTP1316", check + err); // the default column covers every region
    }

    [GeneratedRegex(@"\s*\n[\s│├└─]*")]
    private static partial Regex Unwrapped();
}
