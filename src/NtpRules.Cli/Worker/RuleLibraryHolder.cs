using System.Text;
using Microsoft.Extensions.Logging;
using NtpRules.Cli.Pipeline;

namespace NtpRules.Cli.Worker;

/// <summary>
/// Holds the rule library in force for the worker. Changes are noticed by comparing a fingerprint of the rules folder
/// (names, sizes and time stamps of files and folders). A reload that fails its check, throws, or sees the folder change
/// while it loads (an editor saving by rename, a checkout half done) keeps the last good library and logs why; a load
/// that saw the folder change is tried again on the next pass, a failed one on the next change. A missing rules folder
/// is reported once, and the last good library stays in force until it is back.
/// </summary>
internal sealed class RuleLibraryHolder
{
    private const int MaxLoggedErrors = 20;
    private readonly IRuleLibraryLoader _loader;
    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Condition _missing;
    private string? _fingerprint;

    public RuleLibraryHolder(IRuleLibraryLoader loader, string directory, ILogger logger, TimeProvider time)
    {
        (_loader, _directory, _logger, _time) = (loader, directory, logger, time);
        _missing = new Condition(
            () => logger.LogWarning("Rules folder {RulesDirectory} is missing; {Keeping}", directory, Current is null ? "inbox files wait until it is back" : "keeping the last good set until it is back"),
            () => logger.LogInformation("Rules folder {RulesDirectory} is back", directory));
    }

    public IRuleLibrary? Current { get; private set; }

    /// <summary>When the library in force was loaded.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>When the last reload failed, if it failed after the library in force was loaded.</summary>
    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>Reloads when the folder changed since the last load (or always when <paramref name="force"/>); returns whether a new library is in force.</summary>
    public bool ReloadIfChanged(bool force = false)
    {
        var before = Fingerprint(_directory);
        if (_missing.Set(before is null))
        {
            _fingerprint = null;
            return false;
        }
        if (!force && before == _fingerprint) return false;
        _fingerprint = null;

        var load = Load();
        if (Fingerprint(_directory) != before)
        {
            // What was read may mix old and new files: the next pass loads again.
            _logger.LogInformation("Rules in {RulesDirectory} changed while they were loading; loading them again", _directory);
            return false;
        }
        _fingerprint = before;
        if (load is { Succeeded: true })
        {
            Current = load.Library;
            (LoadedAt, FailedAt) = (_time.GetUtcNow(), null);
            _logger.LogInformation("Rules loaded from {RulesDirectory}: {RuleSetCount} rule set version(s)", _directory, load.Library!.RuleSets.Count);
            foreach (var d in load.Diagnostics) _logger.LogWarning("Rule warning {Diagnostic}", d.ToString());
            return true;
        }
        FailedAt = _time.GetUtcNow();
        if (load is not null) LogErrors(load);
        if (Current is null)
            _logger.LogError("Rules in {RulesDirectory} fail their check and no earlier set is loaded: inbox files wait until the rules are fixed", _directory);
        else
            _logger.LogWarning("Rules in {RulesDirectory} fail their check; keeping the last good set (loaded {LoadedAt:u})", _directory, LoadedAt);
        return false;
    }

    private RuleLibraryLoad? Load()
    {
        try
        {
            return _loader.Load(_directory);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Loading rules from {RulesDirectory} failed: {Reason}", _directory, ex.Message);
            return null;
        }
    }

    private void LogErrors(RuleLibraryLoad load)
    {
        var errors = load.Diagnostics.Where(d => d.IsError).ToList();
        var files = errors.Select(d => d.Location.File).Distinct(StringComparer.Ordinal).ToList();
        _logger.LogError("Rule check failed: {ErrorCount} error(s) in {Files}", errors.Count, string.Join(", ", files));
        foreach (var d in errors.Take(MaxLoggedErrors)) _logger.LogError("Rule error {Diagnostic}", d.ToString());
        if (errors.Count > MaxLoggedErrors) _logger.LogError("… and {More} more rule error(s) (run 'ntp rules check' for all)", errors.Count - MaxLoggedErrors);
    }

    /// <summary>Names, sizes and time stamps under the folder; null when it is missing. A folder changing while it is read gives a text of its own.</summary>
    private static string? Fingerprint(string dir)
    {
        var root = new DirectoryInfo(dir);
        if (!root.Exists) return null;
        try
        {
            var text = new StringBuilder().Append(root.LastWriteTimeUtc.Ticks);
            foreach (var e in root.EnumerateFileSystemInfos("*", SearchOption.AllDirectories).OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                if (e is FileInfo && InboxScanner.IsIgnored(e.Name)) continue;
                text.Append('\n').Append(e.FullName).Append('|').Append(e.LastWriteTimeUtc.Ticks);
                if (e is FileInfo f) text.Append('|').Append(f.Exists ? f.Length : -1);
            }
            return text.ToString();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unreadable: " + ex.Message;
        }
    }
}
