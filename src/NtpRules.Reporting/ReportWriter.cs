using NtpRules.Assessment.Results;

namespace NtpRules.Reporting;

/// <summary>Writes the reports of one run into a folder, each atomically: &lt;name&gt;.json, .md, .html and -summary.csv.</summary>
public static class ReportWriter
{
    /// <summary>
    /// Writes the chosen formats as one set and returns the paths written. Nothing is renamed into place until every
    /// format is written, and on a failure (disk full, folder unwritable) no file of the set remains.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(AssessmentReport report, string folder, string baseName, ReportFormats formats)
    {
        using var set = new AtomicFileSet();
        void Add(ReportFormats f, string suffix, Action<Stream> write)
        {
            if (formats.HasFlag(f)) set.Add(Path.Combine(folder, baseName + suffix), write);
        }
        Add(ReportFormats.Json, ".json", s => JsonReportWriter.Write(report, s));
        Add(ReportFormats.Markdown, ".md", AtomicFile.Text(w => MarkdownReportWriter.Write(report, w)));
        Add(ReportFormats.Html, ".html", AtomicFile.Text(w => HtmlReportWriter.Write(report, w)));
        Add(ReportFormats.Csv, "-summary.csv", AtomicFile.Text(w => CsvSummaryWriter.Write(report, w)));
        return set.Commit();
    }

    /// <summary>The file names <see cref="WriteAll"/> would write for <paramref name="baseName"/>.</summary>
    public static IEnumerable<string> FileNames(string baseName, ReportFormats formats)
    {
        if (formats.HasFlag(ReportFormats.Json)) yield return baseName + ".json";
        if (formats.HasFlag(ReportFormats.Markdown)) yield return baseName + ".md";
        if (formats.HasFlag(ReportFormats.Html)) yield return baseName + ".html";
        if (formats.HasFlag(ReportFormats.Csv)) yield return baseName + "-summary.csv";
    }
}
