namespace NtpRules.IntegrationTests;

/// <summary><c>ntp rules check|list|diff</c> as wired in the shipped tool, over a small rules folder written per docs/rule-format.md.</summary>
public sealed class RuleToolingTests : IDisposable
{
    private static readonly string Source = ShippedCli.Source;
    private readonly TempFolder _tmp = new();

    public RuleToolingTests() => ShippedCli.WriteRules(_tmp);

    public void Dispose() => _tmp.Dispose();

    private string Version2026(string edit = "") => _tmp.Write("rules/irrigation/2026-2030.yaml",
        File.ReadAllText(Path.Combine(Source, "irrigation-2021-2025.yaml"))
            .Replace("version: 2021-2025", "version: 2026-2030")
            .Replace("{ from: 2022-01-01, to: 2025-12-31 }", "{ from: 2026-01-01 }")
            .Replace("value: 80", "value: 85")
            .Replace("confidence: provisional", "confidence: confirmed") + edit);

    private static (int Code, string Out, string Err) Ntp(params string[] args) => ShippedCli.Run(args);

    [Fact]
    public void Check_passes_and_lists_provisional_thresholds_with_their_location()
    {
        Version2026();
        var (code, output, err) = Ntp("rules", "check", _tmp["rules"]);

        Assert.True(code == 0, err);
        Assert.Contains("1 provisional threshold(s)", output);
        Assert.Contains("rules/irrigation/2021-2025.yaml:10:5: irrigation@2021-2025 irrigation_min = 80 %", output);
        Assert.DoesNotContain("2026-2030.yaml:10:5", output); // confirmed there
    }

    [Fact]
    public void Check_fails_with_every_error_located()
    {
        Version2026("foo: 1\n");
        _tmp.Write("rules/irrigation/2021-2025.yaml", File.ReadAllText(Path.Combine(Source, "irrigation-2021-2025.yaml")).Replace("citation: Decision 318/QĐ-TTg, Article 1", "citaton: Decision 318/QĐ-TTg, Article 1"));

        var (code, _, err) = Ntp("rules", "check", _tmp["rules"]);

        Assert.Equal(1, code);
        Assert.Matches(@"rules/irrigation/2021-2025\.yaml:\d+:\d+: error NTP\d+: .*citaton", err);
        Assert.Matches(@"rules/irrigation/2026-2030\.yaml:\d+:\d+: error NTP\d+: .*foo", err);
    }

    [Fact]
    public void Check_prints_errors_after_the_warnings_and_the_provisional_list_and_alone_with_quiet()
    {
        // A version starting in June 2026 leaves a gap after 2025 (a warning); the stray key is an error.
        Version2026("foo: 1\n");
        _tmp.Write("rules/irrigation/2026-2030.yaml", File.ReadAllText(_tmp["rules/irrigation/2026-2030.yaml"]).Replace("{ from: 2026-01-01 }", "{ from: 2026-06-01 }"));

        var (code, output, err) = Ntp("rules", "check", _tmp["rules"]);
        Assert.Equal(1, code);
        Assert.Contains("provisional threshold(s)", output);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var lastWarning = Array.FindLastIndex(lines, l => l.Contains(": warning "));
        var firstError = Array.FindIndex(lines, l => l.Contains(": error "));
        Assert.True(lastWarning >= 0 && firstError > lastWarning, err);
        Assert.Matches(@"^\d+ error\(s\), \d+ warning\(s\)$", lines[^1].Trim());

        var (quietCode, quietOut, quietErr) = Ntp("rules", "check", "--quiet", _tmp["rules"]);
        Assert.Equal(1, quietCode);
        Assert.DoesNotContain("provisional", quietOut);
        Assert.DoesNotContain(": warning ", quietErr);
        Assert.Contains(": error ", quietErr);
        Assert.Equal(lines[^1], quietErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]); // the counts still include the warnings
    }

    [Fact]
    public void New_version_copies_the_old_one_under_the_new_date_and_ends_the_old_one_the_day_before()
    {
        var old = _tmp["rules/irrigation/2021-2025.yaml"];
        var before = File.ReadAllText(old);

        var (code, output, err) = Ntp("rules", "new-version", old, "--version", "2026-2030", "--from", "2025-07-01");

        Assert.True(code == 0, err + output);
        var copy = File.ReadAllText(_tmp["rules/irrigation/2026-2030.yaml"]);
        Assert.Contains("version: 2026-2030\n", copy);
        Assert.Contains("effective: { from: 2025-07-01 }", copy);
        Assert.Contains("condition: irrigated_land_pct >= irrigation_min", copy);
        Assert.Equal(before.Replace("{ from: 2022-01-01, to: 2025-12-31 }", "{ from: 2022-01-01, to: 2025-06-30 }"), File.ReadAllText(old));
        Assert.Contains("now ends on 2025-06-30", output);

        var (_, list, _) = Ntp("rules", "list", _tmp["rules"]);
        Assert.Matches(@"irrigation\s*│\s*2021-2025\s*│\s*2022-01-01\s*│\s*2025-06-30", list);
        Assert.Matches(@"irrigation\s*│\s*2026-2030\s*│\s*2025-07-01\s*│\s*open", list);
        Assert.Equal(0, Ntp("rules", "check", _tmp["rules"]).Code);
    }

    [Theory]
    [InlineData("2021-06-01", "the new version must start after the old one (2022-01-01)")]
    public void New_version_that_would_not_follow_the_old_one_changes_nothing(string from, string message)
    {
        var old = _tmp["rules/irrigation/2021-2025.yaml"];
        var before = File.ReadAllText(old);
        var (code, _, err) = Ntp("rules", "new-version", old, "--version", "2026-2030", "--from", from);
        Assert.Equal(1, code);
        Assert.Contains(message, err);
        Assert.Equal(before, File.ReadAllText(old));
        Assert.False(File.Exists(_tmp["rules/irrigation/2026-2030.yaml"]));
        Assert.Equal(2, Ntp("rules", "new-version", old, "--version", "2021-2025", "--from", "2026-01-01").Code); // exists already
    }

    [Fact]
    public void Comparing_a_percentage_with_a_money_parameter_is_a_located_error()
    {
        _tmp.Write("rules/irrigation/2021-2025.yaml", File.ReadAllText(Path.Combine(Source, "irrigation-2021-2025.yaml"))
            .Replace("parameters:\n", "parameters:\n  - id: income_min\n    title: Minimum income\n    type: number\n    unit: million VND/person/year\n    value: 48\n    citation: Decision 318/QĐ-TTg, Annex I, 10\n    confidence: provisional\n")
            .Replace("condition: irrigated_land_pct >= irrigation_min", "condition: irrigated_land_pct >= income_min"));

        var (code, _, err) = Ntp("rules", "check", "--quiet", _tmp["rules"]);

        Assert.Equal(1, code);
        Assert.Matches(@"rules/irrigation/2021-2025\.yaml:\d+:\d+: error NTP3111: cannot compare 'irrigated_land_pct' in % with 'income_min' in million VND/person/year", err);
        Assert.Equal(0, Ntp("rules", "check", Path.Combine(RepositoryRules())).Code); // the shipped rules compare like with like
    }

    private static string RepositoryRules()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "NtpRules.sln"))) dir = Path.GetDirectoryName(dir)!;
        return Path.Combine(dir, "rules");
    }

    [Fact]
    public void List_shows_versions_ranges_status_and_threshold_counts()
    {
        Version2026();
        var (code, output, _) = Ntp("rules", "list", _tmp["rules"]);

        Assert.Equal(0, code);
        Assert.Matches(@"irrigation\s*│\s*2021-2025\s*│\s*2022-01-01\s*│\s*2025-12-31\s*│\s*active\s*│\s*0\s*│\s*1\s*│", output);
        Assert.Matches(@"irrigation\s*│\s*2026-2030\s*│\s*2026-01-01\s*│\s*open\s*│\s*active\s*│\s*1\s*│\s*0\s*│", output);
    }

    [Fact]
    public void Diff_shows_the_threshold_change_between_versions()
    {
        var newer = Version2026();
        var (code, output, err) = Ntp("rules", "diff", _tmp["rules/irrigation/2021-2025.yaml"], newer);

        Assert.True(code == 0, err);
        Assert.Contains("irrigation_min", output);
        Assert.Contains("80 → 85", output);
    }

    [Fact]
    public void A_missing_rules_folder_is_a_usage_error()
    {
        var (code, _, err) = Ntp("rules", "check", _tmp["nope"]);
        Assert.Equal(2, code);
        Assert.Contains("does not exist", err);
    }
}
