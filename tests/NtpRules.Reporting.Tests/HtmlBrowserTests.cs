using Microsoft.Playwright;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;
using Xunit.Abstractions;

namespace NtpRules.Reporting.Tests;

/// <summary>
/// The HTML report driven in a real headless Chromium (Debian's, through Playwright): search, filters, expanding a
/// criterion, and no horizontal overflow at 400 px or in print. Skipped, with the reason, when no browser is installed.
/// </summary>
public sealed class HtmlBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> Open(int width = 1200)
    {
        if (browser.Skip is not null) output.WriteLine("skipped: " + browser.Skip);
        Skip.If(browser.Skip is not null, browser.Skip);
        var page = await browser.Browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        await page.GotoAsync(new Uri(browser.File).AbsoluteUri);
        return page;
    }

    private static Task<string[]> VisibleRows(IPage page) =>
        page.EvalOnSelectorAllAsync<string[]>("table.index tbody tr", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.querySelector('a').textContent)");

    private static Task<bool> Overflows(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

    [SkippableFact]
    public async Task Search_finds_a_commune_without_its_diacritics()
    {
        var page = await Open();
        Assert.Equal(["Xã Bản Phố", "Xã Cốc San", "Xã Nậm Có"], await VisibleRows(page));

        await page.FillAsync("#index-search", "coc san");

        Assert.Equal(["Xã Cốc San"], await VisibleRows(page));
        Assert.Equal("1 / 3", await page.TextContentAsync("#index-count"));
        await page.ClickAsync("text=Xã Cốc San");
        Assert.EndsWith("#commune-C2", page.Url);
    }

    [SkippableFact]
    public async Task Filters_hide_met_communes_and_keep_those_failing_a_criterion()
    {
        var page = await Open();

        await page.SelectOptionAsync("#index-verdict", "ntm-commune:not-met");
        Assert.Equal(["Xã Nậm Có"], await VisibleRows(page));

        await page.SelectOptionAsync("#index-verdict", "");
        await page.SelectOptionAsync("#index-criterion", "ntm-commune:c03");
        Assert.Equal(["Xã Cốc San", "Xã Nậm Có"], await VisibleRows(page)); // unknown or not met; the met one is hidden
    }

    [SkippableFact]
    public async Task Summary_counts_and_pass_rate_bars_open_the_index_filtered()
    {
        var page = await Open();

        await page.ClickAsync("#summary + table a[href='#v=ntm-commune:unknown']");
        Assert.Equal(["Xã Cốc San"], await VisibleRows(page));
        Assert.Equal("ntm-commune:unknown", await page.InputValueAsync("#index-verdict"));

        await page.ClickAsync("figure[data-chart=pass-rate] a[href='#c=ntm-commune:c03'] text >> nth=0");
        Assert.Equal(["Xã Cốc San", "Xã Nậm Có"], await VisibleRows(page));
        Assert.Equal("", await page.InputValueAsync("#index-verdict"));
    }

    [SkippableFact]
    public async Task Columns_sort_by_criteria_met()
    {
        var page = await Open();
        await page.ClickAsync("table.index th:nth-child(3)");
        Assert.Equal(["Xã Nậm Có", "Xã Cốc San", "Xã Bản Phố"], await VisibleRows(page));
        await page.ClickAsync("table.index th:nth-child(3)");
        Assert.Equal(["Xã Bản Phố", "Xã Cốc San", "Xã Nậm Có"], await VisibleRows(page));
    }

    [SkippableFact]
    public async Task A_criterion_expands_to_its_reasons()
    {
        var page = await Open();
        var reason = page.Locator("#commune-C3 details ul.reasons li").First;
        Assert.False(await reason.IsVisibleAsync());

        await page.Locator("#commune-C3 details summary").First.ClickAsync();

        Assert.True(await reason.IsVisibleAsync());
        const string english = "Irrigated land share (irrigated_land_pct) is 60 %, below the 80 % required for TDMNPB (parameter irrigation_min); 20 points short. Decision 318/QĐ-TTg, Annex I, criterion 3.1.";
        Assert.Equal("not met 3.1 Thủy lợi đo (irrigated_land_pct) là 60 %, thấp hơn mức tối thiểu 80 % đối với TDMNPB (tham số irrigation_min); còn thiếu 20 điểm phần trăm. Decision 318/QĐ-TTg, Annex I, criterion 3.1.",
            await reason.EvaluateAsync<string>("li => li.innerText"));
        await page.ClickAsync("#lang-toggle");
        Assert.Equal("not met 3.1 " + english, await reason.EvaluateAsync<string>("li => li.innerText"));
    }

    [SkippableFact]
    public async Task The_language_toggle_switches_labels_to_english()
    {
        var page = await Open();
        Assert.True(await page.Locator("#index span[lang=vi]").IsVisibleAsync());
        Assert.False(await page.Locator("#index span[lang=en]").IsVisibleAsync());
        await page.ClickAsync("#lang-toggle");
        Assert.True(await page.Locator("#index span[lang=en]").IsVisibleAsync());
        Assert.Equal("Index", await page.Locator("#index span[lang=en]").TextContentAsync());
    }

    [SkippableFact]
    public async Task At_400_px_the_page_has_no_horizontal_overflow()
    {
        var page = await Open(400);
        Assert.False(await Overflows(page));
        await page.Locator("#commune-C3 details summary").First.ClickAsync();
        Assert.False(await Overflows(page));
    }

    [SkippableFact]
    public async Task Print_layout_expands_every_reason_and_has_no_horizontal_overflow()
    {
        var page = await Open(700);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        // The page opens every reason when the print media query starts to match (a change event): wait for it.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('details')].every(d => d.open)", null,
            new PageWaitForFunctionOptions { Timeout = 5000 });
        Assert.True(await page.Locator("#commune-C3 details ul.reasons li").First.IsVisibleAsync());
        Assert.False(await page.Locator("#index-search").IsVisibleAsync());
        Assert.False(await Overflows(page));
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
        Assert.True(pdf.Length > 1000);
    }
}

/// <summary>One headless Chromium and one rendered report (three communes: met, unknown, not met) shared by the browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] Browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }
    public string? Skip { get; private set; }
    public string File { get; } = Path.Combine(Path.GetTempPath(), $"ntp-html-{Guid.NewGuid():N}.html");

    public async Task InitializeAsync()
    {
        var path = Browsers.Prepend(Environment.GetEnvironmentVariable("NTP_CHROMIUM")).OfType<string>().FirstOrDefault(System.IO.File.Exists);
        if (path is null)
        {
            Skip = $"no Chromium found (looked at $NTP_CHROMIUM, {string.Join(", ", Browsers)}); install one with 'apt-get install -y chromium'";
            return;
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true, Args = ["--no-sandbox"] });
        var report = ReportFixture.Build();
        var notMet = new SubjectResult("C3", "Xã Nậm Có", "commune", "D2",
            [ReportFixture.Standard(Verdict.NotMet, 12, new CriterionResult("c03", "Thủy lợi", Verdict.NotMet, [ReportFixture.Indicator("3.1", Verdict.NotMet, 60)], "Decision 318, criterion 3"))], []);
        report = report with
        {
            Subjects = [.. report.Subjects, notMet],
            Run = report.Run with { VietnameseNames = new Dictionary<string, string> { ["ntm-commune/c03/3.1"] = "Thủy lợi đo" } },
        };
        await using var w = new StreamWriter(File);
        HtmlReportWriter.Write(report, w);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        System.IO.File.Delete(File);
    }
}
