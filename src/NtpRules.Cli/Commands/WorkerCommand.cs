using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;
using NtpRules.Cli.Worker;
using NtpRules.Language.Engines;

namespace NtpRules.Cli.Commands;

/// <summary><c>ntp worker</c>: runs the inbox worker in the foreground until Ctrl+C.</summary>
internal static class WorkerCommand
{
    public static Command Create(PipelineServices services, Terminal terminal)
    {
        var inbox = new Option<string?>("--inbox") { Description = "Folder to watch for data files (or Worker:Inbox in appsettings.json / Worker__Inbox).", HelpName = "dir" };
        var output = new Option<string?>("--out") { Description = "Folder for the reports (Worker:Out).", HelpName = "dir" };
        var rules = new Option<string?>("--rules") { Description = "Folder of rule files (Worker:Rules; default 'rules'). Reloaded when it changes.", HelpName = "dir" };
        var processed = new Option<string?>("--processed") { Description = "Where assessed inputs go (default: processed/ beside the inbox).", HelpName = "dir" };
        var failed = new Option<string?>("--failed") { Description = "Where rejected inputs and their .error.txt go (default: failed/ beside the inbox).", HelpName = "dir" };
        var log = CommonOptions.Log();
        var engine = new Option<string?>("--engine") { Description = "Rule engine: nrules (default) or ntp (Worker:Engine).", HelpName = "nrules|ntp" };
        engine.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !RuleEngines.TryParse(r.Tokens[0].Value, out _))
                r.AddError($"--engine: unknown engine '{r.Tokens[0].Value}' (expected {string.Join(" or ", RuleEngines.Names)})");
        });
        var lenient = new Option<bool>("--lenient") { Description = "Read past bad data as assess --lenient does (Worker:Lenient)." };
        var command = new Command("worker", "Run the hosted worker in the foreground: assess each complete file dropped into the inbox, write its reports, and move it to processed/ or failed/.")
        {
            inbox, output, rules, processed, failed, log, engine, lenient,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var overrides = new Dictionary<string, string?>();
            void Set(string key, Option<string?> o) { if (parse.GetValue(o) is { } v) overrides[$"{WorkerOptions.Section}:{key}"] = v; }
            Set(nameof(WorkerOptions.Inbox), inbox);
            Set(nameof(WorkerOptions.Out), output);
            Set(nameof(WorkerOptions.Rules), rules);
            Set(nameof(WorkerOptions.Processed), processed);
            Set(nameof(WorkerOptions.Failed), failed);
            Set(nameof(WorkerOptions.DecisionLog), log);
            Set(nameof(WorkerOptions.Engine), engine);
            if (parse.GetValue(lenient)) overrides[$"{WorkerOptions.Section}:{nameof(WorkerOptions.Lenient)}"] = "true";
            using var host = WorkerHost.Build(services, overrides, Directory.GetCurrentDirectory());
            try
            {
                // Validate before starting, so that wrong settings print as a list rather than a host failure trace.
                _ = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
                await host.RunAsync(cancel);
                return ExitCodes.Ok;
            }
            catch (OptionsValidationException ex)
            {
                foreach (var f in ex.Failures) terminal.Error.WriteLine(f);
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
