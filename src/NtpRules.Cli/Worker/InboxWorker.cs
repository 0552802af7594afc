using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Results;
using NtpRules.Cli.Pipeline;
using NtpRules.Language.Diagnostics;
using NtpRules.Reporting;

namespace NtpRules.Cli.Worker;

/// <summary>
/// Watches the inbox (FileSystemWatcher plus a periodic scan) and assesses each complete file. A file is first claimed
/// (renamed into this worker's work folder, so no other worker takes it); then its reports are written as one set, its
/// decision-log run is recorded, and it is moved to processed/ — or to failed/ beside a &lt;name&gt;.error.txt listing
/// every problem with its location. Inputs are never deleted or overwritten.
/// The loop never ends on an exception: a failing step is logged (what, which file, why) and the next passes wait
/// longer and longer (back-off) until a pass goes through. A kill at any moment leaves the input claimed; it goes back
/// into the inbox and is done again, replacing (not duplicating) its reports and decision-log run.
/// </summary>
internal sealed class InboxWorker(IOptions<WorkerOptions> options, PipelineServices services, ILogger<InboxWorker> logger, TimeProvider time) : BackgroundService
{
    public const string AssessmentFailedCode = "NTP9001";
    public const string NotAssessableCode = "NTP9002";
    private readonly WorkerOptions _o = options.Value;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Backoff _backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));
    private int _processed, _failed;

    private enum Outcome { Processed, Failed, Deferred, OutputFault }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await Task.Yield(); // let the host finish starting before the first (possibly long) pass
        var rules = new RuleLibraryHolder(services.Loader, _o.Rules, logger, time);
        var scanner = new InboxScanner(_o.Inbox, TimeSpan.FromMilliseconds(_o.StableMilliseconds), time);
        using var inboxWatch = new FolderWatch(_o.Inbox, subfolders: false, Wake, logger);
        using var rulesWatch = new FolderWatch(_o.Rules, subfolders: true, Wake, logger);
        var inboxMissing = new Condition(
            () => logger.LogWarning("Inbox folder {Inbox} is missing; waiting for it", _o.Inbox),
            () => logger.LogInformation("Inbox folder {Inbox} is back", _o.Inbox));
        var outputFailing = new Condition(
            () => logger.LogError("Output cannot be written; files go back to the inbox and are tried again, waiting longer each time"),
            () => logger.LogInformation("Output is written again"));
        var heartbeatEvery = TimeSpan.FromMinutes(_o.HeartbeatMinutes);
        var nextHeartbeat = time.GetUtcNow() + heartbeatEvery;
        InboxClaims? claims = null;
        logger.LogInformation("Watching {Inbox}; reports to {Out}; processed to {Processed}; failed to {Failed}; claims in {Work}",
            _o.Inbox, _o.Out, _o.ProcessedDirectory, _o.FailedDirectory, _o.WorkDirectory);
        try
        {
            var firstPass = true;
            while (!stopping.IsCancellationRequested)
            {
                var ok = true;
                if (claims is null)
                    ok &= Step("Preparing the folders", _o.WorkDirectory, () => claims = Prepare(createInbox: firstPass));
                ok &= Step("Reloading the rules", _o.Rules, () => rules.ReloadIfChanged(force: firstPass));
                firstPass = false;
                if (claims is not null)
                    ok &= Step("Putting back claimed files", _o.WorkDirectory, () => PutBackLeftovers(claims));
                inboxWatch.Refresh();
                rulesWatch.Refresh();
                IReadOnlyList<string> ready = [];
                ok &= Step("Scanning the inbox", _o.Inbox, () => ready = scanner.Ready());
                inboxMissing.Set(scanner.FolderMissing);

                if (claims is not null && rules.Current is { } library)
                    foreach (var file in ready)
                    {
                        stopping.ThrowIfCancellationRequested();
                        string? claimed = null;
                        ok &= Step("Claiming", file, () => claimed = claims.Claim(file));
                        scanner.Forget(file);
                        if (claimed is null) continue; // another worker took it, or it went away
                        var outcome = Outcome.Deferred;
                        // Anything Process does not handle itself is logged; the file stays claimed and is put back on the next pass.
                        ok &= Step("Assessing", claimed, () => outcome = Process(claims, claimed, library, stopping));
                        if (outcome == Outcome.OutputFault)
                        {
                            outputFailing.Set(true);
                            ok = false;
                            break; // the output is broken: stop for this pass and back off
                        }
                        if (outcome != Outcome.Deferred) outputFailing.Set(false);
                    }
                if (ok) _backoff.Reset();
                else _backoff.Failed();

                var now = time.GetUtcNow();
                if (heartbeatEvery > TimeSpan.Zero && now >= nextHeartbeat)
                {
                    Heartbeat(rules, scanner);
                    nextHeartbeat = now + heartbeatEvery;
                }
                await Wait(scanner.HasPending, heartbeatEvery > TimeSpan.Zero ? nextHeartbeat - now : null, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping: a file being assessed stays claimed and goes back into the inbox below
        }
        finally
        {
            claims?.Dispose();
        }

        void Wake()
        {
            try { _wake.Release(); }
            catch (ObjectDisposedException) { } // a watcher event that arrives as the worker ends
        }
    }

    private InboxClaims Prepare(bool createInbox)
    {
        if (createInbox) Directory.CreateDirectory(_o.Inbox);
        // Temporary files of a writer killed mid-write (their process no longer runs) are removed.
        foreach (var dir in new[] { _o.Out, _o.FailedDirectory })
        {
            var n = AtomicFile.DeleteOrphanTemps(dir);
            if (n > 0) logger.LogInformation("Removed {Count} temporary file(s) left in {Folder} by a stopped process", n, dir);
        }
        return new InboxClaims(_o.WorkDirectory, _o.Inbox, _o.ProcessedDirectory);
    }

    private void PutBackLeftovers(InboxClaims claims)
    {
        var back = claims.ReleaseOrphans();
        if (back.Count > 0)
            logger.LogWarning("Put {Count} file(s) claimed by a worker that stopped (or by a step that failed) back into the inbox: {Files}",
                back.Count, string.Join(", ", back.Select(Path.GetFileName)));
    }

    private async Task Wait(bool pending, TimeSpan? untilHeartbeat, CancellationToken stopping)
    {
        if (_backoff.Delay is { } delay)
        {
            // Backing off: file events do not cut the wait short.
            await Task.Delay(delay, time, stopping);
            return;
        }
        var wait = pending
            ? TimeSpan.FromMilliseconds(Math.Max(20, _o.StableMilliseconds / 2))
            : TimeSpan.FromSeconds(_o.ScanIntervalSeconds);
        if (untilHeartbeat is { } h && h < wait) wait = h < TimeSpan.Zero ? TimeSpan.Zero : h;
        await _wake.WaitAsync(wait, stopping);
        while (_wake.CurrentCount > 0) _wake.Wait(0); // events come in bursts; one pass handles them all
    }

    /// <summary>Runs one step of a pass; a failure is logged with what, which file and why, and the pass counts as failed.</summary>
    private bool Step(string what, string path, Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("{Step} failed ({Path}): {Reason}; trying again in {Delay}", what, path, ex.Message, _backoff.Next);
            return false;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            logger.LogError(ex, "{Step} failed ({Path}): {Reason}; trying again in {Delay}", what, path, ex.Message, _backoff.Next);
            return false;
        }
    }

    private Outcome Process(InboxClaims claims, string claimed, IRuleLibrary library, CancellationToken stopping)
    {
        var name = Path.GetFileName(claimed);
        var info = new FileInfo(claimed);
        // Links are never followed (a link may point anywhere); a 0-byte entry is never opened (a FIFO would block).
        if (info.Attributes.HasFlag(FileAttributes.ReparsePoint))
            return Fail(claims, claimed, [Problem(NotAssessableCode, name, $"a symbolic link (to '{info.LinkTarget}'); links are not followed: put the file itself into the inbox")]);
        if (info.Length == 0)
            return Fail(claims, claimed, [Problem(NotAssessableCode, name, "the file is empty (0 bytes), or is not a regular file (a FIFO, socket or device)")]);
        var seen = (info.Length, info.LastWriteTimeUtc);
        AssessmentOutcome outcome;
        try
        {
            var request = new AssessmentRequest([claimed], AsOfDate.FromName(name), [], RunId(name, Sha256(claimed), library),
                Engine: _o.EngineKind, CSharpRules: _o.CSharpRules, Lenient: _o.Lenient,
                UnitsFile: string.IsNullOrWhiteSpace(_o.Units) ? null : _o.Units);
            outcome = services.Assessor.Assess(library, request, null, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw; // stopped mid-file: the input goes back into the inbox and is assessed again on start
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Assessing {File} failed", name);
            return Fail(claims, claimed, [Problem(AssessmentFailedCode, name, $"the assessment failed: {ex.Message}")]);
        }

        info.Refresh();
        if (!info.Exists || (info.Length, info.LastWriteTimeUtc) != seen)
        {
            logger.LogWarning("{File} changed while it was assessed (still being written?); it goes back to the inbox and is taken again once it stops changing", name);
            if (info.Exists) claims.Release(claimed);
            return Outcome.Deferred;
        }
        if (!outcome.Succeeded)
            return Fail(claims, claimed, outcome.Diagnostics.Count > 0 ? outcome.Diagnostics : [Problem(AssessmentFailedCode, name, "the assessment gave no report")]);

        try
        {
            // Reports are named after the claimed name, which no other input has: a redo after a kill replaces them.
            // The report and the decision log name the input where it ends up, not the passing claim folder.
            var final = Path.Combine(_o.ProcessedDirectory, name);
            var report = outcome.Report! with
            {
                Run = outcome.Report!.Run with { Inputs = [.. outcome.Report!.Run.Inputs.Select(i => i.File == claimed ? i with { File = final } : i)] },
            };
            var written = RunOutput.Write(report, _o.Out, Path.GetFileNameWithoutExtension(name), _o.ReportFormats, _o.DecisionLogPath);
            var moved = FileMover.Move(claimed, final);
            Interlocked.Increment(ref _processed);
            logger.LogInformation("Assessed {File}: {SubjectCount} subject(s), {ReportCount} report(s); input moved to {Target}",
                name, report.Subjects.Count, written.Count, moved);
            foreach (var w in outcome.Diagnostics.Where(d => !d.IsError)) logger.LogWarning("Data warning {Diagnostic}", w.ToString());
            if (report.Run.DataProblems.Count > 0)
                logger.LogWarning("Read {File} leniently: {DataProblems}", name, DataProblem.Summary(report.Run.DataProblems));
            return Outcome.Processed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return OutputFault(claims, claimed, ex);
        }
    }

    private Outcome Fail(InboxClaims claims, string claimed, IReadOnlyList<Diagnostic> problems)
    {
        var name = Path.GetFileName(claimed);
        try
        {
            var target = Path.Combine(_o.FailedDirectory, FileMover.FreeName(name, _o.FailedDirectory));
            var text = new StringBuilder()
                .AppendLine($"{name} was not assessed ({time.GetUtcNow():u}):")
                .AppendJoin(Environment.NewLine, problems.OrderBy(d => d.Severity).ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column)
                    .Select(d => (d.Location.File == claimed ? d with { Location = d.Location with { File = target } } : d).ToString()))
                .AppendLine().ToString();
            // The reason is written first: a kill between the two steps leaves a reason that the redo overwrites, never an input without one.
            AtomicFile.WriteText(target + ".error.txt", w => w.Write(text));
            var moved = FileMover.Move(claimed, target);
            if (moved != target) File.Move(target + ".error.txt", moved + ".error.txt", overwrite: true);
            Interlocked.Increment(ref _failed);
            logger.LogWarning("Rejected {File} with {ErrorCount} error(s); moved to {Target}", name, problems.Count(d => d.IsError), moved);
            return Outcome.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return OutputFault(claims, claimed, ex);
        }
    }

    /// <summary>The output (reports, decision log, processed/ or failed/) cannot be written: the input goes back into the inbox, nothing half-written stays.</summary>
    private Outcome OutputFault(InboxClaims claims, string claimed, Exception ex)
    {
        var name = Path.GetFileName(claimed);
        string where;
        try
        {
            where = "it goes back to the inbox as " + Path.GetFileName(claims.Release(claimed));
        }
        catch (Exception again) when (again is IOException or UnauthorizedAccessException)
        {
            where = "it stays in " + claims.Folder;
        }
        logger.LogError("Writing the output of {File} failed: {Reason}; {Where} and is tried again in {Delay}", name, ex.Message, where, _backoff.Next);
        return Outcome.OutputFault;
    }

    private void Heartbeat(RuleLibraryHolder rules, InboxScanner scanner) =>
        logger.LogInformation("Heartbeat: {Processed} processed, {Failed} failed since start; {Waiting} file(s) in the inbox; rules loaded {LoadedAt:u} ({RuleSetCount} rule set version(s)){ReloadFailure}",
            Volatile.Read(ref _processed), Volatile.Read(ref _failed), scanner.Present,
            rules.LoadedAt, rules.Current?.RuleSets.Count ?? 0,
            rules.FailedAt is { } f ? $", last reload failed {f:u}" : "");

    private static Diagnostic Problem(string code, string name, string message) => Diagnostic.Error(code, message, SourceLocation.None(name));

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
