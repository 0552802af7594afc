using System.CommandLine;
using System.Globalization;
using NtpRules.Samples;
using NtpRules.Cli.Console;

namespace NtpRules.Cli.Commands;

/// <summary><c>ntp samples generate</c>: writes the calibrated sample data sets from the thresholds of a rules folder.</summary>
internal static class SamplesCommand
{
    public static Command Create(Terminal terminal)
    {
        var output = new Option<string>("--out") { Description = "Folder to write the sample data sets to.", DefaultValueFactory = _ => "samples", HelpName = "dir" };
        var rules = CommonOptions.Rules();
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed and rules give the same data.", DefaultValueFactory = _ => SampleGenerator.DefaultSeed };

        var national = new Option<bool>("--national") { Description = "Generate the national data set (national-2025: the 2,611 communes of the 34 provinces after the 2025 reform) instead of the Lào Cai samples." };
        var units = new Option<string?>("--units")
        {
            Description = $"The administrative units file for --national (default: {SampleGenerator.UnitsFile} beside the repository).",
            HelpName = "file",
        };
        var households = new Option<int>("--households-per-commune")
        {
            Description = "Households generated per commune for --national (0: none; the communes then carry their poverty rate).",
            DefaultValueFactory = _ => 10,
        };
        households.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0) r.AddError("--households-per-commune: must be 0 or more");
        });

        var generate = new Command("generate", "Generate the synthetic sample data sets (Lào Cai 2024 and 2025, households 2027; or with --national the national data set), calibrated against the thresholds in the rule files.")
        {
            output, rules, seed, national, units, households,
        };
        generate.SetAction(parse =>
        {
            var folder = parse.GetValue(rules)!;
            if (!Directory.Exists(folder))
            {
                terminal.Error.WriteLine($"--rules: folder '{folder}' does not exist");
                return ExitCodes.Usage;
            }
            SampleGeneration result;
            if (parse.GetValue(national))
            {
                var unitsFile = parse.GetValue(units) ?? DefaultUnitsFile();
                if (unitsFile is null || !File.Exists(unitsFile))
                {
                    terminal.Error.WriteLine($"--units: the administrative units file was not found ({unitsFile ?? SampleGenerator.UnitsFile + " beside the repository"}); give it with --units");
                    return ExitCodes.Usage;
                }
                result = SampleGenerator.WriteNational(folder, unitsFile, parse.GetValue(output)!, parse.GetValue(households), parse.GetValue(seed));
            }
            else result = SampleGenerator.Write(folder, parse.GetValue(output)!, parse.GetValue(seed));
            if (terminal.Report(result.Diagnostics)) return ExitCodes.Failed;
            foreach (var s in result.Sets)
                terminal.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Name} (as of {s.AsOf:yyyy-MM-dd}): {s.Communes} communes, {s.Ntm} NTM, {s.Advanced} advanced, {s.Model} model, {s.AverageCriteria:0.00} criteria per commune; {s.Households} households"));
            return ExitCodes.Ok;
        });
        var command = new Command("samples", "Sample data sets.");
        command.Subcommands.Add(generate);
        return command;
    }

    /// <summary>The units file beside the repository (CI checks out <c>../shared</c> next to it): found from the
    /// current folder upwards, the first folder holding NtpRules.sln being the repository root.</summary>
    private static string? DefaultUnitsFile()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NtpRules.sln")))
                return dir.Parent is null ? null : Path.Combine(dir.Parent.FullName, SampleGenerator.UnitsFile);
        return null;
    }
}
