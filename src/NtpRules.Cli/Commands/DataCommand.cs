using System.CommandLine;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Merging;
using NtpRules.Assessment.Templates;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;
using NtpRules.Language.Diagnostics;
using NtpRules.Reporting;
using NtpRules.Reporting.Templates;

namespace NtpRules.Cli.Commands;

/// <summary>
/// <c>ntp data template</c>: the data columns a standard needs, as a CSV header and an .xlsx with a description sheet;
/// <c>ntp data merge</c>: old communes' data merged into the new communes, written as data files with their provenance.
/// </summary>
internal static class DataCommand
{
    public const string ProvenanceFile = "merge-provenance.md";

    public static Command Create(PipelineServices services, Terminal terminal)
    {
        var command = new Command("data", "Data files: templates for assessors; old communes merged into new ones.");
        command.Subcommands.Add(TemplateCommand(services, terminal));
        command.Subcommands.Add(MergeCommand(services, terminal));
        return command;
    }

    private static Command TemplateCommand(PipelineServices services, Terminal terminal)
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
        return template;
    }

    private static Command MergeCommand(PipelineServices services, Terminal terminal)
    {
        var mapping = new Option<string>("--mapping") { Description = "Old communes to new ones (CSV: old_id,new_id[,new_name,province_id]).", Required = true, HelpName = "map.csv" };
        var data = new Option<string>("--data") { Description = "The old communes' data: a file or a folder of them.", Required = true, HelpName = "file|dir" };
        var output = new Option<string>("--out") { Description = "An empty (or new) folder for the merged data files and merge-provenance.md.", Required = true, HelpName = "dir" };
        var rules = CommonOptions.Rules();
        var units = CommonOptions.Units();
        var merge = new Command("merge", "Merge old communes' data into the new communes by the catalogue's merge rules; write the merged data (communes.csv, households.csv …) and merge-provenance.md, which says where each value came from.")
        {
            mapping, data, output, rules, units,
        };
        merge.SetAction(parse => Merge(services, terminal, parse.GetValue(mapping)!, parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(rules)!, parse.GetValue(units)));
        return merge;
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

    private static int Merge(PipelineServices services, Terminal terminal, string mapping, string data, string output, string rulesDir, string? units)
    {
        var files = DataReading.FindFiles(data);
        if (files.Count == 0)
        {
            terminal.Error.WriteLine($"--data: no data file (.csv, .json, .yaml) found at '{data}'");
            return ExitCodes.Usage;
        }
        // The merged files must not mix with other data: a folder holding data files would be read with them.
        if (Directory.Exists(output) && DataReading.FindFiles(output).Count > 0)
        {
            terminal.Error.WriteLine($"--out: folder '{output}' already holds data files; choose an empty or new folder");
            return ExitCodes.Usage;
        }
        var load = services.Loader.Load(rulesDir);
        if (terminal.Report(load.Diagnostics) || load.Library is not LanguageRuleLibrary library) return ExitCodes.Failed;

        var diagnostics = new DiagnosticBag();
        var merged = DataMerge.ReadAndMerge(library.Library.Catalogue, files, mapping, units, diagnostics);
        if (terminal.Report(diagnostics.ToList()) || merged is null) return ExitCodes.Failed;

        Directory.CreateDirectory(output);
        using var set = new AtomicFileSet();
        foreach (var (name, write) in DataMerge.DataFiles(merged, library.Library.Catalogue))
            set.Add(Path.Combine(output, name), AtomicFile.Text(write));
        set.Add(Path.Combine(output, ProvenanceFile), AtomicFile.Text(w => DataMerge.WriteProvenance(w, merged, mapping)));
        foreach (var path in set.Commit()) terminal.Output.WriteLine($"wrote {path}");
        terminal.Output.WriteLine($"{merged.Provenance.Count} communes from {merged.Provenance.Values.Sum(p => p.Predecessors.Count)} old ones");
        return ExitCodes.Ok;
    }
}
