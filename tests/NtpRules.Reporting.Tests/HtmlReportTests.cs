namespace NtpRules.Reporting.Tests;

public sealed class HtmlReportTests
{
    private static string Render(Assessment.Results.AssessmentReport report)
    {
        var w = new StringWriter();
        HtmlReportWriter.Write(report, w);
        return w.ToString();
    }

    [Fact]
    public void Text_from_data_and_rules_is_escaped()
    {
        var html = Render(ReportFixture.Build("<script>alert('x')</script> & Co", "value \"<b>85</b>\" ≥ 80"));

        Assert.DoesNotContain("<script>alert", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script")); // the page's own inline script only
        Assert.DoesNotContain("<b>85</b>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", html);
        Assert.Contains("value &quot;&lt;b&gt;85&lt;/b&gt;&quot; ≥ 80", html);
    }

    [Fact]
    public void Page_is_self_contained()
    {
        var html = Render(ReportFixture.Build());
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("<script src", html);
        Assert.Contains("<script>// Commune index", html); // inline, from Html/report.js
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<meta charset=\"utf-8\">", html);
    }

    [Fact]
    public void Page_shows_the_province_summary_coloured_verdicts_expandable_reasons_and_named_unknowns()
    {
        var html = Render(ReportFixture.Build());

        Assert.Contains("<h2>Summary</h2>", html);
        Assert.Contains("Lào Cai", html);
        Assert.Contains("<td class=\"num\">18.5</td>", html);
        Assert.Contains("<span class=\"v met\">met</span>", html);
        Assert.Contains("<span class=\"v unknown\">unknown</span>", html);
        Assert.Contains("<span class=\"v not-met\">not met</span>", html);
        Assert.Contains("<details><summary><span class=\"v met\">met</span> 3.1 Irrigated land share</summary>", html);
        Assert.Contains("<dt>Reason</dt><dd>85 ≥ 80</dd>", html);
        Assert.Contains("irrigation_min [region=TDMNPB] = 80 % (provisional)", html);
        Assert.Contains("<li>3.1 Irrigated land share: missing irrigated_land_pct</li>", html);
        // Households are counted per label, not listed one by one.
        Assert.Contains("<td>poverty_status</td><td>poor</td><td class=\"num\">1</td>", html);
    }
}
