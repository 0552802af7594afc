using System.CommandLine;
using NtpRules.Cli.Commands;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;

namespace NtpRules.Cli;

/// <summary>The <c>ntp</c> command line: builds the commands over the given pipeline and runs them.</summary>
public static class CliApp
{
    /// <summary>
    /// The pipeline the shipped tool uses: rule loading, check, test, list and diff from the language layer, the
    /// assessment layer's assessor.
    /// </summary>
    public static PipelineServices DefaultServices()
    {
        return new PipelineServices(new LanguageRuleLibraryLoader(), new AssessorPipeline(), new LanguageRuleTooling());
    }

    public static RootCommand Build(PipelineServices services, Terminal terminal)
    {
        var root = new RootCommand("ntp: assess communes and households against the National Target Programmes' rule sets, explain the verdicts, and check rule files.");
        root.Subcommands.Add(AssessCommand.Create(services, terminal));
        root.Subcommands.Add(ExplainCommand.Create(services, terminal));
        root.Subcommands.Add(RulesCommand.Create(services, terminal));
        root.Subcommands.Add(WorkerCommand.Create(services, terminal));
        root.Subcommands.Add(HistoryCommand.Create(terminal));
        root.Subcommands.Add(SamplesCommand.Create(terminal));
        root.Subcommands.Add(DataCommand.Create(services, terminal));
        return root;
    }

    /// <summary>Runs one command line; returns the exit code (0 done, 1 rule or data errors, 2 usage errors).</summary>
    public static int Run(string[] args, PipelineServices services, Terminal terminal)
    {
        var parse = Build(services, terminal).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) terminal.Error.WriteLine(e.Message);
            terminal.Error.WriteLine("Run 'ntp --help' (or 'ntp <command> --help') for usage.");
            return ExitCodes.Usage;
        }
        return parse.Invoke(new InvocationConfiguration { Output = terminal.Output, Error = terminal.Error });
    }
}
