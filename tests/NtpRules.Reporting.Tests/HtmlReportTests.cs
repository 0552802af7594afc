using System.Text.Json;
using System.Text.RegularExpressions;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting.Tests;

public sealed class HtmlReportTests
{
    private static string Render(AssessmentReport report)
    {
        var w = new StringWriter();
        HtmlReportWriter.Write(report, w);
        return w.ToString();
    }

    /// <summary>The page's reasons data (the JSON block report.js reads).</summary>
    private static JsonElement Reasons(string html) =>
        JsonDocument.Parse(Regex.Match(html, "<script type=\"application/json\" id=\"reasons\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value).RootElement;

    [Fact]
    public void Text_from_data_and_rules_is_escaped()
    {
        var report = ReportFixture.Build("<script>alert('x')</script> & Co");
        var c1 = report.Subjects[0];
        var odd = ReportFixture.Indicator("3.1", Verdict.Met, 85, name: "Share </script><b>85</b>");
        report = report with { Subjects = [c1 with { Standards = [ReportFixture.Standard(Verdict.Met, 19, new CriterionResult("c03", "Thủy <i>lợi</i>", Verdict.Met, [odd], ""))] }, .. report.Subjects.Skip(1)] };

        var html = Render(report);

        Assert.DoesNotContain("<script>alert", html);
        Assert.Equal(2, Regex.Matches(html, "<script").Count); // the reasons data and the page's own inline script
        Assert.DoesNotContain("<b>85</b>", html);
        Assert.DoesNotContain("<i>lợi</i>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", html);
        Assert.Contains("Thủy &lt;i&gt;lợi&lt;/i&gt;", html);
        Assert.Contains("Share \\u003c/script>\\u003cb>85\\u003c/b> (irrigated_land_pct)", html); // cannot close the data block
        Assert.StartsWith("Share </script><b>85</b> (irrigated_land_pct) is {0} %", Reasons(html).GetProperty("t")[0][4].GetString());
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
    public void Page_shows_the_province_summary_coloured_verdicts_expandable_criteria_and_named_unknowns()
    {
        var html = Render(ReportFixture.Build());

        Assert.Contains("<h2 id=\"summary\">Summary</h2>", html);
        Assert.Contains("Lào Cai", html);
        Assert.Contains("<td class=\"num\">18.5</td>", html);
        Assert.Contains("<span class=\"v met\">met</span>", html);
        Assert.Contains("<span class=\"v unknown\">unknown</span>", html);
        Assert.Contains("<span class=\"v not-met\">not met</span>", html);
        Assert.Contains("<tr><td><details><summary>c03 Thủy lợi</summary></details></td><td><span class=\"v met\">met</span></td></tr>", html);
        Assert.Contains("<p>Unknown, missing data: 3.1 irrigated_land_pct</p>", html);
        // Households are counted per label, not listed one by one.
        Assert.Contains("<td>poverty_status</td><td>poor</td><td class=\"num\">1</td>", html);
    }

    [Fact]
    public void Reasons_are_sentences_held_once_per_page_with_the_figures_per_commune()
    {
        var report = ReportFixture.Build();
        var c3 = new SubjectResult("C3", "Xã Nậm Có", "commune", "D2",
            [ReportFixture.Standard(Verdict.NotMet, 18, new CriterionResult("c03", "Thủy lợi", Verdict.NotMet, [ReportFixture.Indicator("3.1", Verdict.NotMet, 60)], ""))], []);
        var c4 = c3 with { Id = "C4", Standards = [ReportFixture.Standard(Verdict.NotMet, 18, new CriterionResult("c03", "Thủy lợi", Verdict.NotMet, [ReportFixture.Indicator("3.1", Verdict.NotMet, 72.5)], ""))] };
        report = report with { Subjects = [.. report.Subjects, c3, c4], Run = report.Run with { VietnameseNames = new Dictionary<string, string> { ["ntm-commune/c03/3.1"] = "Tỷ lệ đất được tưới" } } };

        var reasons = Reasons(Render(report));

        var templates = reasons.GetProperty("t").EnumerateArray().Select(t => t.EnumerateArray().Select(x => x.GetString()).ToArray()).ToArray();
        Assert.Equal(3, templates.Length); // met, unknown, and one not-met template shared by C3 and C4
        var notMet = Assert.Single(templates, t => t[0] == "not-met");
        Assert.Equal(["not-met", "not met", "3.1"], notMet[..3]);
        Assert.Equal("Irrigated land share (irrigated_land_pct) is {0} %, below the 80 % required for TDMNPB (parameter irrigation_min); {1} points short. Decision 318/QĐ-TTg, Annex I, criterion 3.1.", notMet[4]);
        Assert.Equal("Tỷ lệ đất được tưới (irrigated_land_pct) là {0} %, thấp hơn mức tối thiểu 80 % đối với TDMNPB (tham số irrigation_min); còn thiếu {1} điểm phần trăm. Decision 318/QĐ-TTg, Annex I, criterion 3.1.", notMet[3]);
        var index = Array.IndexOf(templates, notMet);
        Assert.Equal($"[[[{index},\"60\",\"20\"]]]", reasons.GetProperty("s").GetProperty("commune-C3").GetRawText());
        Assert.Equal($"[[[{index},\"72.5\",\"7.5\"]]]", reasons.GetProperty("s").GetProperty("commune-C4").GetRawText());
    }

    [Fact]
    public void Run_hashes_close_the_page()
    {
        var html = Render(ReportFixture.Build());
        var run = html.IndexOf("Run run-1, generated", StringComparison.Ordinal);
        var hashes = html.IndexOf("<h2 id=\"run-files\">Rule sets and inputs</h2>", StringComparison.Ordinal);
        Assert.True(run >= 0 && run < html.IndexOf("<h2 id=\"summary\">Summary</h2>", StringComparison.Ordinal));
        Assert.True(hashes > html.IndexOf("<h2>Subjects</h2>", StringComparison.Ordinal));
        Assert.True(html.IndexOf(new string('a', 64), StringComparison.Ordinal) > hashes);
    }
}
