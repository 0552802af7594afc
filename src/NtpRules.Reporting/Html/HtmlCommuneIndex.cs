using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;
using static NtpRules.Reporting.Html.HtmlText;

namespace NtpRules.Reporting.Html;

/// <summary>
/// The index of assessed subjects at the top of the HTML report: one row per subject with a link to its section, its
/// verdict and criteria met per standard; a search box, a verdict filter and a failing-criterion filter (report.js),
/// and sortable columns. Rows carry what the filters read in data attributes.
/// </summary>
internal static class HtmlCommuneIndex
{
    /// <summary>The index of <paramref name="report"/>'s subjects, whose standards and criteria are <paramref name="tallies"/>.</summary>
    public static void Write(AssessmentReport report, IReadOnlyList<StandardTally> tallies, TextWriter w)
    {
        if (tallies.Count == 0) return;
        var standards = tallies.Select(t => t.Id).ToList();

        w.WriteLine($"<h2 id=\"index\">{Labels.Both("Danh sách", "Index")}</h2>");
        w.WriteLine("<div class=\"tools\">");
        w.WriteLine($"<input id=\"index-search\" type=\"search\" placeholder=\"Tìm xã / Search\" aria-label=\"Search\">");
        w.Write("<select id=\"index-verdict\" aria-label=\"Verdict\"><option value=\"\">Mọi kết quả / All verdicts</option>");
        foreach (var st in standards)
            foreach (var v in new[] { Verdict.NotMet, Verdict.Unknown, Verdict.Met })
                w.Write($"<option value=\"{E(st)}:{v.ToText()}\">{E(st)}: {VerdictWords.Of(v)}</option>");
        w.WriteLine("</select>");
        w.Write("<select id=\"index-criterion\" aria-label=\"Criterion not met or unknown\"><option value=\"\">Mọi tiêu chí / Any criterion</option>");
        // Each standard's criteria once, with the name they first appear with, in the order they first appear.
        foreach (var st in tallies)
            foreach (var c in st.Criteria)
                w.Write($"<option value=\"{E(st.Id)}:{E(c.Id)}\">{E(st.Id)} {E(c.Id)} {E(c.Name)}: not met or unknown</option>");
        w.WriteLine("</select>");
        w.WriteLine("<span id=\"index-count\" class=\"muted\"></span></div>");

        w.Write($"<table class=\"index\"><thead><tr><th class=\"sortable\">{Labels.Both("Tên", "Name")}</th><th class=\"sortable\">{Labels.Both("Thuộc", "In")}</th>");
        foreach (var st in standards) w.Write($"<th class=\"sortable num\">{E(st)}</th>");
        w.WriteLine("</tr></thead><tbody>");
        foreach (var s in report.Subjects)
            if (s.Standards.Count > 0) WriteRow(s, standards, w);
        w.WriteLine("</tbody></table>");
    }

    /// <summary>A subject's row: what the search and filters read, its link, parent, and verdict per standard.</summary>
    private static void WriteRow(SubjectResult s, List<string> standards, TextWriter w)
    {
        w.Html($"<tr data-search=\"{Esc(s.Name)} {Esc(s.Id)} {Esc(s.Parent)}\" data-verdicts=\"");
        for (var n = 0; n < s.Standards.Count; n++)
            w.Html($"{(n > 0 ? " " : "")}{Esc(s.Standards[n].Id)}:{Esc(s.Standards[n].Verdict.ToText())}");
        w.Write("\" data-failing=\"");
        var first = true;
        foreach (var st in s.Standards)
            foreach (var c in st.Criteria)
            {
                if (c.Verdict == Verdict.Met) continue;
                w.Html($"{(first ? "" : " ")}{Esc(st.Id)}:{Esc(c.Id)}");
                first = false;
            }
        w.Write("\">");
        w.Html($"<td data-sort=\"{Esc(s.Name)}\"><a href=\"#{Esc(s.Kind)}-{Esc(s.Id)}\">{Esc(s.Name)}</a> <span class=\"muted\">{Esc(s.Id)}</span></td>");
        w.Html($"<td data-sort=\"{Esc(s.Parent)}\">{Esc(s.Parent)}</td>");
        foreach (var id in standards)
        {
            var st = Find(s.Standards, id);
            // Sorted by criteria met; a verdict adds a half so met ranks above not met at the same count.
            if (st is null) w.Write("<td data-sort=\"-1\"></td>");
            else
                w.Html($"<td class=\"num\" data-sort=\"{st.CriteriaMet}{(st.Verdict == Verdict.Met ? ".5" : "")}\"><span class=\"v {st.Verdict.ToText()}\">{VerdictWords.Of(st.Verdict)}</span> {st.CriteriaMet}/{st.CriteriaTotal}</td>");
        }
        w.WriteLine("</tr>");
    }

    private static StandardResult? Find(IReadOnlyList<StandardResult> standards, string id)
    {
        foreach (var st in standards)
            if (st.Id == id) return st;
        return null;
    }

    private static string E(string? t) => HtmlReportWriter.E(t);
}

/// <summary>Labels written in both languages; the page shows one (Vietnamese first) and report.js toggles to the other.</summary>
internal static class Labels
{
    public static string Both(string vi, string en) => vi == en ? HtmlReportWriter.E(en)
        : $"<span lang=\"vi\">{HtmlReportWriter.E(vi)}</span><span lang=\"en\">{HtmlReportWriter.E(en)}</span>";
}
