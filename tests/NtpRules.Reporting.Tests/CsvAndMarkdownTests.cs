using System.Globalization;
using CsvHelper;

namespace NtpRules.Reporting.Tests;

public sealed class CsvAndMarkdownTests
{
    [Fact]
    public void Csv_summary_has_one_row_per_subject_and_standard_and_quotes_names()
    {
        var w = new StringWriter();
        CsvSummaryWriter.Write(ReportFixture.Build("Xã \"Bản\", Phố"), w);

        using var csv = new CsvReader(new StringReader(w.ToString()), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count); // the household has no standard
        Assert.Equal(CsvSummaryWriter.Header, rows[0].Keys);
        Assert.Equal(["C1", "Xã \"Bản\", Phố", "commune", "D1", "ntm-commune", "met", "19", "19"], rows[0].Values.Cast<string>());
        Assert.Equal("unknown", rows[1]["verdict"]);
    }

    [Fact]
    public void Markdown_lists_unmet_and_unknown_indicators_with_missing_data_and_keeps_tables_intact()
    {
        var w = new StringWriter();
        MarkdownReportWriter.Write(ReportFixture.Build("Xã | Bản\nPhố"), w);
        var md = w.ToString();

        Assert.Contains("### Xã \\| Bản Phố (commune C1)", md);
        Assert.Contains("| province | Lào Cai (P10) | ntm-commune | 1 | 0 | 1 | 18.5 |", md);
        Assert.Contains("- 3.1 Irrigated land share: **unknown**. irrigated\\_land\\_pct is missing Missing: irrigated\\_land\\_pct.", md);
        Assert.Contains("**New-rural commune** (`ntm-commune`): **met**, 19/19 criteria met.", md);
    }
}
