using System.Globalization;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;
using Spectre.Console;

namespace NtpRules.Cli.Console;

/// <summary>The table printed after an assessment: per province and standard, the counts met / not met / unknown and the average criteria met, then the totals.</summary>
internal static class SummaryTable
{
    public static void Write(Terminal terminal, AssessmentReport report)
    {
        var table = new Table().Title($"Assessment as of {report.Run.AsOf:yyyy-MM-dd}")
            .AddColumns("Province", "Standard")
            .AddColumn(new TableColumn("Met").RightAligned())
            .AddColumn(new TableColumn("Not met").RightAligned())
            .AddColumn(new TableColumn("Unknown").RightAligned())
            .AddColumn(new TableColumn("Avg. criteria met").RightAligned());
        foreach (var r in report.Rollups.Where(r => r.Scope == "province"))
            foreach (var s in r.Standards)
                table.AddRow(Markup.Escape(r.Name.Length > 0 ? r.Name : r.Id), Markup.Escape(s.StandardId), Count(s.Met), Count(s.NotMet), Count(s.Unknown), Average(s.AverageCriteriaMet));
        foreach (var s in Totals(report))
            table.AddRow("[bold]all[/]", Markup.Escape(s.StandardId), Count(s.Met), Count(s.NotMet), Count(s.Unknown), Average(s.AverageCriteriaMet));
        terminal.Ansi.Write(table);
        terminal.Ansi.WriteLine();
    }

    /// <summary>Counts over every assessed subject, per standard, in the order standards first appear.</summary>
    public static IReadOnlyList<RollupStandard> Totals(AssessmentReport report) =>
        report.Subjects.SelectMany(s => s.Standards)
            .GroupBy(s => s.Id)
            .Select(g => new RollupStandard(g.Key,
                g.Count(s => s.Verdict == Verdict.Met), g.Count(s => s.Verdict == Verdict.NotMet), g.Count(s => s.Verdict == Verdict.Unknown),
                g.Average(s => s.CriteriaMet)))
            .ToList();

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string Average(double d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
