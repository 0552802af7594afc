using System.Text.Json;
using NtpRules.Cli;
using NtpRules.Cli.Console;
using NtpRules.Cli.DecisionLog;
using NtpRules.Language.Explanations;

namespace NtpRules.IntegrationTests;

public sealed class CliTests : IDisposable
{
    private readonly TempFolder _tmp = new();
    private readonly ThresholdPipeline _pipeline = new();

    public CliTests() => _tmp.Write("rules/threshold.txt", "80");

    public void Dispose() => _tmp.Dispose();

    private (int Code, string Out, string Err) Ntp(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = CliApp.Run(args, ThresholdPipeline.Services(_pipeline), new Terminal(o, e, interactive: false));
        return (code, o.ToString(), e.ToString());
    }

    private (int Code, string Out, string Err) Assess(string data, params string[] more) =>
        Ntp(["assess", "--data", data, "--rules", _tmp["rules"], "--out", _tmp["reports"], .. more]);

    [Fact]
    public void Assess_prints_the_summary_writes_every_report_and_logs_the_decisions()
    {
        var data = _tmp.Write("lao-cai-2024/communes.csv", TempFolder.GoodCommunes);

        var (code, output, err) = Assess(_tmp["lao-cai-2024"]);

        Assert.True(code == 0, err);
        // Lào Cai: C1 met, C2 not met, C3 unknown; Yên Bái: C4 met; all: 2 / 1 / 1, average 0.5 criteria.
        Assert.Matches(@"Lào Cai\s*│\s*irrigation\s*│\s*1\s*│\s*1\s*│\s*1\s*│\s*0\.33", output);
        Assert.Matches(@"Yên Bái\s*│\s*irrigation\s*│\s*1\s*│\s*0\s*│\s*0\s*│\s*1\.00", output);
        Assert.Matches(@"all\s*│\s*irrigation\s*│\s*2\s*│\s*1\s*│\s*1\s*│\s*0\.50", output);
        Assert.Equal(["decisions.db", "lao-cai-2024-criteria.csv", "lao-cai-2024-summary.csv", "lao-cai-2024.html", "lao-cai-2024.json", "lao-cai-2024.md"],
            _tmp.Files("reports").Where(f => !f.StartsWith("decisions.db-")));

        using var json = JsonDocument.Parse(File.ReadAllText(_tmp["reports/lao-cai-2024.json"]));
        Assert.Equal("ntp-assessment/3", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal("2024-12-31", json.RootElement.GetProperty("run").GetProperty("asOf").GetString()); // from the folder name
        Assert.Equal(data, json.RootElement.GetProperty("run").GetProperty("inputs")[0].GetProperty("file").GetString());
        Assert.Equal(["met", "not-met", "unknown", "met"], json.RootElement.GetProperty("subjects").EnumerateArray()
            .Select(s => s.GetProperty("standards")[0].GetProperty("verdict").GetString()));

        using var log = new DecisionLogStore(_tmp["reports/decisions.db"]);
        var c2 = Assert.Single(log.History("C2"));
        Assert.Equal((Verdict.NotMet, 0, new DateOnly(2024, 12, 31)), (c2.Verdict, c2.CriteriaMet, c2.AsOf));
    }

    [Fact]
    public void Assess_with_bad_data_exits_1_prints_every_located_error_and_writes_no_report()
    {
        var data = _tmp.Write("communes.csv", "id,district_id,irrigated_land_pct\nC1,D1,85\nC2,D1,abc\nC3,D1,140\n");

        var (code, _, err) = Assess(data);

        Assert.Equal(1, code);
        Assert.Contains($"{data}:3:7: error NTP5008: column 'irrigated_land_pct': value 'abc' is not a number", err);
        Assert.Contains($"{data}:4:7: error NTP5009", err);
        Assert.Empty(_tmp.Files("reports"));
    }

    [Fact]
    public void Assess_with_broken_rules_exits_1_with_the_rule_location()
    {
        _tmp.Write("rules/threshold.txt", "eighty");
        var (code, _, err) = Assess(_tmp.Write("communes.csv", TempFolder.GoodCommunes));
        Assert.Equal(1, code);
        Assert.Contains($"{_tmp["rules/threshold.txt"]}:1:1: error T0002", err);
        Assert.Equal(0, _pipeline.Assessments);
    }

    [Theory]
    [InlineData("assess")]                                         // --data missing
    [InlineData("assess", "--data", "x.csv", "--as-of", "31/12/2024")]
    [InlineData("assess", "--data", "x.csv", "--format", "pdf")]
    [InlineData("assess", "--data", "x.csv", "--bogus")]
    [InlineData("explain", "--data", "x.csv")]                     // --subject missing
    [InlineData("rules")]                                          // no subcommand
    [InlineData("frobnicate")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var (code, _, err) = Ntp(args);
        Assert.Equal(2, code);
        Assert.Contains("--help", err);
    }

    [Fact]
    public void Data_path_that_does_not_exist_is_a_usage_error()
    {
        var (code, _, err) = Assess(_tmp["nowhere"]);
        Assert.Equal(2, code);
        Assert.Contains("no data file", err);
    }

    [Theory]
    [InlineData("assess")]
    [InlineData("explain")]
    [InlineData("rules", "check")]
    [InlineData("rules", "test")]
    [InlineData("rules", "diff")]
    [InlineData("rules", "list")]
    [InlineData("worker")]
    [InlineData("history")]
    [InlineData("samples", "generate")]
    public void Every_command_has_help(params string[] command)
    {
        var (code, output, _) = Ntp([.. command, "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("Description:", output);
        Assert.Contains("Usage:", output);
        Assert.Contains($" {string.Join(' ', command)} ", output); // the executable name differs under the test host
    }

    [Fact]
    public void Explain_prints_the_tree_with_value_threshold_gap_reason_and_citation()
    {
        var data = _tmp.Write("communes.csv", TempFolder.GoodCommunes);

        var (code, output, err) = Ntp("explain", "--data", data, "--subject", "C2", "--rules", _tmp["rules"], "--as-of", "2024-06-30");

        Assert.True(code == 0, err);
        Assert.Contains("Xã Cốc San (commune C2), as of 2024-06-30", output);
        Assert.Contains("not met Irrigation standard (irrigation): 0/1 criteria met", output);
        Assert.Contains("not met c01 Irrigation", output);
        Assert.Contains("values: irrigated_land_pct = 60", output);
        Assert.Contains("threshold: irrigation_min = 80 % (provisional)", output);
        Assert.Contains("gap: 20", output);
        // The reason as a sentence: name, value, threshold, parameter, gap, citation.
        Assert.Contains("reason: Irrigated land (irrigated_land_pct) is 60 %, below the 80 % required (parameter irrigation_min); 20 points short. Test rules, 1.1.", output);
    }

    [Fact]
    public void Explain_names_the_missing_data_of_an_unknown()
    {
        var (code, output, _) = Ntp("explain", "--data", _tmp.Write("communes.csv", TempFolder.GoodCommunes), "--subject", "C3", "--rules", _tmp["rules"]);
        Assert.Equal(0, code);
        Assert.Contains("unknown 1.1 Irrigated land", output);
        Assert.Contains("missing: irrigated_land_pct", output);
    }

    [Fact]
    public void Explain_of_an_unknown_subject_exits_1()
    {
        var (code, _, err) = Ntp("explain", "--data", _tmp.Write("communes.csv", TempFolder.GoodCommunes), "--subject", "C99", "--rules", _tmp["rules"]);
        Assert.Equal(1, code);
        Assert.Contains("no subject with id 'C99'", err);
    }

    [Fact]
    public void History_shows_the_verdicts_of_each_run_in_date_order()
    {
        Assess(_tmp.Write("communes.csv", TempFolder.GoodCommunes), "--as-of", "2023-12-31");
        _tmp.Write("rules/threshold.txt", "50");
        Assess(_tmp.Write("communes.csv", TempFolder.GoodCommunes), "--as-of", "2024-12-31");

        var (code, output, _) = Ntp("history", "--subject", "C2", "--log", _tmp["reports/decisions.db"]);

        Assert.Equal(0, code);
        var lines = output.Split('\n').Where(l => l.Contains("irrigation@")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"2023-12-31\s*│\s*irrigation\s*│\s*not-met\s*│\s*0/1\s*│\s*irrigation@80", lines[0]);
        Assert.Matches(@"2024-12-31\s*│\s*irrigation\s*│\s*met\s*│\s*1/1\s*│\s*irrigation@50", lines[1]);
    }

    [Fact]
    public void History_without_a_log_exits_1()
    {
        var (code, _, err) = Ntp("history", "--subject", "C2", "--log", _tmp["none.db"]);
        Assert.Equal(1, code);
        Assert.Contains("no decision log", err);
    }

    [Fact]
    public void Baseline_data_files_are_handed_to_the_assessor()
    {
        _tmp.Write("lao-cai-2024/communes.csv", TempFolder.GoodCommunes);
        var (code, _, err) = Assess(_tmp.Write("lao-cai-2025/communes.csv", TempFolder.GoodCommunes), "--baseline", _tmp["lao-cai-2024"]);

        Assert.True(code == 0, err);
        Assert.Equal([_tmp["lao-cai-2024/communes.csv"]], _pipeline.LastRequest!.BaselineFiles!);
        Assert.Equal(new DateOnly(2025, 12, 31), _pipeline.LastRequest.AsOf);
    }

    [Fact]
    public void Baseline_that_does_not_exist_is_a_usage_error()
    {
        var (code, _, err) = Assess(_tmp.Write("communes.csv", TempFolder.GoodCommunes), "--baseline", _tmp["nowhere"]);
        Assert.Equal(2, code);
        Assert.Contains("--baseline", err);
        Assert.Equal(0, _pipeline.Assessments);
    }

    [Fact]
    public void Worker_with_wrong_settings_lists_them_and_exits_2()
    {
        var (code, _, err) = Ntp("worker", "--inbox", _tmp["inbox"], "--rules", _tmp["no-rules"]);
        Assert.Equal(2, code);
        Assert.Contains("Worker:Out is required", err);
        Assert.Contains($"Worker:Rules: folder '{_tmp["no-rules"]}' does not exist", err);
    }

    [Fact]
    public void Only_the_chosen_formats_are_written()
    {
        var (code, _, _) = Assess(_tmp.Write("communes-2024-06-30.csv", TempFolder.GoodCommunes), "--format", "html,csv");
        Assert.Equal(0, code);
        Assert.Equal(["communes-2024-06-30-criteria.csv", "communes-2024-06-30-summary.csv", "communes-2024-06-30.html"], _tmp.Files("reports").Where(f => !f.StartsWith("decisions")));
    }

    [Fact]
    public void Assess_into_an_output_folder_that_cannot_be_made_exits_1_with_a_clear_error()
    {
        var blocker = _tmp.Write("reports", "a file where the output folder should be");

        _tmp.Write("lao-cai-2024/communes.csv", TempFolder.GoodCommunes);
        var (code, _, err) = Assess(_tmp["lao-cai-2024"]);

        Assert.Equal(1, code);
        Assert.Contains($"error: cannot open the decision log '{_tmp["reports/decisions.db"]}'", err);
        Assert.Contains("no report was written", err);
        Assert.DoesNotContain("   at ", err);
        Assert.Equal("a file where the output folder should be", File.ReadAllText(blocker));
    }

    [Fact]
    public void Assess_whose_report_cannot_be_put_in_place_leaves_no_file_of_the_set_and_logs_no_run()
    {
        Directory.CreateDirectory(_tmp["reports/lao-cai-2024.html"]); // the html report cannot be renamed over a folder

        _tmp.Write("lao-cai-2024/communes.csv", TempFolder.GoodCommunes);
        var (code, _, err) = Assess(_tmp["lao-cai-2024"]);

        Assert.Equal(1, code);
        Assert.Contains($"error: cannot write the reports to '{_tmp["reports"]}'", err);
        Assert.Equal(["decisions.db", "lao-cai-2024.html"], _tmp.Files("reports").Concat(Directory.GetDirectories(_tmp["reports"]).Select(Path.GetFileName)).Where(f => !f!.StartsWith("decisions.db-")).Order(StringComparer.Ordinal));
        using var log = new DecisionLogStore(_tmp["reports/decisions.db"]);
        Assert.Empty(log.History("C1"));
    }

    [Fact]
    public void Assess_with_a_damaged_decision_log_exits_1_naming_it_and_leaves_it_untouched()
    {
        var damaged = _tmp.Write("reports/decisions.db", "not a database\n");

        _tmp.Write("lao-cai-2024/communes.csv", TempFolder.GoodCommunes);
        var (code, _, err) = Assess(_tmp["lao-cai-2024"]);

        Assert.Equal(1, code);
        Assert.Contains($"error: decision log '{damaged}' is damaged or not a decision log (SQLite Error 26: 'file is not a database'); move it aside or restore it from a backup", err);
        Assert.DoesNotContain("   at ", err);
        Assert.Equal(["decisions.db"], _tmp.Files("reports"));
        Assert.Equal("not a database\n", File.ReadAllText(damaged));

        var (historyCode, _, historyErr) = Ntp("history", "--subject", "C1", "--log", damaged);
        Assert.Equal(1, historyCode);
        Assert.Contains($"decision log '{damaged}' is damaged", historyErr);
    }
}
