using System.Globalization;
using CsvHelper;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting;

/// <summary>
/// CSV files for pivoting beside the summary: one column per criterion (met / not-met / unknown) per subject and
/// standard; one column per classification per subject without standards (households); one row per target.
/// </summary>
internal static class CsvDetailWriters
{
    public static readonly string[] CriteriaHeader = ["subject_id", "subject_name", "kind", "parent", "standard", "verdict", "criteria_met", "criteria_total"];
    public static readonly string[] TargetHeader = ["target_id", "target_name", "scope", "verdict", "actual", "target", "gap", "baseline", "reason", "citation"];

    public static readonly string[] ClassifiedHeader = ["subject_id", "subject_name", "kind", "parent"];

    public static void WriteCriteria(AssessmentReport report, TextWriter w)
    {
        using var table = new DetailTable(new MemoryStream());
        foreach (var s in report.Subjects) AddCriteria(table, s);
        table.WriteCsv(CriteriaHeader, w);
    }

    /// <summary>One row per standard of the subject: its verdict and each criterion's.</summary>
    public static void AddCriteria(DetailTable table, SubjectResult s)
    {
        foreach (var st in s.Standards)
            table.Add([s.Id, s.Name, s.Kind, s.Parent ?? "", st.Id, st.Verdict.ToText(), Number(st.CriteriaMet), Number(st.CriteriaTotal)],
                st.Criteria, static c => (c.Id, c.Verdict.ToText()));
    }

    /// <summary>Subjects without standards but with classifications (households) have a row in the classified CSV.</summary>
    public static bool IsClassified(SubjectResult s) => s.Standards.Count == 0 && s.Classifications.Count > 0;

    public static void WriteClassified(AssessmentReport report, TextWriter w)
    {
        using var table = new DetailTable(new MemoryStream());
        foreach (var s in report.Subjects) AddClassified(table, s);
        table.WriteCsv(ClassifiedHeader, w);
    }

    public static void AddClassified(DetailTable table, SubjectResult s)
    {
        if (IsClassified(s)) table.Add([s.Id, s.Name, s.Kind, s.Parent ?? ""], s.Classifications, static c => (c.Id, c.Label));
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static void WriteTargets(AssessmentReport report, TextWriter w) => WriteTargets(report.Targets, w);

    public static void WriteTargets(IReadOnlyList<TargetResult> targets, TextWriter w)
    {
        using var csv = new CsvWriter(w, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in TargetHeader) csv.WriteField(h);
        csv.NextRecord();
        foreach (var t in targets)
        {
            foreach (var f in new[] { t.Id, t.Name, t.Scope, t.Verdict.ToText() }) csv.WriteField(f);
            foreach (var n in new[] { t.Actual, t.Target, t.Gap }) csv.WriteField(n is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "");
            foreach (var f in new[] { t.Baseline, t.Reason, t.Citation }) csv.WriteField(f);
            csv.NextRecord();
        }
    }
}
