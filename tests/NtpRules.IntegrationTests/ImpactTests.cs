namespace NtpRules.IntegrationTests;

/// <summary><c>ntp rules impact</c> as shipped: the same data under two versions (80 % then 85 % irrigated) or two rules folders.</summary>
public sealed class ImpactTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public ImpactTests()
    {
        ShippedCli.WriteRules(_tmp, ShippedCli.Catalogue
            .Replace("subjects:\n", "subjects:\n  - kind: province\n    name: { vi: Tỉnh, en: Province }\n")
            .Replace("name: { vi: Xã, en: Commune }", "name: { vi: Xã, en: Commune }\n    parents: [province]"));
        _tmp.Write("rules/irrigation/2026-2030.yaml", ShippedCli.Irrigation2021
            .Replace("version: 2021-2025", "version: 2026-2030")
            .Replace("{ from: 2022-01-01, to: 2025-12-31 }", "{ from: 2026-01-01 }")
            .Replace("value: 80", "value: 85"));
        // C1 stays met (90), C2 and C4 fall (82, 84 < 85), C3 stays unknown, C5 stays not met.
        _tmp.Write("lao-cai-2025/communes.csv", """
            id,name,province_id,irrigated_land_pct
            C1,Xã Bản Phố,P10,90
            C2,Xã Cốc San,P10,82
            C3,Xã Tả Van,P10,
            C4,Xã Hồng Ca,P15,84
            C5,Xã Nậm Có,P15,60

            """);
        _tmp.Write("lao-cai-2025/provinces.csv", "id,name\nP10,Lào Cai\nP15,Yên Bái\n");
    }

    public void Dispose() => _tmp.Dispose();

    private static (int Code, string Out, string Err) Ntp(params string[] args) => ShippedCli.Run(args);

    [Fact]
    public void Two_versions_list_every_changed_verdict_with_the_indicator_and_the_counts_per_province()
    {
        var (code, output, err) = Ntp("rules", "impact", "--data", _tmp["lao-cai-2025"],
            "--old", _tmp["rules/irrigation/2021-2025.yaml"], "--new", _tmp["rules/irrigation/2026-2030.yaml"], "--out", _tmp["impact"]);

        Assert.True(code == 0, err);
        Assert.Contains("old: irrigation@2021-2025 as of 2025-12-31", output);
        Assert.Contains("new: irrigation@2026-2030 as of 2026-01-01", output); // the new version's first day
        Assert.Matches(@"Lào Cai\s*│\s*irrigation\s*│\s*2 → 1\s*│\s*0 → 1\s*│\s*1 → 1\s*│\s*0\s*│\s*1\s*│\s*1", output);
        Assert.Matches(@"Yên Bái\s*│\s*irrigation\s*│\s*1 → 0\s*│\s*1 → 2\s*│\s*0 → 0\s*│\s*0\s*│\s*1\s*│\s*1", output);
        Assert.Matches(@"all\s*│\s*irrigation\s*│\s*3 → 1\s*│\s*1 → 3\s*│", output);
        Assert.Contains("2 verdict(s) change", output);
        Assert.Contains("C2 Xã Cốc San [Lào Cai] irrigation: met → not met; c03 met → not met (3.1 met → not met)", output);
        Assert.Contains("C4 Xã Hồng Ca [Yên Bái] irrigation: met → not met", output);
        Assert.DoesNotContain("C1 Xã", output);
        Assert.DoesNotContain("C3 Xã", output);

        Assert.Equal(["lao-cai-2025-impact.csv", "lao-cai-2025-impact.html", "lao-cai-2025-impact.md"], _tmp.Files("impact"));
        var csv = File.ReadAllLines(_tmp["impact/lao-cai-2025-impact.csv"]);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("C2,Xã Cốc San,commune,Lào Cai,irrigation,met,not-met,1,0,c03,Irrigation,met,not-met,3.1,Irrigated share,met,not-met,", csv[1]);
        Assert.Contains("85", csv[1]); // the new reason names the new threshold
        var md = File.ReadAllText(_tmp["impact/lao-cai-2025-impact.md"]);
        Assert.Contains("| Lào Cai | irrigation | 2 → 1 | 0 → 1 | 1 → 1 | 0 | 1 | 1 |", md);
        Assert.Contains("### Xã Hồng Ca (C4), Yên Bái: irrigation met → not met", md);
        var html = File.ReadAllText(_tmp["impact/lao-cai-2025-impact.html"]);
        Assert.Contains("<tr id=\"irrigation-C2\">", html);
        Assert.Contains("<details><summary>c03 Irrigation: <span class=\"v met\">met</span> → <span class=\"v not-met\">not met</span></summary>", html);
    }

    [Fact]
    public void Two_rules_folders_on_the_same_date_compare_the_edited_threshold()
    {
        _tmp.Write("proposed/catalogue/catalogue.yaml", File.ReadAllText(_tmp["rules/catalogue/catalogue.yaml"]));
        _tmp.Write("proposed/irrigation/2021-2025.yaml", File.ReadAllText(_tmp["rules/irrigation/2021-2025.yaml"]).Replace("value: 80", "value: 55"));

        var (code, output, err) = Ntp("rules", "impact", "--data", _tmp["lao-cai-2025"], "--old", _tmp["rules"], "--new", _tmp["proposed"], "--as-of", "2025-06-30");

        Assert.True(code == 0, err);
        Assert.Contains("1 verdict(s) change", output);
        Assert.Contains("C5 Xã Nậm Có [Yên Bái] irrigation: not met → met", output);
        Assert.Matches(@"all\s*│\s*irrigation\s*│\s*3 → 4\s*│\s*1 → 0\s*│\s*1 → 1\s*│\s*1\s*│\s*0\s*│\s*1", output);
        Assert.Empty(_tmp.Files("impact")); // no --out: terminal only
    }

    [Fact]
    public void A_path_that_is_neither_a_folder_nor_a_version_file_is_a_usage_error()
    {
        var (code, _, err) = Ntp("rules", "impact", "--data", _tmp["lao-cai-2025"], "--old", _tmp["rules"], "--new", _tmp["nowhere"]);
        Assert.Equal(2, code);
        Assert.Contains("--new: '" + _tmp["nowhere"] + "' is neither a rules folder nor a rule-set file", err);
    }
}
