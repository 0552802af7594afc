using System.Globalization;
using CsvHelper;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting;

/// <summary>The CSV summary: one row per subject and standard.</summary>
internal static class CsvSummaryWriter
{
    public static readonly string[] Header = ["subject_id", "subject_name", "kind", "parent", "standard", "verdict", "criteria_met", "criteria_total"];

    public static void Write(AssessmentReport report, TextWriter w)
    {
        using var csv = Open(w);
        foreach (var s in report.Subjects) WriteRows(csv, s);
    }

    /// <summary>A CSV writer over <paramref name="w"/> with the header written.</summary>
    public static CsvWriter Open(TextWriter w)
    {
        var csv = new CsvWriter(w, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        csv.NextRecord();
        return csv;
    }

    /// <summary>One row per standard of the subject.</summary>
    public static void WriteRows(CsvWriter csv, SubjectResult s)
    {
        foreach (var st in s.Standards)
        {
            csv.WriteField(s.Id);
            csv.WriteField(s.Name);
            csv.WriteField(s.Kind);
            csv.WriteField(s.Parent);
            csv.WriteField(st.Id);
            csv.WriteField(st.Verdict.ToText());
            csv.WriteField(st.CriteriaMet);
            csv.WriteField(st.CriteriaTotal);
            csv.NextRecord();
        }
    }
}
