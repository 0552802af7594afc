using Microsoft.Extensions.Options;
using NtpRules.Language.Engines;
using NtpRules.Reporting;

namespace NtpRules.Cli.Worker;

/// <summary>
/// Settings of the inbox worker, section "Worker" of appsettings.json, environment variables (Worker__Inbox=…)
/// or the command line. processed/, failed/ and work/ sit beside the inbox unless set.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    public string Inbox { get; set; } = "";
    public string Out { get; set; } = "";
    public string Rules { get; set; } = "rules";
    public string? Processed { get; set; }
    public string? Failed { get; set; }
    /// <summary>Where each running worker keeps the files it has claimed (work/&lt;worker&gt;/); on the inbox's volume, so claims are renames.</summary>
    public string? Work { get; set; }
    /// <summary>Decision log path; default decisions.db in the output folder.</summary>
    public string? DecisionLog { get; set; }
    /// <summary>Seconds between full scans of the inbox and the rules folder (for events the watcher missed).</summary>
    public double ScanIntervalSeconds { get; set; } = 5;
    /// <summary>A file is complete when its size and time stamp have not changed for this long.</summary>
    public int StableMilliseconds { get; set; } = 1000;
    public string Formats { get; set; } = "json,md,html,csv";
    /// <summary>The rule engine: nrules (default) or ntp.</summary>
    public string Engine { get; set; } = "nrules";
    /// <summary>Assemblies of C# rules (NRules.Fluent) to run beside the YAML rules (nrules only).</summary>
    public string[] CSharpRules { get; set; } = [];
    /// <summary>Read past bad data as <c>assess --lenient</c> does: the file is assessed and its data problems listed in its reports.</summary>
    public bool Lenient { get; set; }

    /// <summary>An administrative-units list the commune and province ids of every file are checked against (as <c>assess --units</c>); none when empty.</summary>
    public string? Units { get; set; }

    public RuleEngineKind EngineKind => RuleEngines.TryParse(Engine, out var kind) ? kind : RuleEngineKind.NRules;
    /// <summary>Minutes between heartbeat log lines (files processed and failed, last rule reload); 0 turns them off.</summary>
    public double HeartbeatMinutes { get; set; } = 15;

    public string ProcessedDirectory => Processed ?? Beside("processed");
    public string FailedDirectory => Failed ?? Beside("failed");
    public string WorkDirectory => Work ?? Beside("work");
    public string DecisionLogPath => DecisionLog ?? Path.Combine(Out, "decisions.db");

    public ReportFormats ReportFormats => ReportFormatsText.TryParse([Formats], out var f, out _) ? f : ReportFormats.None;

    private string Beside(string name) => Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(Inbox)))!, name);
}

/// <summary>Checks the worker settings at start, naming every wrong setting.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions o)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Inbox)) problems.Add("Worker:Inbox is required (the folder to watch)");
        if (string.IsNullOrWhiteSpace(o.Out)) problems.Add("Worker:Out is required (the folder for reports)");
        if (string.IsNullOrWhiteSpace(o.Rules) || !Directory.Exists(o.Rules)) problems.Add($"Worker:Rules: folder '{o.Rules}' does not exist");
        if (o.ScanIntervalSeconds is <= 0 or > 3600) problems.Add("Worker:ScanIntervalSeconds must be between 0 and 3600");
        if (o.StableMilliseconds is < 0 or > 600_000) problems.Add("Worker:StableMilliseconds must be between 0 and 600000");
        if (o.HeartbeatMinutes is < 0 or > 1440 || double.IsNaN(o.HeartbeatMinutes)) problems.Add("Worker:HeartbeatMinutes must be between 0 (off) and 1440");
        if (!ReportFormatsText.TryParse([o.Formats], out var f, out var bad) || f == ReportFormats.None)
            problems.Add($"Worker:Formats: unknown format '{bad}' (expected json, md, html, csv)");
        if (!RuleEngines.TryParse(o.Engine, out var engine))
            problems.Add($"Worker:Engine: unknown engine '{o.Engine}' (expected {string.Join(" or ", RuleEngines.Names)})");
        foreach (var dll in o.CSharpRules.Where(d => !File.Exists(d))) problems.Add($"Worker:CSharpRules: file '{dll}' does not exist");
        if (!string.IsNullOrWhiteSpace(o.Units) && !File.Exists(o.Units)) problems.Add($"Worker:Units: file '{o.Units}' does not exist");
        if (o.CSharpRules.Length > 0 && engine != RuleEngineKind.NRules) problems.Add("Worker:CSharpRules run on the nrules engine only");
        if (problems.Count == 0)
        {
            var inbox = Full(o.Inbox);
            foreach (var (label, dir) in new[] { ("Out", o.Out), ("Processed", o.ProcessedDirectory), ("Failed", o.FailedDirectory), ("Work", o.WorkDirectory) })
                if (Full(dir) == inbox) problems.Add($"Worker:{label} must not be the inbox itself");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
