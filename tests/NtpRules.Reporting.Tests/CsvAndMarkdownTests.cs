using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;
using System.Globalization;
using CsvHelper;

namespace NtpRules.Reporting.Tests;

public sealed class CsvAndMarkdownTests
{
    private static List<IDictionary<string, object>> Rows(Action<TextWriter> write)
    {
        var w = new StringWriter();
        write(w);
        using var csv = new CsvReader(new StringReader(w.ToString()), CultureInfo.InvariantCulture);
        return csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
    }

    [Fact]
    public void Criteria_csv_has_one_column_per_criterion_with_its_verdict()
    {
        var report = ReportFixture.Build();
        var second = new CriterionResult("c05", "Trường học", Verdict.NotMet, [], "Decision 318, criterion 5");
        report = report with { Subjects = [report.Subjects[0], report.Subjects[1] with { Standards = [report.Subjects[1].Standards[0] with { Criteria = [.. report.Subjects[1].Standards[0].Criteria, second] }] }, report.Subjects[2]] };

        var rows = Rows(w => CsvDetailWriters.WriteCriteria(report, w));

        Assert.Equal([.. CsvDetailWriters.CriteriaHeader, "c03", "c05"], rows[0].Keys);
        Assert.Equal(["C1", "met", ""], new[] { rows[0]["subject_id"], rows[0]["c03"], rows[0]["c05"] });
        Assert.Equal(["C2", "unknown", "not-met"], new[] { rows[1]["subject_id"], rows[1]["c03"], rows[1]["c05"] });
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void Household_and_target_csvs_have_a_row_each()
    {
        var report = ReportFixture.Build();

        var households = Rows(w => CsvDetailWriters.WriteClassified(report, w));
        var h = Assert.Single(households);
        Assert.Equal(["H1", "Hộ Lò Văn A", "household", "C1", "poor"], h.Values.Cast<string>());
        Assert.Equal("poverty_status", h.Keys.Last());

        var t = Assert.Single(Rows(w => CsvDetailWriters.WriteTargets(report, w)));
        Assert.Equal(CsvDetailWriters.TargetHeader, t.Keys);
        Assert.Equal(["ntm-share", "not-met", "50", "80", "30"], new[] { t["target_id"], t["verdict"], t["actual"], t["target"], t["gap"] });
    }

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
        Assert.Contains("- 3.1 **unknown**: Irrigated land share (irrigated\\_land\\_pct): no data. Decision 318/QĐ-TTg, Annex I, criterion 3.1.", md);
        Assert.Contains("**New-rural commune** (`ntm-commune`): **met**, 19/19 criteria met.", md);
        // The run's id stays on top; the hashes close the report.
        Assert.StartsWith("# Assessment as of 2024-12-31\n\nRun `run-1`", md.ReplaceLineEndings("\n"));
        Assert.True(md.IndexOf("## Rule sets and inputs", StringComparison.Ordinal) > md.IndexOf("## Subjects", StringComparison.Ordinal));
        Assert.Contains($"| input | | samples/lao-cai-2024/communes.csv | `{new string('b', 64)}` |", md);
    }

    [Fact]
    public void Rates_recognition_and_not_applicable_indicators_are_shown_apart_from_met()
    {
        var report = ReportFixture.Build();
        var exempt = ReportFixture.Indicator("13.4", Verdict.Met, null, name: "Craft-village plan") with
        {
            Reason = "Not applicable: has_craft_village is false, so the indicator counts as met.",
            NotApplicable = true,
        };
        var commune = report.Subjects[0] with
        {
            Standards = [ReportFixture.Standard(Verdict.Met, 19, new CriterionResult("c13", "Sản xuất", Verdict.Met, [exempt], "Decision 318, criterion 13"))],
            Rates = new HouseholdRates(12.5, 8.33, "households"),
            Recognition = [new RecognitionResult("ntm-commune", Verdict.Met, "ntm-commune-recognition", Verdict.Unknown, "requires ntm-commune: met")],
        };
        report = report with { Subjects = [commune, .. report.Subjects.Skip(1)] };
        var w = new StringWriter();
        MarkdownReportWriter.Write(report, w);
        var md = w.ToString();
        Assert.Contains("Households: poverty rate 12.5 %, near-poor rate 8.33 % (household records).", md);
        Assert.Contains("- Recognition ntm-commune: meets the criteria: met; eligible for recognition: unknown", md);
        Assert.Contains("- 13.4 **not applicable**: Craft-village plan: not applicable, so counted as met: has\\_craft\\_village is false", md);

        using var json = new MemoryStream();
        JsonReportWriter.Write(report, json);
        using var doc = System.Text.Json.JsonDocument.Parse(json.ToArray());
        var subject = doc.RootElement.GetProperty("subjects")[0];
        Assert.Equal(8.33, subject.GetProperty("rates").GetProperty("nearPoorRate").GetDouble());
        Assert.Equal("unknown", subject.GetProperty("recognition")[0].GetProperty("eligibleForRecognition").GetString());
        Assert.Equal("met", subject.GetProperty("recognition")[0].GetProperty("meetsCriteria").GetString());
        var indicator = subject.GetProperty("standards")[0].GetProperty("criteria")[0].GetProperty("indicators")[0];
        Assert.True(indicator.GetProperty("notApplicable").GetBoolean());
        Assert.Equal("met", indicator.GetProperty("verdict").GetString());
    }
}
