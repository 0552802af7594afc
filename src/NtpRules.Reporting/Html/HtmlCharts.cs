using System.Globalization;
using System.Text;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting.Html;

/// <summary>
/// Charts drawn as inline SVG (no script, so they print): per standard, how many subjects meet how many criteria and
/// each criterion's pass rate; and each target's actual value against the target.
/// </summary>
internal static class HtmlCharts
{
    private const int Width = 480;

    public static void Write(AssessmentReport report, TextWriter w) => Write(report, StandardTally.Of(report.Subjects), w);

    /// <summary>The charts of <paramref name="report"/>, whose subjects are counted in <paramref name="standards"/>.</summary>
    public static void Write(AssessmentReport report, IReadOnlyList<StandardTally> standards, TextWriter w)
    {
        if (standards.Count == 0 && report.Targets.Count == 0) return;
        w.WriteLine($"<h2 id=\"charts\">{Labels.Both("Biểu đồ", "Charts")}</h2><div class=\"charts\">");
        foreach (var st in standards)
        {
            w.WriteLine($"<figure class=\"chart\" data-chart=\"criteria-met\"><figcaption>{E(st.Id)}: {Labels.Both("số tiêu chí đạt của mỗi xã", "criteria met per subject")}</figcaption>");
            w.WriteLine(Histogram(st));
            w.WriteLine("</figure>");
            w.WriteLine($"<figure class=\"chart\" data-chart=\"pass-rate\"><figcaption>{E(st.Id)}: {Labels.Both("tỷ lệ đạt của từng tiêu chí", "pass rate of each criterion")}</figcaption>");
            w.WriteLine(PassRates(st));
            w.WriteLine("</figure>");
        }
        if (report.Targets.Count > 0)
        {
            w.WriteLine($"<figure class=\"chart\" data-chart=\"targets\"><figcaption>{Labels.Both("Tiến độ so với mục tiêu", "Progress toward each target")}</figcaption>");
            w.WriteLine(Targets(report.Targets));
            w.WriteLine("</figure>");
        }
        w.WriteLine("</div>");
    }

    /// <summary>Bars over 0…total criteria: the number of subjects meeting exactly that many.</summary>
    private static string Histogram(StandardTally st)
    {
        var total = st.Total;
        var counts = new int[total + 1];
        for (var n = 0; n < st.ByCriteriaMet.Length; n++) counts[Math.Min(n, total)] += st.ByCriteriaMet[n];
        var max = Math.Max(1, counts.Max());
        const int height = 160, bottom = 20, top = 14;
        var bar = (double)(Width - 20) / (total + 1);
        var sb = new StringBuilder($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"subjects per number of criteria met\">");
        for (var n = 0; n <= total; n++)
        {
            var h = (height - bottom - top) * counts[n] / (double)max;
            var x = 10 + n * bar;
            var cls = n == total ? "bar-met" : "bar-gap";
            sb.Append($"<rect class=\"{cls}\" x=\"{F(x + 1)}\" y=\"{F(height - bottom - h)}\" width=\"{F(bar - 2)}\" height=\"{F(h)}\"><title>{n} criteria met: {counts[n]}</title></rect>");
            if (counts[n] > 0) sb.Append($"<text x=\"{F(x + bar / 2)}\" y=\"{F(height - bottom - h - 2)}\" text-anchor=\"middle\">{counts[n]}</text>");
            sb.Append($"<text x=\"{F(x + bar / 2)}\" y=\"{height - 6}\" text-anchor=\"middle\">{n}</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>One bar per criterion: the share met (green), unknown (yellow) and not met (rest).</summary>
    private static string PassRates(StandardTally st)
    {
        var criteria = st.Criteria;
        const int row = 16, label = 60;
        var height = criteria.Count * row + 4;
        var sb = new StringBuilder($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"pass rate per criterion\">");
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            var met = c.Met / (double)c.Count;
            var unknown = c.Unknown / (double)c.Count;
            var y = 2 + i * row;
            var span = Width - label - 50;
            // Each bar links to the communes not meeting the criterion (or unknown on it) in the page's index.
            sb.Append($"<a href=\"#c={E(Uri.EscapeDataString(st.Id))}:{E(Uri.EscapeDataString(c.Id))}\"><text x=\"0\" y=\"{y + 11}\">{E(c.Id)}</text>");
            sb.Append($"<rect class=\"bar-base\" x=\"{label}\" y=\"{y}\" width=\"{span}\" height=\"{row - 4}\"/>");
            sb.Append($"<rect class=\"bar-met\" x=\"{label}\" y=\"{y}\" width=\"{F(span * met)}\" height=\"{row - 4}\"><title>{E(c.Id)} {E(c.Name)}: {F(met * 100)} % met</title></rect>");
            if (unknown > 0) sb.Append($"<rect class=\"bar-unknown\" x=\"{F(label + span * met)}\" y=\"{y}\" width=\"{F(span * unknown)}\" height=\"{row - 4}\"/>");
            sb.Append($"<text x=\"{Width - 45}\" y=\"{y + 11}\">{F(met * 100)} %</text></a>");
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>One bar per target on a scale to the larger of actual and target; a tick marks the target.</summary>
    private static string Targets(IReadOnlyList<TargetResult> targets)
    {
        const int row = 30;
        var height = targets.Count * row + 4;
        var sb = new StringBuilder($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"targets\">");
        for (var i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            var y = 2 + i * row;
            var scale = Math.Max(Math.Abs(t.Actual ?? 0), Math.Abs(t.Target ?? 0));
            var span = Width - 10.0;
            sb.Append($"<text x=\"0\" y=\"{y + 10}\">{E(t.Name)}: {E(ValueText.Number(t.Actual))} / {E(ValueText.Number(t.Target))}</text>");
            sb.Append($"<rect class=\"bar-base\" x=\"0\" y=\"{y + 14}\" width=\"{F(span)}\" height=\"10\"/>");
            if (t.Actual is { } a && scale > 0)
                sb.Append($"<rect class=\"{(t.Verdict == Verdict.Met ? "bar-met" : t.Verdict == Verdict.Unknown ? "bar-unknown" : "bar-gap")}\" x=\"0\" y=\"{y + 14}\" width=\"{F(span * Math.Abs(a) / scale)}\" height=\"10\"><title>{E(t.Name)}: {VerdictWords.Of(t.Verdict)}</title></rect>");
            if (t.Target is { } g && scale > 0)
                sb.Append($"<rect x=\"{F(Math.Max(0, span * Math.Abs(g) / scale - 2))}\" y=\"{y + 12}\" width=\"2\" height=\"14\" fill=\"#222\"/>");
        }
        return sb.Append("</svg>").ToString();
    }

    private static string F(double d) => Math.Round(d, 1).ToString("0.#", CultureInfo.InvariantCulture);
    private static string E(string? t) => HtmlReportWriter.E(t);
}
