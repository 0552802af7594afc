using System.Globalization;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;
using Spectre.Console;

namespace NtpRules.Cli.Console;

/// <summary>The table printed after an assessment: per province and standard, the counts met / not met / unknown and the average criteria met, then the totals.</summary>
internal static class SummaryTable
{
    public static void Write(Terminal terminal, AssessmentReport report) => Write(terminal, report, Totals(report));

    /// <summary>The table of <paramref name="report"/>'s province roll-ups, with <paramref name="totals"/> (per standard, over every subject) last.</summary>
    public static void Write(Terminal terminal, AssessmentReport report, IReadOnlyList<RollupStandard> totals)
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
        foreach (var s in totals)
            table.AddRow("[bold]all[/]", Markup.Escape(s.StandardId), Count(s.Met), Count(s.NotMet), Count(s.Unknown), Average(s.AverageCriteriaMet));
        terminal.Ansi.Write(table);
        terminal.Ansi.WriteLine();
    }

    /// <summary>Counts over every assessed subject, per standard, in the order standards first appear.</summary>
    public static IReadOnlyList<RollupStandard> Totals(AssessmentReport report)
    {
        var totals = new SummaryTotals();
        foreach (var s in report.Subjects) totals.Add(s);
        return totals.Build();
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string Average(double d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>
/// The summary's totals counted as subjects go by, so that a run written while it runs keeps counts, not subjects:
/// per standard (in the order standards first appear) the subjects that meet it, do not, or are unknown, and the sum
/// of their criteria met.
/// </summary>
internal sealed class SummaryTotals
{
    private sealed class Counts(string standardId)
    {
        public readonly string StandardId = standardId;
        public int Met, NotMet, Unknown, Subjects;
        public long CriteriaMet;
    }

    private readonly List<Counts> _standards = new();
    private readonly Dictionary<string, Counts> _byId = new(StringComparer.Ordinal);

    public void Add(SubjectResult subject)
    {
        foreach (var s in subject.Standards)
        {
            if (!_byId.TryGetValue(s.Id, out var c))
            {
                _byId[s.Id] = c = new Counts(s.Id);
                _standards.Add(c);
            }
            switch (s.Verdict)
            {
                case Verdict.Met: c.Met++; break;
                case Verdict.NotMet: c.NotMet++; break;
                case Verdict.Unknown: c.Unknown++; break;
            }
            c.Subjects++;
            c.CriteriaMet += s.CriteriaMet;
        }
    }

    public IReadOnlyList<RollupStandard> Build() =>
        // The average as Enumerable.Average over the subjects' criteria met: a long sum divided as a double.
        _standards.Select(c => new RollupStandard(c.StandardId, c.Met, c.NotMet, c.Unknown, (double)c.CriteriaMet / c.Subjects)).ToList();
}
