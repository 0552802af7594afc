using System.CommandLine;
using System.Text;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;
using NtpRules.Language.Versions;

namespace NtpRules.Cli.Commands;

/// <summary><c>ntp rules new-version</c>: copies a rule-set version under a new effective date and shortens the old one's <c>to:</c>.</summary>
internal static class NewVersionCommand
{
    public static Command Create(PipelineServices services, Terminal terminal)
    {
        var file = new Argument<string>("file") { Description = "The version to start from (rules/<id>/<version>.yaml)." };
        var version = new Option<string>("--version") { Description = "The new version's name, also its file name (e.g. 2026-2030).", Required = true, HelpName = "name" };
        var from = CommonOptions.Date("--from", "First day the new version is in force (yyyy-MM-dd); the old version ends the day before.");
        from.Required = true;
        var to = CommonOptions.Date("--to", "Last day of the new version (yyyy-MM-dd). Default: open-ended.");
        var command = new Command("new-version", "Start a new version of a rule set: copy a version file under a new version name and effective date, and end the old version the day before. Then run 'ntp rules check'.")
        {
            file, version, from, to,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var name = parse.GetValue(version)!;
            if (!File.Exists(path))
            {
                terminal.Error.WriteLine($"'{path}' does not exist");
                return ExitCodes.Usage;
            }
            if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('/'))
            {
                terminal.Error.WriteLine($"--version: '{name}' cannot be a file name");
                return ExitCodes.Usage;
            }
            var target = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, name + Path.GetExtension(path));
            if (File.Exists(target))
            {
                terminal.Error.WriteLine($"--version: '{target}' exists already");
                return ExitCodes.Usage;
            }
            var copy = VersionCopier.Make(File.ReadAllText(path), name, parse.GetValue(from)!.Value, parse.GetValue(to), out var problem);
            if (copy is null)
            {
                terminal.Error.WriteLine($"{path}: {problem}");
                return ExitCodes.Failed;
            }
            var utf8 = new UTF8Encoding(false);
            File.WriteAllText(target, copy.NewText, utf8);
            File.WriteAllText(path, copy.OldText, utf8);
            terminal.Output.WriteLine($"wrote {target}");
            terminal.Output.WriteLine($"{path}: now ends on {copy.OldTo:yyyy-MM-dd}");
            if (copy.DatedRows > 0)
                terminal.Output.WriteLine($"{copy.DatedRows} parameter row(s) with their own 'effective:' dates were copied as they are: review them in {target}");
            var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(path)))!;
            var check = services.Tooling.Check(root);
            return terminal.Report(check.Diagnostics, DiagnosticOrder.ErrorsOnly) ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }
}
