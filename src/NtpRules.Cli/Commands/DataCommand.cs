using System.CommandLine;
using NtpRules.Assessment.Templates;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;
using NtpRules.Language.Diagnostics;
using NtpRules.Reporting.Templates;

namespace NtpRules.Cli.Commands;

/// <summary><c>ntp data template</c>: the data columns a standard needs, as a CSV header and an .xlsx with a description sheet.</summary>
internal static class DataCommand
{
    public static Command Create(PipelineServices services, Terminal terminal)
    {
        var standard = new Option<string>("--standard") { Description = "The standard whose data the template collects (e.g. ntm-commune).", Required = true, HelpName = "id" };
        var asOf = CommonOptions.Date("--as-of", "Date the standard is in force on (yyyy-MM-dd); picks the rule-set version. Default: today.");
        var rules = CommonOptions.Rules();
        var output = new Option<string>("--out") { Description = "Folder for the template files.", DefaultValueFactory = _ => ".", HelpName = "dir" };
        var template = new Command("template",
            "Write the data template of a standard: <kind>s-<standard>-<date>.csv (the header) and .xlsx (the header sheet, then a sheet describing each column: Vietnamese and English name, unit, allowed values, the criteria it feeds).")
        {
            standard, asOf, rules, output,
        };
        template.SetAction(parse => Template(services, terminal, parse.GetValue(standard)!, parse.GetValue(asOf) ?? DateOnly.FromDateTime(DateTime.Today),
            parse.GetValue(rules)!, parse.GetValue(output)!));
        var command = new Command("data", "Data files: templates for assessors.");
        command.Subcommands.Add(template);
        return command;
    }

    private static int Template(PipelineServices services, Terminal terminal, string standard, DateOnly asOf, string rules, string folder)
    {
        if (!Directory.Exists(rules))
        {
            terminal.Error.WriteLine($"--rules: folder '{rules}' does not exist");
            return ExitCodes.Usage;
        }
        var load = services.Loader.Load(rules);
        if (terminal.Report(load.Diagnostics, DiagnosticOrder.ErrorsOnly) || load.Library is not LanguageRuleLibrary library) return ExitCodes.Failed;
        var diagnostics = new DiagnosticBag();
        var built = DataTemplate.For(library.Library, standard, asOf, diagnostics);
        if (terminal.Report(diagnostics) || built is null) return ExitCodes.Failed;
        IReadOnlyList<string> written;
        try
        {
            written = DataTemplateWriter.Write(built, folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            terminal.Error.WriteLine($"error: {ex.Message}");
            terminal.Error.WriteLine("no template file was written");
            return ExitCodes.Failed;
        }
        terminal.Output.WriteLine($"{built.Columns.Count} columns for {built.Kind} records of {standard} ({built.RuleSet.Id} {built.RuleSet.Version}, in force on {asOf:yyyy-MM-dd})");
        if (built.Computed.Count > 0) terminal.Output.WriteLine($"computed from other records, not columns: {string.Join(", ", built.Computed)}");
        foreach (var path in written) terminal.Output.WriteLine($"wrote {path}");
        return ExitCodes.Ok;
    }
}
