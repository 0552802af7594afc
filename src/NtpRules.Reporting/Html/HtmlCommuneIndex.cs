using System.Globalization;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting.Html;

/// <summary>
/// The index of assessed subjects at the top of the HTML report: one row per subject with a link to its section, its
/// verdict and criteria met per standard; a search box, a verdict filter and a failing-criterion filter (report.js),
/// and sortable columns. Rows carry what the filters read in data attributes.
/// </summary>
internal static class HtmlCommuneIndex
{
    public static void Write(AssessmentReport report, TextWriter w)
    {
        var subjects = report.Subjects.Where(s => s.Standards.Count > 0).ToList();
        if (subjects.Count == 0) return;
        var standards = subjects.SelectMany(s => s.Standards).Select(s => s.Id).Distinct().Order(StringComparer.Ordinal).ToArray();
        var criteria = subjects.SelectMany(s => s.Standards.SelectMany(st => st.Criteria.Select(c => (Standard: st.Id, c.Id, c.Name))))
            .DistinctBy(c => (c.Standard, c.Id)).OrderBy(c => c.Standard, StringComparer.Ordinal).ToArray();

        w.WriteLine($"<h2 id=\"index\">{Labels.Both("Danh sách", "Index")}</h2>");
        w.WriteLine("<div class=\"tools\">");
        w.WriteLine($"<input id=\"index-search\" type=\"search\" placeholder=\"Tìm xã / Search\" aria-label=\"Search\">");
        w.Write("<select id=\"index-verdict\" aria-label=\"Verdict\"><option value=\"\">Mọi kết quả / All verdicts</option>");
        foreach (var st in standards)
            foreach (var v in new[] { Verdict.NotMet, Verdict.Unknown, Verdict.Met })
                w.Write($"<option value=\"{E(st)}:{v.ToText()}\">{E(st)}: {VerdictWords.Of(v)}</option>");
        w.WriteLine("</select>");
        w.Write("<select id=\"index-criterion\" aria-label=\"Criterion not met or unknown\"><option value=\"\">Mọi tiêu chí / Any criterion</option>");
        foreach (var c in criteria)
            w.Write($"<option value=\"{E(c.Standard)}:{E(c.Id)}\">{E(c.Standard)} {E(c.Id)} {E(c.Name)}: not met or unknown</option>");
        w.WriteLine("</select>");
        w.WriteLine("<span id=\"index-count\" class=\"muted\"></span></div>");

        w.Write($"<table class=\"index\"><thead><tr><th class=\"sortable\">{Labels.Both("Tên", "Name")}</th><th class=\"sortable\">{Labels.Both("Thuộc", "In")}</th>");
        foreach (var st in standards) w.Write($"<th class=\"sortable num\">{E(st)}</th>");
        w.WriteLine("</tr></thead><tbody>");
        foreach (var s in subjects)
        {
            var verdicts = string.Join(" ", s.Standards.Select(st => $"{st.Id}:{st.Verdict.ToText()}"));
            var failing = string.Join(" ", s.Standards.SelectMany(st => st.Criteria.Where(c => c.Verdict != Verdict.Met).Select(c => $"{st.Id}:{c.Id}")));
            w.Write($"<tr data-search=\"{E(s.Name)} {E(s.Id)} {E(s.Parent)}\" data-verdicts=\"{E(verdicts)}\" data-failing=\"{E(failing)}\">");
            w.Write($"<td data-sort=\"{E(s.Name)}\"><a href=\"#{E(s.Kind)}-{E(s.Id)}\">{E(s.Name)}</a> <span class=\"muted\">{E(s.Id)}</span></td>");
            w.Write($"<td data-sort=\"{E(s.Parent)}\">{E(s.Parent)}</td>");
            foreach (var id in standards)
            {
                var st = s.Standards.FirstOrDefault(x => x.Id == id);
                // Sorted by criteria met; a verdict adds a fraction so met ranks above not met at the same count.
                var key = st is null ? "-1" : (st.CriteriaMet + (st.Verdict == Verdict.Met ? 0.5 : 0)).ToString(CultureInfo.InvariantCulture);
                w.Write(st is null ? "<td data-sort=\"-1\"></td>"
                    : $"<td class=\"num\" data-sort=\"{key}\"><span class=\"v {st.Verdict.ToText()}\">{VerdictWords.Of(st.Verdict)}</span> {st.CriteriaMet}/{st.CriteriaTotal}</td>");
            }
            w.WriteLine("</tr>");
        }
        w.WriteLine("</tbody></table>");
    }

    private static string E(string? t) => HtmlReportWriter.E(t);
}

/// <summary>Labels written in both languages; the page shows one (Vietnamese first) and report.js toggles to the other.</summary>
internal static class Labels
{
    public static string Both(string vi, string en) => vi == en ? HtmlReportWriter.E(en)
        : $"<span lang=\"vi\">{HtmlReportWriter.E(vi)}</span><span lang=\"en\">{HtmlReportWriter.E(en)}</span>";
}
