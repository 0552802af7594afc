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

    /// <summary>Criterion ids in the order they first appear, so c01…c19 stay in their printed order.</summary>
    public static IReadOnlyList<string> CriterionColumns(AssessmentReport report) =>
        report.Subjects.SelectMany(s => s.Standards).SelectMany(st => st.Criteria).Select(c => c.Id).Distinct().ToArray();

    public static void WriteCriteria(AssessmentReport report, TextWriter w)
    {
        var columns = CriterionColumns(report);
        using var csv = new CsvWriter(w, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in CriteriaHeader.Concat(columns)) csv.WriteField(h);
        csv.NextRecord();
        foreach (var s in report.Subjects)
            foreach (var st in s.Standards)
            {
                foreach (var f in new[] { s.Id, s.Name, s.Kind, s.Parent ?? "", st.Id, st.Verdict.ToText() }) csv.WriteField(f);
                csv.WriteField(st.CriteriaMet);
                csv.WriteField(st.CriteriaTotal);
                var verdicts = st.Criteria.ToDictionary(c => c.Id, c => c.Verdict.ToText());
                foreach (var c in columns) csv.WriteField(verdicts.GetValueOrDefault(c, ""));
                csv.NextRecord();
            }
    }

    public static bool HasClassified(AssessmentReport report) => report.Subjects.Any(s => s.Standards.Count == 0 && s.Classifications.Count > 0);

    public static void WriteClassified(AssessmentReport report, TextWriter w)
    {
        var subjects = report.Subjects.Where(s => s.Standards.Count == 0 && s.Classifications.Count > 0).ToArray();
        var columns = subjects.SelectMany(s => s.Classifications).Select(c => c.Id).Distinct().ToArray();
        using var csv = new CsvWriter(w, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in new[] { "subject_id", "subject_name", "kind", "parent" }.Concat(columns)) csv.WriteField(h);
        csv.NextRecord();
        foreach (var s in subjects)
        {
            foreach (var f in new[] { s.Id, s.Name, s.Kind, s.Parent ?? "" }) csv.WriteField(f);
            var labels = s.Classifications.ToDictionary(c => c.Id, c => c.Label);
            foreach (var c in columns) csv.WriteField(labels.GetValueOrDefault(c, ""));
            csv.NextRecord();
        }
    }

    public static void WriteTargets(AssessmentReport report, TextWriter w)
    {
        using var csv = new CsvWriter(w, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in TargetHeader) csv.WriteField(h);
        csv.NextRecord();
        foreach (var t in report.Targets)
        {
            foreach (var f in new[] { t.Id, t.Name, t.Scope, t.Verdict.ToText() }) csv.WriteField(f);
            foreach (var n in new[] { t.Actual, t.Target, t.Gap }) csv.WriteField(n is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "");
            foreach (var f in new[] { t.Baseline, t.Reason, t.Citation }) csv.WriteField(f);
            csv.NextRecord();
        }
    }
}
