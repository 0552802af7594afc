using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NtpRules.Assessment.Data;
using NtpRules.Cli.DecisionLog;
using NtpRules.Cli.Pipeline;
using NtpRules.Language.Diagnostics;
using NtpRules.Reporting;

namespace NtpRules.Cli.Worker;

/// <summary>
/// Watches the inbox (FileSystemWatcher plus a periodic scan) and assesses each complete file: reports are written
/// atomically to the output folder, the decision log is appended, and the input is moved to processed/ — or to failed/
/// beside a &lt;name&gt;.error.txt listing every problem with its location. Inputs are never deleted or overwritten.
/// A file is moved only after its reports are written, so a kill mid-file leaves it in the inbox to be done again on start.
/// </summary>
internal sealed class InboxWorker(IOptions<WorkerOptions> options, PipelineServices services, ILogger<InboxWorker> logger, TimeProvider time) : BackgroundService
{
    public const string AssessmentFailedCode = "NTP9001";
    private readonly WorkerOptions _o = options.Value;
    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await Task.Yield(); // let the host finish starting before the first (possibly long) pass
        foreach (var dir in new[] { _o.Inbox, _o.Out, _o.ProcessedDirectory, _o.FailedDirectory }) Directory.CreateDirectory(dir);
        var rules = new RuleLibraryHolder(services.Loader, _o.Rules, logger);
        var scanner = new InboxScanner(_o.Inbox, TimeSpan.FromMilliseconds(_o.StableMilliseconds), time);
        using var inboxWatcher = Watch(_o.Inbox, subfolders: false);
        using var rulesWatcher = Watch(_o.Rules, subfolders: true);
        logger.LogInformation("Watching {Inbox}; reports to {Out}; processed to {Processed}; failed to {Failed}",
            _o.Inbox, _o.Out, _o.ProcessedDirectory, _o.FailedDirectory);

        rules.ReloadIfChanged(force: true);
        while (!stopping.IsCancellationRequested)
        {
            rules.ReloadIfChanged();
            if (rules.Current is { } library)
                foreach (var file in scanner.Ready())
                {
                    stopping.ThrowIfCancellationRequested();
                    Process(file, library, stopping);
                    scanner.Forget(file);
                }
            else scanner.Ready();

            var wait = scanner.HasPending
                ? TimeSpan.FromMilliseconds(Math.Max(20, _o.StableMilliseconds / 2))
                : TimeSpan.FromSeconds(_o.ScanIntervalSeconds);
            try { await _wake.WaitAsync(wait, stopping); }
            catch (OperationCanceledException) { break; }
            while (_wake.CurrentCount > 0) _wake.Wait(0); // events come in bursts; one pass handles them all
        }
    }

    private FileSystemWatcher? Watch(string dir, bool subfolders)
    {
        if (!Directory.Exists(dir)) return null;
        var w = new FileSystemWatcher(dir) { IncludeSubdirectories = subfolders, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName };
        FileSystemEventHandler wake = (_, _) => _wake.Release();
        w.Created += wake;
        w.Changed += wake;
        w.Deleted += wake;
        w.Renamed += (_, _) => _wake.Release();
        w.Error += (_, e) => logger.LogWarning(e.GetException(), "File watcher on {Folder} failed; the periodic scan continues", dir);
        w.EnableRaisingEvents = true;
        return w;
    }

    private void Process(string file, IRuleLibrary library, CancellationToken stopping)
    {
        var name = Path.GetFileName(file);
        if (!File.Exists(file)) return;
        try
        {
            var inputHash = Sha256(file);
            var request = new AssessmentRequest([file], AsOfDate.FromName(name), [], RunId(name, inputHash, library),
                Engine: _o.EngineKind, CSharpRules: _o.CSharpRules);
            var outcome = services.Assessor.Assess(library, request, null, stopping);
            if (!outcome.Succeeded)
            {
                Fail(file, outcome.Diagnostics.Count > 0 ? outcome.Diagnostics
                    : [Diagnostic.Error(AssessmentFailedCode, "the assessment gave no report", SourceLocation.None(name))]);
                return;
            }
            // The processed name is chosen first so that reports of two inputs with the same name never overwrite each other.
            var target = FileMover.FreeName(_o.ProcessedDirectory, name);
            var written = ReportWriter.WriteAll(outcome.Report!, _o.Out, Path.GetFileNameWithoutExtension(target), _o.ReportFormats);
            using (var log = new DecisionLogStore(_o.DecisionLogPath)) log.Append(outcome.Report!);
            var moved = FileMover.Move(file, target);
            logger.LogInformation("Assessed {File}: {SubjectCount} subject(s), {ReportCount} report(s); input moved to {Target}",
                name, outcome.Report!.Subjects.Count, written.Count, moved);
            foreach (var w in outcome.Diagnostics.Where(d => !d.IsError)) logger.LogWarning("Data warning {Diagnostic}", w.ToString());
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw; // stopped mid-file: the input stays in the inbox and is assessed again on start
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Assessing {File} failed", name);
            Fail(file, [Diagnostic.Error(AssessmentFailedCode, $"the assessment failed: {ex.Message}", SourceLocation.None(name))]);
        }
    }

    private void Fail(string file, IReadOnlyList<Diagnostic> problems)
    {
        var name = Path.GetFileName(file);
        try
        {
            var target = FileMover.FreeName(_o.FailedDirectory, name);
            var text = new StringBuilder()
                .AppendLine($"{name} was not assessed ({time.GetUtcNow():u}):")
                .AppendJoin(Environment.NewLine, problems.OrderBy(d => d.Severity).ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).Select(d => d.ToString()))
                .AppendLine().ToString();
            AtomicFile.WriteText(Path.Combine(_o.FailedDirectory, Path.GetFileName(target) + ".error.txt"), w => w.Write(text));
            var moved = FileMover.Move(file, target);
            if (moved != target) File.Move(target + ".error.txt", moved + ".error.txt");
            logger.LogWarning("Rejected {File} with {ErrorCount} error(s); moved to {Target}", name, problems.Count(d => d.IsError), moved);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "Could not move {File} to {Failed}; it stays in the inbox", name, _o.FailedDirectory);
        }
    }

    private static string Sha256(string file)
    {
        using var s = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    // The same input assessed with the same rules is the same run: a file redone after a crash replaces its log entry.
    private static string RunId(string name, string inputHash, IRuleLibrary library)
    {
        var rules = string.Join(",", library.RuleSets.Select(r => r.Sha256).Order(StringComparer.Ordinal));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputHash + "|" + rules)))[..16];
        return $"{Path.GetFileNameWithoutExtension(name)}-{hash}";
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
