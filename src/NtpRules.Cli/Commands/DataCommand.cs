using System.CommandLine;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Merging;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;
using NtpRules.Language.Diagnostics;
using NtpRules.Reporting;

namespace NtpRules.Cli.Commands;

/// <summary><c>ntp data merge</c>: old communes' data merged into the new communes, written as data files with their provenance.</summary>
internal static class DataCommand
{
    public const string ProvenanceFile = "merge-provenance.md";

    public static Command Create(PipelineServices services, Terminal terminal)
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
        var command = new Command("data", "Data files: merge old communes into new ones.");
        command.Subcommands.Add(merge);
        return command;
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
