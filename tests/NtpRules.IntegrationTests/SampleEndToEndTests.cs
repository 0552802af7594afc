using System.Text.Json;
using NtpRules.Cli;
using NtpRules.Cli.Console;

namespace NtpRules.IntegrationTests;

/// <summary>
/// <c>ntp assess</c> as shipped (CliApp.DefaultServices) on the bundled Lào Cai 2024 sample: the published figures
/// are 62 of 126 communes meeting NTM, 4 advanced, 12.63 criteria met on average.
/// </summary>
public sealed class SampleEndToEndTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Lao_cai_2024_gives_the_published_figures_in_the_summary_and_the_reports()
    {
        var root = RealData.RepoRoot();
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = CliApp.Run(["assess", "--data", Path.Combine(root, "samples", "lao-cai-2024"), "--rules", Path.Combine(root, "rules"), "--out", _tmp["reports"]],
            CliApp.DefaultServices(), new Terminal(o, e, interactive: false));

        Assert.True(code == 0, e.ToString());
        Assert.Matches(@"all\s*│\s*ntm-commune\s*│\s*62\s*│\s*64\s*│\s*0\s*│\s*12\.63", o.ToString());
        Assert.Matches(@"all\s*│\s*ntm-advanced-commune\s*│\s*4\s*│", o.ToString());

        using var json = JsonDocument.Parse(File.ReadAllText(_tmp["reports/lao-cai-2024.json"]));
        var root2 = json.RootElement;
        Assert.Equal("2024-12-31", root2.GetProperty("run").GetProperty("asOf").GetString());
        var ntm = root2.GetProperty("subjects").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "commune")
            .Select(s => s.GetProperty("standards").EnumerateArray().Single(x => x.GetProperty("id").GetString() == "ntm-commune")).ToList();
        Assert.Equal(126, ntm.Count);
        Assert.Equal(62, ntm.Count(s => s.GetProperty("verdict").GetString() == "met"));
        Assert.Equal(12.63, Math.Round(ntm.Average(s => s.GetProperty("criteriaMet").GetInt32()), 2));
        Assert.All(["lao-cai-2024.md", "lao-cai-2024.html", "lao-cai-2024-summary.csv"], f => Assert.True(File.Exists(_tmp[$"reports/{f}"])));
    }

    /// <summary>A province page must open in a browser: at most 5 MB for a 150-commune province, so about 35 KB a commune.</summary>
    private const double PageBudgetBytesPerCommune = 5.0 * 1024 * 1024 / 150;

    [Fact]
    public void A_province_page_stays_within_its_size_budget_per_commune()
    {
        var root = RealData.RepoRoot();
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = CliApp.Run(["assess", "--data", Path.Combine(root, "samples", "lao-cai-2024"), "--rules", Path.Combine(root, "rules"), "--out", _tmp["reports"], "--format", "html"],
            CliApp.DefaultServices(), new Terminal(o, e, interactive: false));
        Assert.True(code == 0, e.ToString());

        var page = _tmp["reports/lao-cai-2024-provinces/LC.html"];
        var communes = System.Text.RegularExpressions.Regex.Count(File.ReadAllText(page), "<section class=\"subject\" id=\"commune-");
        Assert.Equal(126, communes);
        var perCommune = new FileInfo(page).Length / (double)communes;
        Assert.True(perCommune <= PageBudgetBytesPerCommune, $"the province page takes {perCommune:0} bytes a commune; the budget is {PageBudgetBytesPerCommune:0}");
    }
}
