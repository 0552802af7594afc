using System.CommandLine;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;

namespace NtpRules.Cli.Commands;

/// <summary><c>ntp samples generate</c>: writes a synthetic data set for trying the rules and for benchmarks.</summary>
internal static class SamplesCommand
{
    public static Command Create(PipelineServices services, Terminal terminal)
    {
        var output = new Option<string>("--out") { Description = "Folder to write the data files to.", Required = true, HelpName = "dir" };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same data.", DefaultValueFactory = _ => 1 };
        var communes = new Option<int?>("--communes") { Description = "Number of communes (default: the generator's)." };
        var households = new Option<int?>("--households-per-commune") { Description = "Households per commune (default: the generator's)." };
        var year = new Option<int>("--year") { Description = "Data year.", DefaultValueFactory = _ => 2024 };
        foreach (var o in new Option<int?>[] { communes, households })
            o.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 0) r.AddError($"{r.Option.Name} must not be negative"); });

        var generate = new Command("generate", "Generate a synthetic data set (communes and households) into a folder.") { output, seed, communes, households, year };
        generate.SetAction(parse =>
        {
            var (files, diagnostics) = services.Samples.Generate(new SampleRequest(parse.GetValue(output)!, parse.GetValue(seed),
                parse.GetValue(communes), parse.GetValue(households), parse.GetValue(year)));
            if (terminal.Report(diagnostics)) return ExitCodes.Failed;
            foreach (var f in files) terminal.Output.WriteLine($"wrote {f}");
            return ExitCodes.Ok;
        });
        var command = new Command("samples", "Sample data sets.");
        command.Subcommands.Add(generate);
        return command;
    }
}
