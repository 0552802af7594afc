using System.Text;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting;

/// <summary>
/// A self-contained HTML page for reviewers (inline style and script, no external assets): a summary per province,
/// each commune's criteria with coloured verdicts, each indicator's reasons in an expandable block, and the unknowns
/// with the missing data named. Every text from data or rules is HTML-escaped.
/// </summary>
internal static class HtmlReportWriter
{
    internal static string Style => Html.HtmlAssets.Css;

    public static void Write(AssessmentReport report, TextWriter w)
    {
        WriteHead(report.Run, w);
        WriteDataProblems(report.Run, w);
        WriteSummary(report, w);
        WriteTargets(report, w);

        WriteNavigation(report, w);
        w.WriteLine("<h2>Subjects</h2>");
        foreach (var s in report.Subjects.Where(IsReported)) WriteSubject(s, w);
        WriteClassificationCounts(ClassificationCounts.Of(report.Subjects), w);
        WriteEnd(w);
    }

    /// <summary>The charts and the searchable, filterable index of the subjects that follow.</summary>
    internal static void WriteNavigation(AssessmentReport report, TextWriter w)
    {
        Html.HtmlCharts.Write(report, w);
        Html.HtmlCommuneIndex.Write(report, w);
    }

    /// <summary>The page's script (search, filters, sorting, language toggle) and its end.</summary>
    internal static void WriteEnd(TextWriter w)
    {
        w.WriteLine($"<script>{Html.HtmlAssets.Script}</script>");
        w.WriteLine("</body></html>");
    }

    /// <summary>Subjects with a section of their own: those assessed against a standard, and those with household rates.</summary>
    internal static bool IsReported(SubjectResult s) => s.Standards.Count > 0 || s.Rates is not null;

    /// <summary>A page's head (title, style) and the start of its body with the language toggle.</summary>
    internal static void WriteStart(string title, TextWriter w)
    {
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"vi\"><head><meta charset=\"utf-8\">");
        w.WriteLine($"<title>{E(title)}</title>");
        w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.WriteLine($"<style>{Style}</style></head><body class=\"lang-vi\">");
        w.WriteLine("<p class=\"tools no-print\"><button id=\"lang-toggle\" type=\"button\">English</button></p>");
    }

    /// <summary>The page up to the rule sets and inputs of the run.</summary>
    internal static void WriteHead(RunInfo run, TextWriter w)
    {
        WriteStart($"NtpRules assessment as of {ValueText.Date(run.AsOf)}", w);
        w.WriteLine($"<h1>Assessment as of {E(ValueText.Date(run.AsOf))}</h1>");
        w.WriteLine($"<p class=\"muted\">Run {E(run.RunId)}, generated {E(run.GeneratedAt.ToString("u"))}, engine {E(run.Engine)} {E(run.EngineVersion)}.</p>");

        w.WriteLine("<h2>Rule sets and inputs</h2><table><tr><th>Rule set</th><th>Version</th><th>File</th><th>SHA-256</th></tr>");
        foreach (var r in run.RuleSets)
            w.WriteLine($"<tr><td>{E(r.Id)}</td><td>{E(r.Version)}</td><td>{E(r.File)}</td><td><code>{E(r.Sha256)}</code></td></tr>");
        foreach (var i in run.Inputs)
            w.WriteLine($"<tr><td>input</td><td></td><td>{E(i.File)}</td><td><code>{E(i.Sha256)}</code></td></tr>");
        w.WriteLine("</table>");
    }

    /// <summary>The errors a lenient run read past, each with its place and what was done (nothing when there are none).</summary>
    internal static void WriteDataProblems(RunInfo run, TextWriter w)
    {
        if (run.DataProblems.Count == 0) return;
        w.WriteLine($"<h2 id=\"data-problems\">Data problems</h2><p>Read leniently: {E(DataProblem.Summary(run.DataProblems))}.</p>");
        w.WriteLine("<table><tr><th>File</th><th class=\"num\">Line</th><th class=\"num\">Column</th><th>Code</th><th>Problem</th><th>Done</th></tr>");
        foreach (var p in run.DataProblems)
            w.WriteLine($"<tr><td>{E(p.File)}</td><td class=\"num\">{p.Line}</td><td class=\"num\">{p.Column}</td><td>{E(p.Code)}</td>" +
                        $"<td>{E(p.Message)}{(p.Hint is null ? "" : $" <span class=\"muted\">({E(p.Hint)})</span>")}</td><td>{E(p.EffectText)}</td></tr>");
        w.WriteLine("</table>");
    }

    internal static void WriteSummary(AssessmentReport report, TextWriter w)
    {
        if (report.Rollups.Count == 0) return;
        w.WriteLine("<h2>Summary</h2><table><tr><th>Scope</th><th>Name</th><th>Standard</th><th class=\"num\">Met</th><th class=\"num\">Not met</th><th class=\"num\">Unknown</th><th class=\"num\">Avg. criteria met</th></tr>");
        foreach (var r in report.Rollups)
            foreach (var s in r.Standards)
                w.WriteLine($"<tr><td>{E(r.Scope)}</td><td>{E(r.Name)} <span class=\"muted\">{E(r.Id)}</span></td><td>{E(s.StandardId)}</td>" +
                            $"<td class=\"num\">{s.Met}</td><td class=\"num\">{s.NotMet}</td><td class=\"num\">{s.Unknown}</td><td class=\"num\">{ValueText.Number(s.AverageCriteriaMet)}</td></tr>");
        w.WriteLine("</table>");
    }

    internal static void WriteTargets(AssessmentReport report, TextWriter w)
    {
        if (report.Targets.Count == 0) return;
        w.WriteLine("<h2>Targets</h2><table><tr><th>Target</th><th>Scope</th><th>Verdict</th><th class=\"num\">Actual</th><th class=\"num\">Target</th><th class=\"num\">Gap</th><th>Reason</th></tr>");
        foreach (var t in report.Targets)
            w.WriteLine($"<tr><td>{E(t.Name)} <span class=\"muted\">{E(t.Id)}</span></td><td>{E(t.Scope)}</td><td>{Badge(t.Verdict)}</td><td class=\"num\">{ValueText.Number(t.Actual)}</td>" +
                        $"<td class=\"num\">{ValueText.Number(t.Target)}</td><td class=\"num\">{ValueText.Number(t.Gap)}</td><td>{E(t.Reason)}<br><span class=\"muted\">{E(t.Citation)}</span></td></tr>");
        w.WriteLine("</table>");
    }

    internal static void WriteSubject(SubjectResult s, TextWriter w)
    {
        w.WriteLine($"<section class=\"subject\" id=\"{E(s.Kind)}-{E(s.Id)}\"><h3>{E(s.Name)} <span class=\"muted\">{E(s.Kind)} {E(s.Id)}{(s.Parent is null ? "" : ", in " + E(s.Parent))}</span></h3>");
        if (s.Rates is { } rates) w.WriteLine($"<p>Households: {E(VerdictWords.Rates(rates))}</p>");
        foreach (var r in s.Recognition) w.WriteLine($"<p>Recognition {E(VerdictWords.Recognition(r))}</p>");
        foreach (var st in s.Standards)
        {
            w.WriteLine($"<h4>{E(st.Name)} <span class=\"muted\">{E(st.Id)}</span> {Badge(st.Verdict)} {st.CriteriaMet}/{st.CriteriaTotal} criteria met</h4>");
            if (st.Reason.Length > 0) w.WriteLine($"<p>{E(st.Reason)} <span class=\"muted\">{E(st.Citation)}</span></p>");
            w.WriteLine("<table><tr><th>Criterion</th><th>Verdict</th><th>Indicators</th></tr>");
            foreach (var c in st.Criteria)
            {
                w.Write($"<tr><td>{E(c.Id)} {E(c.Name)}</td><td>{Badge(c.Verdict)}</td><td>");
                foreach (var i in c.Indicators) WriteIndicator(i, w);
                w.WriteLine("</td></tr>");
            }
            w.WriteLine("</table>");
            var unknowns = st.Criteria.SelectMany(c => c.Indicators).Where(i => i.Verdict == Verdict.Unknown).ToList();
            if (unknowns.Count > 0)
            {
                w.WriteLine("<p><strong>Unknowns</strong></p><ul>");
                foreach (var i in unknowns)
                    w.WriteLine($"<li>{E(i.Id)} {E(i.Name)}: missing {E(i.Missing.Count > 0 ? string.Join(", ", i.Missing) : "(not named)")}</li>");
                w.WriteLine("</ul>");
            }
        }
        foreach (var c in s.Classifications)
            w.WriteLine($"<p>{E(c.Id)}: <strong>{E(c.Label)}</strong> — {E(c.Reason)} <span class=\"muted\">{E(c.Citation)}</span></p>");
        foreach (var a in s.Additional ?? [])
            w.WriteLine($"<p>{E(a.Title)} ({E(a.RuleId)}): {Badge(a.Verdict)} — {E(a.Reason)} <span class=\"muted\">{E(a.Citation)}</span></p>");
        w.WriteLine("</section>");
    }

    private static void WriteIndicator(IndicatorExplanation i, TextWriter w)
    {
        w.Write($"<details><summary>{Badge(i.Verdict)}{(i.NotApplicable ? " (not applicable)" : "")} {E(i.Id)} {E(i.Name)}</summary><dl>");
        w.Write($"<dt>Reason</dt><dd>{E(i.Reason)}</dd>");
        if (i.Expression.Length > 0) w.Write($"<dt>Condition</dt><dd><code>{E(i.Expression)}</code></dd>");
        if (i.Values.Count > 0)
            w.Write($"<dt>Values</dt><dd>{string.Join(", ", i.Values.Select(kv => $"{E(kv.Key)} = {E(ValueText.Format(kv.Value))}"))}</dd>");
        foreach (var t in i.Thresholds)
        {
            var keys = t.Keys.Count > 0 ? " [" + string.Join(", ", t.Keys.Select(k => $"{E(k.Key)}={E(k.Value)}")) + "]" : "";
            w.Write($"<dt>Threshold</dt><dd>{E(t.Parameter)}{keys} = {E(ValueText.Format(t.Value))}{(t.Unit is null ? "" : " " + E(t.Unit))} ({E(t.Confidence)}{(t.Derivation is null ? "" : ": " + E(t.Derivation))}){(t.Citation is null ? "" : "; " + E(t.Citation))}</dd>");
        }
        if (i.Gap is not null) w.Write($"<dt>Gap</dt><dd>{ValueText.Number(i.Gap)}</dd>");
        if (i.Missing.Count > 0) w.Write($"<dt>Missing</dt><dd>{E(string.Join(", ", i.Missing))}</dd>");
        w.Write($"<dt>Citation</dt><dd>{E(i.Citation)}</dd></dl></details>");
    }

    // Subjects without standards (households) are many: the page counts their labels per parent instead of listing them.
    internal static void WriteClassificationCounts(ClassificationCounts counts, TextWriter w)
    {
        if (counts.IsEmpty) return;
        w.WriteLine("<h2>Classifications</h2><table><tr><th>Kind</th><th>Parent</th><th>Classification</th><th>Label</th><th class=\"num\">Count</th></tr>");
        foreach (var (key, count) in counts.Ordered())
            w.WriteLine($"<tr><td>{E(key.Kind)}</td><td>{E(key.Parent)}</td><td>{E(key.Id)}</td><td>{E(key.Label)}</td><td class=\"num\">{count}</td></tr>");
        w.WriteLine("</table>");
    }

    private static string Badge(Verdict v) => $"<span class=\"v {v.ToText()}\">{VerdictWords.Of(v)}</span>";

    // Escapes only what HTML needs, so Vietnamese text stays as written (WebUtility would turn "à" into "&#224;").
    internal static string E(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        return sb.ToString();
    }
}
