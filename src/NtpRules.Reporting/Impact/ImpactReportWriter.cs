using System.Globalization;
using CsvHelper;
using NtpRules.Assessment.Impact;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting.Impact;

/// <summary>
/// Writes an <see cref="ImpactReport"/> as Markdown, CSV (one row per changed indicator) and a self-contained HTML
/// page, each atomically: &lt;name&gt;-impact.md, -impact.csv, -impact.html.
/// </summary>
public static class ImpactReportWriter
{
    public static readonly string[] CsvHeader =
    [
        "subject_id", "subject_name", "kind", "province", "standard", "old_verdict", "new_verdict", "old_criteria_met", "new_criteria_met",
        "criterion", "criterion_name", "old_criterion_verdict", "new_criterion_verdict",
        "indicator", "indicator_name", "old_indicator_verdict", "new_indicator_verdict", "new_reason",
    ];

    /// <summary>Writes the chosen formats (JSON is not one of them) and returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(ImpactReport report, string folder, string baseName, ReportFormats formats)
    {
        var written = new List<string>();
        void Add(ReportFormats f, string suffix, Action<TextWriter> write)
        {
            if (!formats.HasFlag(f)) return;
            var path = Path.Combine(folder, baseName + suffix);
            AtomicFile.WriteText(path, write);
            written.Add(path);
        }
        Add(ReportFormats.Markdown, "-impact.md", w => WriteMarkdown(report, w));
        Add(ReportFormats.Csv, "-impact.csv", w => WriteCsv(report, w));
        Add(ReportFormats.Html, "-impact.html", w => WriteHtml(report, w));
        return written;
    }

    /// <summary>"met → not met", with "–" for a side where the item does not exist.</summary>
    public static string Transition(Verdict? old, Verdict? @new) => $"{Word(old)} → {Word(@new)}";

    private static string Word(Verdict? v) => v is { } x ? VerdictWords.Of(x) : "–";

    private static string Text(Verdict? v) => v?.ToText() ?? "";

    private static string Side(ImpactSide s) =>
        $"{s.Label}, as of {ValueText.Date(s.AsOf)} ({string.Join(", ", s.RuleSets.Select(r => $"{r.Id}@{r.Version}"))})";

    public static void WriteMarkdown(ImpactReport report, TextWriter w)
    {
        static string E(string? t) => MarkdownReportWriter.E(t);
        w.WriteLine("# Impact of a rule change");
        w.WriteLine();
        w.WriteLine($"- Old: {E(Side(report.Old))}");
        w.WriteLine($"- New: {E(Side(report.New))}");
        foreach (var s in report.OnlyOld) w.WriteLine($"- {E(s)}: assessed only under the old rules");
        foreach (var s in report.OnlyNew) w.WriteLine($"- {E(s)}: assessed only under the new rules");
        w.WriteLine();
        w.WriteLine("## Counts per province and standard");
        w.WriteLine();
        w.WriteLine("| Province | Standard | Met (old → new) | Not met (old → new) | Unknown (old → new) | Gained | Lost | Changed |");
        w.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var c in report.Counts)
            w.WriteLine($"| {E(c.Province)} | {E(c.Standard)} | {c.Old.Met} → {c.New.Met} | {c.Old.NotMet} → {c.New.NotMet} | {c.Old.Unknown} → {c.New.Unknown} | {c.Gained} | {c.Lost} | {c.Changed} |");
        w.WriteLine();
        w.WriteLine($"## Verdicts that change ({report.Changes.Count})");
        w.WriteLine();
        if (report.Changes.Count == 0) w.WriteLine("No verdict changes.");
        foreach (var c in report.Changes)
        {
            w.WriteLine($"### {E(c.SubjectName)} ({E(c.SubjectId)}), {E(c.Province)}: {E(c.Standard)} {Transition(c.Old, c.New)}");
            w.WriteLine();
            w.WriteLine($"Criteria met {c.OldCriteriaMet} → {c.NewCriteriaMet}. {E(c.NewReason)}");
            w.WriteLine();
            foreach (var cr in c.Criteria)
            {
                w.WriteLine($"- {E(cr.Id)} {E(cr.Name)}: {Transition(cr.Old, cr.New)}");
                foreach (var i in cr.Indicators)
                    w.WriteLine($"  - {E(i.Id)} {E(i.Name)}: {Transition(i.Old, i.New)}. {E(i.NewReason.Length > 0 ? i.NewReason : i.OldReason)}");
            }
            w.WriteLine();
        }
    }

    public static void WriteCsv(ImpactReport report, TextWriter w)
    {
        using var csv = new CsvWriter(w, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in CsvHeader) csv.WriteField(h);
        csv.NextRecord();
        foreach (var c in report.Changes)
        {
            var rows = new List<(CriterionChange? Criterion, IndicatorChange? Indicator)>();
            foreach (var cr in c.Criteria)
                if (cr.Indicators.Count == 0) rows.Add((cr, null));
                else rows.AddRange(cr.Indicators.Select(i => ((CriterionChange?)cr, (IndicatorChange?)i)));
            if (rows.Count == 0) rows.Add((null, null));
            foreach (var (cr, i) in rows)
            {
                foreach (var field in new[] { c.SubjectId, c.SubjectName, c.Kind, c.Province, c.Standard, Text(c.Old), Text(c.New) }) csv.WriteField(field);
                csv.WriteField(c.OldCriteriaMet);
                csv.WriteField(c.NewCriteriaMet);
                foreach (var field in new[] { cr?.Id, cr?.Name, Text(cr?.Old), Text(cr?.New), i?.Id, i?.Name, Text(i?.Old), Text(i?.New), i?.NewReason ?? (cr is null ? c.NewReason : "") })
                    csv.WriteField(field ?? "");
                csv.NextRecord();
            }
        }
    }

    public static void WriteHtml(ImpactReport report, TextWriter w)
    {
        static string E(string? t) => HtmlReportWriter.E(t);
        static string Badge(Verdict? v) => v is { } x ? $"<span class=\"v {x.ToText()}\">{VerdictWords.Of(x)}</span>" : "–";
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.WriteLine("<title>Impact of a rule change</title>");
        w.WriteLine($"<style>{HtmlReportWriter.Style}</style></head><body>");
        w.WriteLine("<h1>Impact of a rule change</h1>");
        w.WriteLine($"<p>Old: {E(Side(report.Old))}<br>New: {E(Side(report.New))}</p>");
        foreach (var s in report.OnlyOld) w.WriteLine($"<p class=\"muted\">{E(s)}: assessed only under the old rules</p>");
        foreach (var s in report.OnlyNew) w.WriteLine($"<p class=\"muted\">{E(s)}: assessed only under the new rules</p>");
        w.WriteLine("<h2>Counts per province and standard</h2>");
        w.WriteLine("<table><tr><th>Province</th><th>Standard</th><th>Met</th><th>Not met</th><th>Unknown</th><th>Gained</th><th>Lost</th><th>Changed</th></tr>");
        foreach (var c in report.Counts)
            w.WriteLine($"<tr><td>{E(c.Province)}</td><td>{E(c.Standard)}</td><td class=\"num\">{c.Old.Met} → {c.New.Met}</td><td class=\"num\">{c.Old.NotMet} → {c.New.NotMet}</td><td class=\"num\">{c.Old.Unknown} → {c.New.Unknown}</td><td class=\"num\">{c.Gained}</td><td class=\"num\">{c.Lost}</td><td class=\"num\">{c.Changed}</td></tr>");
        w.WriteLine("</table>");
        w.WriteLine($"<h2>Verdicts that change ({report.Changes.Count})</h2>");
        w.WriteLine("<table><tr><th>Subject</th><th>Province</th><th>Standard</th><th>Verdict</th><th>Criteria met</th><th>What changed it</th></tr>");
        foreach (var c in report.Changes)
        {
            var why = string.Join("", c.Criteria.Select(cr =>
                $"<details><summary>{E(cr.Id)} {E(cr.Name)}: {Badge(cr.Old)} → {Badge(cr.New)}</summary><ul>" +
                string.Join("", cr.Indicators.Select(i => $"<li>{E(i.Id)} {E(i.Name)}: {Badge(i.Old)} → {Badge(i.New)}. {E(i.NewReason.Length > 0 ? i.NewReason : i.OldReason)}</li>")) +
                "</ul></details>"));
            if (why.Length == 0) why = E(c.NewReason);
            w.WriteLine($"<tr id=\"{E(c.Standard)}-{E(c.SubjectId)}\"><td>{E(c.SubjectName)} <span class=\"muted\">{E(c.SubjectId)}</span></td><td>{E(c.Province)}</td><td>{E(c.Standard)}</td><td>{Badge(c.Old)} → {Badge(c.New)}</td><td class=\"num\">{c.OldCriteriaMet} → {c.NewCriteriaMet}</td><td>{why}</td></tr>");
        }
        w.WriteLine("</table></body></html>");
    }
}
