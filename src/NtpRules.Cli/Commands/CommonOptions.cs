using System.CommandLine;
using System.Globalization;
using NtpRules.Language.Engines;

namespace NtpRules.Cli.Commands;

/// <summary>Options several commands share, with their help text and parsing rules.</summary>
internal static class CommonOptions
{
    public const string DefaultRules = "rules";
    public const string DefaultOut = "reports";
    public const string LogFileName = "decisions.db";

    public static Option<string> Rules() => new("--rules")
    {
        Description = "Folder of rule files (catalogue and rule sets).",
        DefaultValueFactory = _ => DefaultRules,
        HelpName = "dir",
    };

    public static Option<DateOnly?> AsOf() =>
        Date("--as-of", "Assessment date (yyyy-MM-dd); picks the rule-set versions and parameters in force. Default: from the data file name or metadata, else today.");

    /// <summary>A date option written yyyy-MM-dd; anything else is a usage error naming the option.</summary>
    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "date",
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            r.AddError($"{name}: '{text}' is not a date (yyyy-MM-dd)");
            return null;
        },
    };

    public static Option<string[]> Standards() => new("--standard")
    {
        Description = "Standard ids to report (repeatable). Default: all.",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "id",
    };

    public static Option<string?> Log() => new("--log")
    {
        Description = $"Decision log (SQLite) path. Default: {LogFileName} in the output folder.",
        HelpName = "file",
    };

    public static Option<RuleEngineKind> Engine() => new("--engine")
    {
        Description = "Rule engine: nrules (default) or ntp (the fast path; gives the same verdicts).",
        DefaultValueFactory = _ => RuleEngineKind.NRules,
        HelpName = "nrules|ntp",
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (RuleEngines.TryParse(text, out var kind)) return kind;
            r.AddError($"--engine: unknown engine '{text}' (expected {string.Join(" or ", RuleEngines.Names)})");
            return RuleEngineKind.NRules;
        },
    };

    public static Option<string[]> CSharpRules() => new("--csharp-rules")
    {
        Description = "An assembly of C# rules (NRules.Fluent) to run beside the YAML rules (repeatable; nrules engine only).",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "dll",
    };

    public static Option<bool> Lenient() => new("--lenient")
    {
        Description = "Read past bad data: a bad cell is read as unknown, a bad column or row is left out, a parent id naming no record is a warning; every such error is printed and listed in the reports.",
    };

    public static Option<string?> Units() => new("--units")
    {
        Description = "Administrative units list (columns of vn-admin-units-2026.csv): commune and province ids are checked against its GSO codes.",
        HelpName = "file",
    };

    public static Option<string?> MergeMap() => new("--merge-map")
    {
        Description = "Old communes to merged ones (CSV: old_id,new_id[,new_name,province_id]): the data's old communes are merged and the merged ones assessed.",
        HelpName = "file",
    };

    public static string NewRunId() =>
        $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..8]}";
}
