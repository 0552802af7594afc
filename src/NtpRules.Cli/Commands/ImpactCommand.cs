using System.CommandLine;
using System.Globalization;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Impact;
using NtpRules.Assessment.Results;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;
using NtpRules.Reporting;
using NtpRules.Reporting.Impact;
using Spectre.Console;

namespace NtpRules.Cli.Commands;

/// <summary>
/// <c>ntp rules impact</c>: assesses the same data under two rule folders or two rule-set versions and lists every
/// subject whose verdict changes, with the criteria and indicators that changed it, and the counts per province and standard.
/// </summary>
internal static class ImpactCommand
{
    public static Command Create(PipelineServices services, Terminal terminal)
    {
        var data = new Option<string>("--data") { Description = "The data file or folder assessed under both rule versions.", Required = true, HelpName = "file|dir" };
        var oldRules = new Option<string>("--old") { Description = "The current rules: a rules folder, or a rule-set version file (rules/<id>/<version>.yaml).", Required = true, HelpName = "dir|file" };
        var newRules = new Option<string>("--new") { Description = "The proposed rules: a rules folder, or a rule-set version file.", Required = true, HelpName = "dir|file" };
        var asOf = CommonOptions.AsOf();
        var standards = CommonOptions.Standards();
        var output = new Option<string?>("--out") { Description = "Folder for the impact reports (<data>-impact.md, .csv, .html). Default: terminal only.", HelpName = "dir" };
        var formats = new Option<string[]>("--format")
        {
            Description = "Impact report formats: md, csv, html (comma-separated or repeated).",
            DefaultValueFactory = _ => ["md,csv,html"],
            AllowMultipleArgumentsPerToken = true,
            HelpName = "list",
        };
        formats.Validators.Add(r =>
        {
            if (!ReportFormatsText.TryParse(r.Tokens.Select(t => t.Value), out var f, out var bad) || f.HasFlag(ReportFormats.Json))
                r.AddError($"--format: unknown impact format '{bad ?? "json"}' (expected md, csv, html)");
        });
        var command = new Command("impact",
            "Assess the same data under two rule folders or versions; list every subject whose verdict changes, with the criterion and indicator that changed it, and the counts per province and standard.")
        {
            data, oldRules, newRules, asOf, standards, output, formats,
        };
        command.SetAction(parse =>
        {
            ReportFormatsText.TryParse(parse.GetValue(formats) ?? [], out var chosen, out _);
            return new ImpactRun(services, terminal).Execute(parse.GetValue(data)!, parse.GetValue(oldRules)!, parse.GetValue(newRules)!,
                parse.GetValue(asOf), parse.GetValue(standards) ?? [], parse.GetValue(output), chosen);
        });
        return command;
    }
}

internal sealed class ImpactRun(PipelineServices services, Terminal terminal)
{
    /// <summary>The rules of one side: the folder to load, the as-of date to assess at and the label reports show.</summary>
    private sealed record Side(string Rules, DateOnly AsOf, string Label);

    public int Execute(string data, string oldPath, string newPath, DateOnly? asOf, IReadOnlyList<string> standards, string? outDir, ReportFormats formats)
    {
        var files = DataReading.FindFiles(data);
        if (files.Count == 0)
        {
            terminal.Error.WriteLine($"--data: no data file (.csv, .xlsx, .json, .yaml) found at '{data}'");
            return ExitCodes.Usage;
        }
        var date = asOf ?? AsOfDate.FromName(data) ?? DateOnly.FromDateTime(DateTime.Today);
        var (oldSide, oldCode) = Resolve("--old", oldPath, date, asOf is not null);
        if (oldSide is null) return oldCode;
        var (newSide, newCode) = Resolve("--new", newPath, date, asOf is not null);
        if (newSide is null) return newCode;

        var (oldReport, oldLibrary) = Assess(oldSide, files, standards);
        if (oldReport is null) return ExitCodes.Failed;
        var (newReport, _) = Assess(newSide, files, standards);
        if (newReport is null) return ExitCodes.Failed;

        Func<SubjectResult, string> province = oldLibrary is LanguageRuleLibrary l
            ? SubjectProvinces.FromData(l.Library, files, newReport)
            : s => s.Parent ?? "";
        var impact = VerdictImpact.Compare(oldReport, new ImpactSide(oldSide.Label, oldReport.Run.AsOf, oldReport.Run.RuleSets),
            newReport, new ImpactSide(newSide.Label, newReport.Run.AsOf, newReport.Run.RuleSets), province);
        Print(impact);
        if (outDir is not null)
            foreach (var path in ImpactReportWriter.WriteAll(impact, outDir, AssessRun.ReportName(data, newReport.Run.AsOf), formats))
                terminal.Output.WriteLine($"wrote {path}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// A folder is used as is, at the as-of date. A version file is run from the rules folder it sits in
    /// (rules/&lt;id&gt;/&lt;version&gt;.yaml) at the as-of date when the version is in force then, else at its first day.
    /// </summary>
    private (Side?, int) Resolve(string option, string path, DateOnly date, bool dateGiven)
    {
        if (Directory.Exists(path)) return (new Side(path, date, path), ExitCodes.Ok);
        if (!File.Exists(path))
        {
            terminal.Error.WriteLine($"{option}: '{path}' is neither a rules folder nor a rule-set file");
            return (null, ExitCodes.Usage);
        }
        var full = Path.GetFullPath(path);
        var root = Path.GetDirectoryName(Path.GetDirectoryName(full))!;
        var listing = services.Tooling.List(root);
        if (terminal.Report(listing.Diagnostics)) return (null, ExitCodes.Failed);
        // Rule files are listed by their path below the rules folder's parent (rules/<id>/<version>.yaml).
        var tail = Path.Combine(Path.GetFileName(Path.GetDirectoryName(full))!, Path.GetFileName(full));
        var version = listing.RuleSets.FirstOrDefault(r => r.File.EndsWith(Path.DirectorySeparatorChar + tail, StringComparison.Ordinal) || r.File == tail);
        if (version is null)
        {
            terminal.Error.WriteLine($"{option}: '{path}' is not a rule-set version of the rules folder '{root}'");
            return (null, ExitCodes.Usage);
        }
        var inForce = (version.EffectiveFrom is not { } from || from <= date) && (version.EffectiveTo is not { } to || date <= to);
        var at = inForce || version.EffectiveFrom is null ? date : version.EffectiveFrom.Value;
        if (!inForce && dateGiven)
            terminal.Error.WriteLine($"{option}: {version.Id}@{version.Version} is not in force on {date:yyyy-MM-dd}; assessed as of {at:yyyy-MM-dd}, its first day");
        return (new Side(root, at, $"{version.Id}@{version.Version}"), ExitCodes.Ok);
    }

    private (AssessmentReport?, IRuleLibrary?) Assess(Side side, IReadOnlyList<string> files, IReadOnlyList<string> standards)
    {
        var load = services.Loader.Load(side.Rules);
        if (terminal.Report(load.Diagnostics) || load.Library is null) return (null, null);
        var request = new AssessmentRequest(files, side.AsOf, standards, CommonOptions.NewRunId());
        var outcome = ProgressRunner.Run(terminal, $"Assessing under {side.Label}", p => services.Assessor.Assess(load.Library, request, p, CancellationToken.None));
        if (terminal.Report(outcome.Diagnostics) || outcome.Report is null) return (null, null);
        return (outcome.Report, load.Library);
    }

    private void Print(ImpactReport impact)
    {
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        terminal.Output.WriteLine($"old: {impact.Old.Label} as of {impact.Old.AsOf:yyyy-MM-dd} ({string.Join(", ", impact.Old.RuleSets.Select(r => $"{r.Id}@{r.Version}"))})");
        terminal.Output.WriteLine($"new: {impact.New.Label} as of {impact.New.AsOf:yyyy-MM-dd} ({string.Join(", ", impact.New.RuleSets.Select(r => $"{r.Id}@{r.Version}"))})");
        foreach (var s in impact.OnlyOld) terminal.Output.WriteLine($"{s}: assessed only under the old rules");
        foreach (var s in impact.OnlyNew) terminal.Output.WriteLine($"{s}: assessed only under the new rules");
        var table = new Table().Title("Verdicts, old → new").AddColumns("Province", "Standard", "Met", "Not met", "Unknown", "Gained", "Lost", "Changed");
        foreach (var c in impact.Counts)
            table.AddRow(Markup.Escape(c.Province), Markup.Escape(c.Standard), $"{N(c.Old.Met)} → {N(c.New.Met)}", $"{N(c.Old.NotMet)} → {N(c.New.NotMet)}",
                $"{N(c.Old.Unknown)} → {N(c.New.Unknown)}", N(c.Gained), N(c.Lost), N(c.Changed));
        terminal.Ansi.Write(table);
        terminal.Ansi.WriteLine();
        terminal.Output.WriteLine($"{impact.Changes.Count} verdict(s) change:");
        foreach (var c in impact.Changes)
        {
            // Criteria and indicators on both sides say what changed the verdict; those on one side only are counted.
            var both = c.Criteria.Where(cr => cr.Old is not null && cr.New is not null).ToArray();
            var parts = both.Select(cr => $"{cr.Id} {ImpactReportWriter.Transition(cr.Old, cr.New)}" +
                (cr.Indicators.Any(i => i.Old is not null && i.New is not null)
                    ? $" ({string.Join(", ", cr.Indicators.Where(i => i.Old is not null && i.New is not null).Select(i => $"{i.Id} {ImpactReportWriter.Transition(i.Old, i.New)}"))})"
                    : "")).ToList();
            var onlyOld = c.Criteria.Count(cr => cr.New is null);
            var onlyNew = c.Criteria.Count(cr => cr.Old is null);
            if (onlyOld > 0) parts.Add($"{onlyOld} criteria only under the old rules");
            if (onlyNew > 0) parts.Add($"{onlyNew} criteria only under the new rules");
            var why = parts.Count == 0 ? c.NewReason : string.Join("; ", parts);
            terminal.Output.WriteLine($"  {c.SubjectId} {c.SubjectName} [{c.Province}] {c.Standard}: {ImpactReportWriter.Transition(c.Old, c.New)}; {why}");
        }
    }
}
