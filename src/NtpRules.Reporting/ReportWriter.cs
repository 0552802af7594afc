using NtpRules.Assessment.Results;

namespace NtpRules.Reporting;

/// <summary>
/// Writes the reports of one run into a folder as one set: &lt;name&gt;.json, .md, .html (an index, with one page per
/// province in &lt;name&gt;-provinces/), -summary.csv and -criteria.csv, plus -households.csv and -targets.csv when the
/// run classified households or assessed targets.
/// </summary>
public static class ReportWriter
{
    /// <summary>Writes the chosen formats and returns the paths written (for HTML, the index and its pages' folder).</summary>
    public static IReadOnlyList<string> WriteAll(AssessmentReport report, string folder, string baseName, ReportFormats formats)
    {
        using var stream = new ReportStream(report.Run, folder, baseName, formats);
        stream.Add(report.Subjects);
        return stream.Complete(report.Rollups, report.Targets);
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
