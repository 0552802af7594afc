using System.CommandLine;
using NtpRules.Cli.Console;
using NtpRules.Cli.DecisionLog;
using NtpRules.Language.Explanations;
using Spectre.Console;

namespace NtpRules.Cli.Commands;

/// <summary><c>ntp history</c>: a subject's past verdicts from the decision log.</summary>
internal static class HistoryCommand
{
    public static Command Create(Terminal terminal)
    {
        var subject = new Option<string>("--subject") { Description = "Id of the subject.", Required = true, HelpName = "id" };
        var standard = new Option<string?>("--standard") { Description = "Only this standard.", HelpName = "id" };
        var log = new Option<string>("--log")
        {
            Description = "Decision log (SQLite) path.",
            DefaultValueFactory = _ => Path.Combine(CommonOptions.DefaultOut, CommonOptions.LogFileName),
            HelpName = "file",
        };
        var command = new Command("history", "Show a subject's past verdicts, per run, from the decision log.") { subject, standard, log };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(log)!;
            if (!File.Exists(path))
            {
                terminal.Error.WriteLine($"--log: no decision log at '{path}' (run 'ntp assess' first, or pass --log)");
                return ExitCodes.Failed;
            }
            var id = parse.GetValue(subject)!;
            IReadOnlyList<HistoryEntry> entries;
            try
            {
                using var store = new DecisionLogStore(path);
                entries = store.History(id, parse.GetValue(standard));
            }
            catch (DecisionLogException ex)
            {
                terminal.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failed;
            }
            if (entries.Count == 0)
            {
                terminal.Output.WriteLine($"no decisions recorded for subject '{id}'");
                return ExitCodes.Ok;
            }
            var table = new Table().Title($"History of {Markup.Escape(id)}").AddColumns("As of", "Standard", "Verdict", "Criteria met", "Rule sets", "Run");
            foreach (var e in entries)
                table.AddRow($"{e.AsOf:yyyy-MM-dd}", Markup.Escape(e.StandardId), e.Verdict.ToText(), $"{e.CriteriaMet}/{e.CriteriaTotal}", Markup.Escape(e.RuleSets), Markup.Escape(e.RunId));
            terminal.Ansi.Write(table);
            terminal.Ansi.WriteLine();
            return ExitCodes.Ok;
        });
        return command;
    }
}
