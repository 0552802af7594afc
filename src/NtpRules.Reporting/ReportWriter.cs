using NtpRules.Assessment.Results;

namespace NtpRules.Reporting;

/// <summary>
/// Writes the reports of one run into a folder, each atomically: &lt;name&gt;.json, .md, .html, -summary.csv and
/// -criteria.csv, plus -households.csv and -targets.csv when the run classified households or assessed targets.
/// </summary>
public static class ReportWriter
{
    /// <summary>Writes the chosen formats and returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(AssessmentReport report, string folder, string baseName, ReportFormats formats)
    {
        var written = new List<string>();
        void Add(ReportFormats f, string suffix, Action<string> write)
        {
            if (!formats.HasFlag(f)) return;
            var path = Path.Combine(folder, baseName + suffix);
            write(path);
            written.Add(path);
        }
        Add(ReportFormats.Json, ".json", p => AtomicFile.Write(p, s => JsonReportWriter.Write(report, s)));
        Add(ReportFormats.Markdown, ".md", p => AtomicFile.WriteText(p, w => MarkdownReportWriter.Write(report, w)));
        Add(ReportFormats.Html, ".html", p => AtomicFile.WriteText(p, w => HtmlReportWriter.Write(report, w)));
        Add(ReportFormats.Csv, "-summary.csv", p => AtomicFile.WriteText(p, w => CsvSummaryWriter.Write(report, w)));
        Add(ReportFormats.Csv, "-criteria.csv", p => AtomicFile.WriteText(p, w => CsvDetailWriters.WriteCriteria(report, w)));
        if (CsvDetailWriters.HasClassified(report))
            Add(ReportFormats.Csv, "-households.csv", p => AtomicFile.WriteText(p, w => CsvDetailWriters.WriteClassified(report, w)));
        if (report.Targets.Count > 0)
            Add(ReportFormats.Csv, "-targets.csv", p => AtomicFile.WriteText(p, w => CsvDetailWriters.WriteTargets(report, w)));
        return written;
    }

    /// <summary>The file names <see cref="WriteAll"/> always writes for <paramref name="baseName"/> (the household and target CSVs depend on the report).</summary>
    public static IEnumerable<string> FileNames(string baseName, ReportFormats formats)
    {
        if (formats.HasFlag(ReportFormats.Json)) yield return baseName + ".json";
        if (formats.HasFlag(ReportFormats.Markdown)) yield return baseName + ".md";
        if (formats.HasFlag(ReportFormats.Html)) yield return baseName + ".html";
        if (formats.HasFlag(ReportFormats.Csv)) yield return baseName + "-summary.csv";
        if (formats.HasFlag(ReportFormats.Csv)) yield return baseName + "-criteria.csv";
    }
}
