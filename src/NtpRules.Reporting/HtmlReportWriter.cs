using System.Globalization;
using System.Text;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;
using static NtpRules.Reporting.Html.HtmlText;

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
        // One page: every summary links into its own index.
        WriteSummary(report, w, (scope, _) => scope == "region" ? null : "");
        WriteTargets(report, w, (_, _) => "", "#index");

        WriteNavigation(report, w);
        WriteSubjects(report.Run, report.Subjects.Where(IsReported).ToList(), w);
        WriteClassificationCounts(ClassificationCounts.Of(report.Subjects), w);
        WriteHashes(report.Run, w);
        WriteEnd(w);
    }

    /// <summary>The subjects' sections, then their reasons once as the page's data.</summary>
    internal static void WriteSubjects(RunInfo run, IReadOnlyList<SubjectResult> subjects, TextWriter w) =>
        new SubjectSections(run).Write(subjects, w);

    /// <summary>
    /// Writes pages' subject sections and reasons (<see cref="WriteSubjects"/>), keeping what serves every page of a
    /// run (labels, names, buffers) from one page to the next.
    /// </summary>
    internal sealed class SubjectSections(RunInfo run)
    {
        private readonly Labels _labels = new(run);
        private readonly Html.HtmlReasons _reasons = new(run);

        public void Write(IReadOnlyList<SubjectResult> subjects, TextWriter w)
        {
            w.WriteLine("<h2>Subjects</h2>");
            foreach (var s in subjects) WriteSubject(s, _labels, w);
            _reasons.Write(subjects, w);
        }
    }

    /// <summary>The charts and the searchable, filterable index of the subjects that follow.</summary>
    internal static void WriteNavigation(AssessmentReport report, TextWriter w)
    {
        var standards = Html.StandardTally.Of(report.Subjects);
        Html.HtmlCharts.Write(report, standards, w);
        Html.HtmlCommuneIndex.Write(report, standards, w);
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

    /// <summary>The page's top: the run (id, date, engine); its rule-set and input hashes close the page (<see cref="WriteHashes"/>).</summary>
    internal static void WriteHead(RunInfo run, TextWriter w)
    {
        WriteStart($"NtpRules assessment as of {ValueText.Date(run.AsOf)}", w);
        w.WriteLine($"<h1>Assessment as of {E(ValueText.Date(run.AsOf))}</h1>");
        w.WriteLine($"<p class=\"muted\">Run {E(run.RunId)}, generated {E(run.GeneratedAt.ToString("u"))}, engine {E(run.Engine)} {E(run.EngineVersion)}. Rule sets and inputs with their SHA-256 <a href=\"#run-files\">at the end</a>.</p>");
    }

    /// <summary>The rule sets and inputs the run read, with their SHA-256: the closing section.</summary>
    internal static void WriteHashes(RunInfo run, TextWriter w)
    {
        w.WriteLine("<h2 id=\"run-files\">Rule sets and inputs</h2><table class=\"files\"><tr><th>Rule set</th><th>Version</th><th>File</th><th>SHA-256</th></tr>");
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

    /// <summary>
    /// The counts per province, district and region; a province's or district's name and counts link to its communes
    /// in the index of the page holding them, filtered by that verdict (<paramref name="pageOf"/>: the page of a
    /// scope and id, "" for this page, null for none).
    /// </summary>
    internal static void WriteSummary(AssessmentReport report, TextWriter w, Func<string, string, string?> pageOf)
    {
        if (report.Rollups.Count == 0) return;
        w.WriteLine("<h2 id=\"summary\">Summary</h2><table><tr><th>Scope</th><th>Name</th><th>Standard</th><th class=\"num\">Met</th><th class=\"num\">Not met</th><th class=\"num\">Unknown</th><th class=\"num\">Avg. criteria met</th></tr>");
        foreach (var r in report.Rollups)
        {
            var page = pageOf(r.Scope, r.Id);
            // A province's page holds only its own subjects; a district's are picked out by their parent.
            var within = r.Scope == "province" ? "" : $"in={Uri.EscapeDataString(r.Id)}&";
            string Link(string text, string filter) => page is null ? text : $"<a href=\"{E(page)}#{E(within + filter)}\">{text}</a>";
            foreach (var s in r.Standards)
                w.WriteLine($"<tr><td>{E(r.Scope)}</td><td>{Link(E(r.Name), "v=")} <span class=\"muted\">{E(r.Id)}</span></td><td>{E(s.StandardId)}</td>" +
                            $"<td class=\"num\">{Link(s.Met.ToString(CultureInfo.InvariantCulture), $"v={Uri.EscapeDataString(s.StandardId)}:met")}</td>" +
                            $"<td class=\"num\">{Link(s.NotMet.ToString(CultureInfo.InvariantCulture), $"v={Uri.EscapeDataString(s.StandardId)}:not-met")}</td>" +
                            $"<td class=\"num\">{Link(s.Unknown.ToString(CultureInfo.InvariantCulture), $"v={Uri.EscapeDataString(s.StandardId)}:unknown")}</td>" +
                            $"<td class=\"num\">{ValueText.Number(s.AverageCriteriaMet)}</td></tr>");
        }
        w.WriteLine("</table>");
    }

    /// <summary>
    /// Each target's outcome as a sentence (<see cref="Sentences.TargetSentences"/>); a target that counts a standard's
    /// communes links to them on the page holding them (those not meeting it, or meeting it when the target is met;
    /// see <see cref="WriteSummary"/>), a target over several pages' data to <paramref name="allHref"/>.
    /// </summary>
    internal static void WriteTargets(AssessmentReport report, TextWriter w, Func<string, string, string?> pageOf, string allHref)
    {
        if (report.Targets.Count == 0) return;
        w.WriteLine("<h2 id=\"targets\">Targets</h2><table><tr><th>Target</th><th>Scope</th><th>Verdict</th><th class=\"num\">Actual</th><th class=\"num\">Target</th><th class=\"num\">Gap</th><th>Reason</th></tr>");
        foreach (var t in report.Targets)
        {
            var space = t.Scope.IndexOf(' ');
            var page = space > 0 ? pageOf(t.Scope[..space], t.Scope[(space + 1)..]) : pageOf("all", "");
            var standard = Sentences.TargetSentences.CountedStandard(t);
            var href = page is null ? (space > 0 ? null : allHref)
                : standard is null ? page + "#index" : $"{page}#v={Uri.EscapeDataString(standard)}:{(t.Verdict == Verdict.Met ? "met" : "not-met")}";
            var link = href is null ? "" : $" <a href=\"{E(href)}\">{(standard is null || page is null ? "subjects" : t.Verdict == Verdict.Met ? "communes meeting it" : "communes not meeting it")}</a>";
            w.WriteLine($"<tr><td>{E(t.Name)} <span class=\"muted\">{E(t.Id)}</span></td><td>{E(t.Scope)}</td><td>{Badge(t.Verdict)}</td><td class=\"num\">{ValueText.Number(t.Actual)}</td>" +
                        $"<td class=\"num\">{ValueText.Number(t.Target)}</td><td class=\"num\">{ValueText.Number(t.Gap)}</td><td>{E(Sentences.TargetSentences.Of(t, report.Rollups))}.{link}<br><span class=\"muted\">{E(t.Citation)}</span></td></tr>");
        }
        w.WriteLine("</table>");
    }

    /// <summary>
    /// One subject's section: per standard its criteria, each expandable to its indicators' reasons. The reasons
    /// themselves are not repeated here: <see cref="Html.HtmlReasons"/> writes them once per page as data for the
    /// script, which fills a criterion in when it is opened (or the page printed).
    /// </summary>
    private static void WriteSubject(SubjectResult s, Labels labels, TextWriter w)
    {
        var place = 0; // the criterion's number in the subject
        w.Html($"<section class=\"subject\" id=\"{Esc(s.Kind)}-{Esc(s.Id)}\"><h3>{Esc(s.Name)} <span class=\"muted\">{Esc(s.Kind)} {Esc(s.Id)}");
        if (s.Parent is not null) w.Html($", in {Esc(s.Parent)}");
        w.WriteLine("</span></h3>");
        if (s.Rates is { } rates) w.HtmlLine($"<p>Households: {Esc(VerdictWords.Rates(rates))}</p>");
        foreach (var r in s.Recognition) w.HtmlLine($"<p>Recognition {Esc(VerdictWords.Recognition(r))}</p>");
        foreach (var st in s.Standards)
        {
            w.HtmlLine($"<h4>{labels.Standard(st)} <span class=\"muted\">{Esc(st.Id)}</span> {Badge(st.Verdict)} {st.CriteriaMet}/{st.CriteriaTotal} criteria met</h4>");
            if (st.Reason.Length > 0) w.HtmlLine($"<p>{Esc(st.Reason)} <span class=\"muted\">{Esc(st.Citation)}</span></p>");
            w.Write("<table class=\"criteria\">");
            foreach (var c in st.Criteria)
            {
                w.Write(labels.CriterionRow(st, c, place++));
                w.Write(Badge(c.Verdict));
                w.Write("</td></tr>");
            }
            w.WriteLine("</table>");
            var first = true;
            foreach (var c in st.Criteria)
                foreach (var i in c.Indicators)
                {
                    if (i.Verdict != Verdict.Unknown) continue;
                    w.Write(first ? "<p>Unknown, missing data: " : "; ");
                    first = false;
                    w.Html($"{Esc(i.Id)} ");
                    if (i.Missing.Count == 0) w.Write("(not named)");
                    else
                        for (var m = 0; m < i.Missing.Count; m++)
                        {
                            if (m > 0) w.Write(", ");
                            w.WriteEscaped(i.Missing[m]);
                        }
                }
            if (!first) w.WriteLine("</p>");
        }
        foreach (var c in s.Classifications)
            w.HtmlLine($"<p>{Esc(c.Id)}: <strong>{Esc(c.Label)}</strong> — {Esc(c.Reason)} <span class=\"muted\">{Esc(c.Citation)}</span></p>");
        foreach (var a in s.Additional ?? [])
            w.HtmlLine($"<p>{Esc(a.Title)} ({Esc(a.RuleId)}): {Badge(a.Verdict)} — {Esc(a.Reason)} <span class=\"muted\">{Esc(a.Citation)}</span></p>");
        w.WriteLine("</section>");
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

    /// <summary>
    /// The names of a run's standards and criteria in both languages, rendered once: every subject of a standard
    /// repeats them.
    /// </summary>
    private sealed class Labels(RunInfo run)
    {
        private readonly Dictionary<(string Id, string Name), string> _standards = new();
        private readonly Html.TextKeyedValues<string> _criterionRows = new();

        public string Standard(StandardResult st)
        {
            if (!_standards.TryGetValue((st.Id, st.Name), out var label))
                _standards[(st.Id, st.Name)] = label = Html.Labels.Both(run.Vietnamese(st.Id, st.Name), st.Name);
            return label;
        }

        /// <summary>A criterion's row up to its verdict's badge; <paramref name="place"/>: its number in the subject.</summary>
        public string CriterionRow(StandardResult st, CriterionResult c, int place)
        {
            if (!_criterionRows.TryGetValue(place, st.Id, c.Id, c.Name, out var row))
                _criterionRows.Add(place, st.Id, c.Id, c.Name, row =
                    $"<tr><td><details><summary>{E(c.Id)} {Html.Labels.Both(run.Vietnamese($"{st.Id}/{c.Id}", c.Name), c.Name)}</summary></details></td><td>");
            return row;
        }
    }

    private static readonly string[] Badges = [.. Enum.GetValues<Verdict>().Select(v => $"<span class=\"v {v.ToText()}\">{VerdictWords.Of(v)}</span>")];

    internal static string Badge(Verdict v) => Badges[(int)v];

    internal static readonly System.Buffers.SearchValues<char> HtmlSpecial = System.Buffers.SearchValues.Create("&<>\"'");

    // Escapes only what HTML needs, so Vietnamese text stays as written (WebUtility would turn "à" into "&#224;").
    internal static string E(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var first = text.AsSpan().IndexOfAny(HtmlSpecial);
        if (first < 0) return text; // most text has nothing to escape
        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
