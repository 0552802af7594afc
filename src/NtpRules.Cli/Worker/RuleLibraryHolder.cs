using Microsoft.Extensions.Logging;
using NtpRules.Cli.Pipeline;

namespace NtpRules.Cli.Worker;

/// <summary>
/// Holds the rule library in force for the worker. A reload that fails its check keeps the last good library and logs why.
/// Changes are noticed by comparing a fingerprint of the rules folder (names, sizes, time stamps).
/// </summary>
internal sealed class RuleLibraryHolder(IRuleLibraryLoader loader, string directory, ILogger logger)
{
    private string? _fingerprint;

    public IRuleLibrary? Current { get; private set; }

    /// <summary>Reloads when the folder changed since the last load (or always when <paramref name="force"/>); returns whether a new library is in force.</summary>
    public bool ReloadIfChanged(bool force = false)
    {
        var fingerprint = Fingerprint(directory);
        if (!force && fingerprint == _fingerprint) return false;
        _fingerprint = fingerprint;

        var load = loader.Load(directory);
        if (load.Succeeded)
        {
            Current = load.Library;
            logger.LogInformation("Rules loaded from {RulesDirectory}: {RuleSetCount} rule set version(s)", directory, load.Library!.RuleSets.Count);
            foreach (var d in load.Diagnostics) logger.LogWarning("Rule warning {Diagnostic}", d.ToString());
            return true;
        }
        foreach (var d in load.Diagnostics.Where(d => d.IsError)) logger.LogError("Rule error {Diagnostic}", d.ToString());
        if (Current is null)
            logger.LogError("Rules in {RulesDirectory} fail their check and no earlier set is loaded: inbox files wait until the rules are fixed", directory);
        else
            logger.LogWarning("Rules in {RulesDirectory} fail their check; keeping the last good set", directory);
        return false;
    }

    private static string Fingerprint(string dir)
    {
        if (!Directory.Exists(dir)) return "";
        var entries = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => !InboxScanner.IsIgnored(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .Select(f => { var i = new FileInfo(f); return $"{f}|{i.Length}|{i.LastWriteTimeUtc.Ticks}"; });
        return string.Join("\n", entries);
    }
}
