using System.CommandLine;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Results;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Engines;
using NtpRules.Reporting;

namespace NtpRules.Cli.Commands;

/// <summary><c>ntp assess</c>: assess every subject in the data, print the summary, write the reports and append to the decision log.</summary>
internal static class AssessCommand
{
    public static Command Create(PipelineServices services, Terminal terminal)
    {
        var data = new Option<string>("--data") { Description = "A data file (.csv, .xlsx, .json, .yaml) or a folder of them.", Required = true, HelpName = "file|dir" };
        var rules = CommonOptions.Rules();
        var asOf = CommonOptions.AsOf();
        var standards = CommonOptions.Standards();
        var output = new Option<string>("--out") { Description = "Folder for the reports.", DefaultValueFactory = _ => CommonOptions.DefaultOut, HelpName = "dir" };
        var formats = new Option<string[]>("--format")
        {
            Description = "Report formats: json, md, html, csv (comma-separated or repeated).",
            DefaultValueFactory = _ => ["json,md,html,csv"],
            AllowMultipleArgumentsPerToken = true,
            HelpName = "list",
        };
        formats.Validators.Add(r =>
        {
            if (!ReportFormatsText.TryParse(r.Tokens.Select(t => t.Value), out _, out var bad))
                r.AddError($"--format: unknown format '{bad}' (expected json, md, html, csv)");
        });
        var log = CommonOptions.Log();
        var baseline = new Option<string?>("--baseline")
        {
            Description = "Baseline data (file or folder, e.g. last year's) read by targets that use baseline(…).",
            HelpName = "file|dir",
        };

        var engine = CommonOptions.Engine();
        var csharp = CommonOptions.CSharpRules();
        var lenient = CommonOptions.Lenient();
        var units = CommonOptions.Units();
        var mergeMap = CommonOptions.MergeMap();
        var command = new Command("assess", "Assess every subject found in the data against the rule sets in force on the as-of date; print a summary per province and standard and write the reports.")
        {
            data, rules, asOf, standards, output, formats, log, baseline, engine, csharp, lenient, units, mergeMap,
        };
        command.SetAction(parse =>
        {
            ReportFormatsText.TryParse(parse.GetValue(formats) ?? [], out var chosen, out _);
            var outDir = parse.GetValue(output)!;
            var run = new AssessRun(services, terminal);
            return run.Execute(new AssessArgs(
                parse.GetValue(data)!, parse.GetValue(rules)!, parse.GetValue(asOf), parse.GetValue(standards) ?? [],
                outDir, chosen, parse.GetValue(log) ?? Path.Combine(outDir, CommonOptions.LogFileName), parse.GetValue(baseline),
                parse.GetValue(engine), parse.GetValue(csharp) ?? [], parse.GetValue(lenient), parse.GetValue(units), parse.GetValue(mergeMap)));
        });
        return command;
    }
}

internal sealed record AssessArgs(string Data, string Rules, DateOnly? AsOf, IReadOnlyList<string> Standards, string Out, ReportFormats Formats, string LogPath,
    string? Baseline = null, RuleEngineKind Engine = RuleEngineKind.NRules, IReadOnlyList<string>? CSharpRules = null, bool Lenient = false,
    string? Units = null, string? MergeMap = null);

/// <summary>The steps of <c>ntp assess</c>, kept apart from option parsing.</summary>
internal sealed class AssessRun(PipelineServices services, Terminal terminal)
{
    public int Execute(AssessArgs args)
    {
        var files = DataReading.FindFiles(args.Data);
        if (files.Count == 0)
        {
            terminal.Error.WriteLine($"--data: no data file (.csv, .xlsx, .json, .yaml) found at '{args.Data}'");
            return ExitCodes.Usage;
        }
        var baseline = args.Baseline is null ? [] : DataReading.FindFiles(args.Baseline);
        if (args.Baseline is not null && baseline.Count == 0)
        {
            terminal.Error.WriteLine($"--baseline: no data file found at '{args.Baseline}'");
            return ExitCodes.Usage;
        }
        if (!Directory.Exists(args.Rules))
        {
            terminal.Error.WriteLine($"--rules: folder '{args.Rules}' does not exist");
            return ExitCodes.Usage;
        }

        var load = services.Loader.Load(args.Rules);
        if (terminal.Report(load.Diagnostics) || load.Library is null) return ExitCodes.Failed;

        var request = new AssessmentRequest(files, args.AsOf ?? AsOfDate.FromName(args.Data), args.Standards, CommonOptions.NewRunId(), BaselineFiles: baseline,
            Engine: args.Engine, CSharpRules: args.CSharpRules, Lenient: args.Lenient,
            UnitsFile: args.Units, MergeMap: args.MergeMap);
        // The reports are written while the run goes, province by province; they appear, with the log entry, at the end.
        using var output = new StreamedRunOutput(args.Out, run => ReportName(args.Data, run.AsOf), args.Formats, args.LogPath,
            () => terminal.Error.WriteLine($"waiting for another run writing reports to '{args.Out}'"));
        IReadOnlyList<string> written;
        AssessmentReport report;
        try
        {
            var outcome = ProgressRunner.Run(terminal, "Assessing", p => services.Assessor.Assess(load.Library, request, p, output, CancellationToken.None));
            if (terminal.Report(outcome.Diagnostics) || outcome.Report is null) return ExitCodes.Failed;
            report = outcome.Report;
            if (report.Run.DataProblems.Count > 0)
                terminal.Error.WriteLine($"read leniently: {DataProblem.Summary(report.Run.DataProblems)} (each listed above and in the reports' data problems)");
            SummaryTable.Write(terminal, report, output.Totals());
            written = output.Complete(outcome.Report);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            terminal.Error.WriteLine($"error: {ex.Message}");
            terminal.Error.WriteLine("no report was written and nothing was added to the decision log");
            return ExitCodes.Failed;
        }
        foreach (var path in written) terminal.Output.WriteLine($"wrote {path}");
        terminal.Output.WriteLine($"decision log {args.LogPath} (run {report.Run.RunId})");
        return ExitCodes.Ok;
    }

    /// <summary>Reports are named after the data: lao-cai-2024 → lao-cai-2024.json; the as-of date is added when the name has no year.</summary>
    public static string ReportName(string data, DateOnly asOf)
    {
        var name = Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(Path.GetFullPath(data)));
        return AsOfDate.FromName(name) is null ? $"{name}-{asOf:yyyy-MM-dd}" : name;
    }
}
