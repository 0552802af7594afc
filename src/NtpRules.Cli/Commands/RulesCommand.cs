using System.CommandLine;
using System.Globalization;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;
using Spectre.Console;

namespace NtpRules.Cli.Commands;

/// <summary><c>ntp rules check|test|diff|list</c>: what policy staff run on their rule files.</summary>
internal static class RulesCommand
{
    public static Command Create(PipelineServices services, Terminal terminal)
    {
        var command = new Command("rules", "Check, test, diff and list rule files.");
        command.Subcommands.Add(Check(services, terminal));
        command.Subcommands.Add(Test(services, terminal));
        command.Subcommands.Add(Diff(services, terminal));
        command.Subcommands.Add(List(services, terminal));
        command.Subcommands.Add(ImpactCommand.Create(services, terminal));
        command.Subcommands.Add(NewVersionCommand.Create(services, terminal));
        return command;
    }

    private static Argument<string> Folder() => new("dir")
    {
        Description = "Folder of rule files.",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => CommonOptions.DefaultRules,
    };

    private static bool Exists(Terminal terminal, string dir)
    {
        if (Directory.Exists(dir)) return true;
        terminal.Error.WriteLine($"rules folder '{dir}' does not exist");
        return false;
    }

    private static Command Check(PipelineServices services, Terminal terminal)
    {
        var dir = Folder();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the errors and the counts (no warnings, no provisional thresholds)." };
        var command = new Command("check", "Load and check every rule file: the thresholds still provisional, then warnings and errors (errors last) with file:line:column. Exits 1 on errors.") { dir, quiet };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(dir)!;
            if (!Exists(terminal, folder)) return ExitCodes.Usage;
            var result = services.Tooling.Check(folder);
            var isQuiet = parse.GetValue(quiet);
            if (result.Provisional.Count > 0 && !isQuiet)
            {
                terminal.Output.WriteLine($"{result.Provisional.Count} provisional threshold(s), to confirm against the official text:");
                foreach (var p in result.Provisional)
                    terminal.Output.WriteLine($"  {p.At}: {p.RuleSet} {p.Parameter} = {p.Value}{(p.Citation is null ? "" : $" ({p.Citation})")}");
            }
            if (result.Inferred.Count > 0 && !isQuiet)
            {
                terminal.Output.WriteLine($"{result.Inferred.Count} inferred value(s), computed from other values rather than published:");
                foreach (var p in result.Inferred)
                    terminal.Output.WriteLine($"  {p.At}: {p.RuleSet} {p.Parameter} = {p.Value} (derivation: {p.Citation})");
            }
            if (result.Unpublished.Count > 0 && !isQuiet)
            {
                terminal.Output.WriteLine($"{result.Unpublished.Count} threshold(s) the law does not publish (the rule yields unknown):");
                foreach (var p in result.Unpublished)
                    terminal.Output.WriteLine($"  {p.At}: {p.RuleSet} {p.Parameter}{(p.Citation is null ? "" : $" ({p.Citation})")}");
            }
            terminal.Output.Flush();
            var failed = terminal.Report(result.Diagnostics, isQuiet ? DiagnosticOrder.ErrorsOnly : DiagnosticOrder.ErrorsLast);
            if (!failed) terminal.Output.WriteLine("rules check passed");
            return failed ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Test(PipelineServices services, Terminal terminal)
    {
        var dir = Folder();
        var engine = CommonOptions.Engine();
        var command = new Command("test", "Run the rule-set tests (rules/<id>/tests/*.yaml); print failures with their locations, and the coverage. Exits 1 on failures.") { dir, engine };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(dir)!;
            if (!Exists(terminal, folder)) return ExitCodes.Usage;
            var result = services.Tooling.Test(folder, parse.GetValue(engine));
            var broken = terminal.Report(result.Diagnostics);
            foreach (var f in result.Failures) terminal.Error.WriteLine($"{f.At}: FAIL {f.RuleSet} / {f.Case}: {f.Message}");
            terminal.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Passed} passed, {result.Failures.Count} failed; coverage {result.Coverage:P0}"));
            foreach (var u in result.Uncovered) terminal.Output.WriteLine($"  not covered: {u}");
            return broken || result.Failures.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Diff(PipelineServices services, Terminal terminal)
    {
        var oldPath = new Argument<string>("old") { Description = "The earlier rule-set file (or folder)." };
        var newPath = new Argument<string>("new") { Description = "The later rule-set file (or folder)." };
        var command = new Command("diff", "Show what changed between two rule-set versions: criteria, indicators, conditions, thresholds, citations.") { oldPath, newPath };
        command.SetAction(parse =>
        {
            var (a, b) = (parse.GetValue(oldPath)!, parse.GetValue(newPath)!);
            foreach (var p in new[] { a, b })
                if (!File.Exists(p) && !Directory.Exists(p))
                {
                    terminal.Error.WriteLine($"'{p}' does not exist");
                    return ExitCodes.Usage;
                }
            var result = services.Tooling.Diff(a, b);
            if (terminal.Report(result.Diagnostics)) return ExitCodes.Failed;
            foreach (var c in result.Changes)
            {
                var mark = c.Kind switch { "added" => "+", "removed" => "-", _ => "~" };
                var detail = c.Kind switch { "added" => c.New, "removed" => c.Old, _ => $"{c.Old} → {c.New}" };
                terminal.Output.WriteLine($"{mark} {c.Path}{(string.IsNullOrEmpty(detail) ? "" : ": " + detail)}");
            }
            terminal.Output.WriteLine($"{result.Changes.Count} change(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(PipelineServices services, Terminal terminal)
    {
        var dir = Folder();
        var command = new Command("list", "List the rule sets: id, version, effective range, status, and counts of confirmed, provisional, inferred and unpublished thresholds.") { dir };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(dir)!;
            if (!Exists(terminal, folder)) return ExitCodes.Usage;
            var result = services.Tooling.List(folder);
            var failed = terminal.Report(result.Diagnostics);
            var table = new Table().AddColumns("Id", "Version", "Effective from", "to", "Status", "Confirmed", "Provisional", "Inferred", "Unpublished", "File");
            foreach (var r in result.RuleSets)
                table.AddRow(Markup.Escape(r.Id), Markup.Escape(r.Version), r.EffectiveFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", r.EffectiveTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "open",
                    Markup.Escape(r.Status), r.ConfirmedThresholds.ToString(CultureInfo.InvariantCulture), r.ProvisionalThresholds.ToString(CultureInfo.InvariantCulture),
                    r.InferredThresholds.ToString(CultureInfo.InvariantCulture), r.UnpublishedThresholds.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.File));
            terminal.Ansi.Write(table);
            terminal.Ansi.WriteLine();
            return failed ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }
}
