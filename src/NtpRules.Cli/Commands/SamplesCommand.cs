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

        var generate = new Command("generate", "Generate the synthetic sample data sets (Lào Cai 2024 and 2025, households 2027), calibrated against the thresholds in the rule files.")
        {
            output, rules, seed,
        };
        generate.SetAction(parse =>
        {
            var folder = parse.GetValue(rules)!;
            if (!Directory.Exists(folder))
            {
                terminal.Error.WriteLine($"--rules: folder '{folder}' does not exist");
                return ExitCodes.Usage;
            }
            var result = SampleGenerator.Write(folder, parse.GetValue(output)!, parse.GetValue(seed));
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
}
