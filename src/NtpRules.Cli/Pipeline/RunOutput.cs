using NtpRules.Assessment;
using NtpRules.Assessment.Results;
using NtpRules.Cli.Console;
using NtpRules.Cli.DecisionLog;
using NtpRules.Reporting;

namespace NtpRules.Cli.Pipeline;

/// <summary>
/// Writes what a completed run leaves behind, all or nothing: the report set and the decision-log entry, through the
/// same steps as a run written while it runs (<see cref="StreamedRunOutput"/>). Every failure is an
/// <see cref="IOException"/> whose message names the file or folder and says why.
/// </summary>
internal static class RunOutput
{
    public static IReadOnlyList<string> Write(AssessmentReport report, string folder, string baseName, ReportFormats formats, string logPath)
    {
        using var output = new StreamedRunOutput(folder, _ => baseName, formats, logPath);
        output.Begin(report.Run);
        foreach (var subject in report.Subjects) output.Add(subject);
        return output.Complete(report);
    }

    internal static T Clear<T>(Func<T> step, string what)
    {
        try
        {
            return step();
        }
        catch (Exception ex) when (IsWriteFailure(ex))
        {
            throw Failure(ex, what);
        }
    }

    internal static bool IsWriteFailure(Exception ex) => ex is (IOException and not DecisionLogException) or UnauthorizedAccessException;

    internal static IOException Failure(Exception ex, string what) => new($"{what}: {ex.Message}", ex);
}

/// <summary>
/// The output of a run written while it runs (<c>ntp assess</c>), all or nothing: the log is opened first, so that a
/// damaged log stops the run before any report is written, and the folder taken, so that runs into the same folder
/// take turns (<see cref="OutputFolderLock"/>) and the set found there, with its log entry, is always one run's. Each
/// subject goes to the reports as it is assessed, its decisions are staged in the log (unseen until the entry is
/// committed) and only the summary's counts are kept, so neither a country's report nor its verdicts are held whole.
/// <see cref="Complete"/> puts the reports in place and commits the log entry; when that fails, the reports just put
/// in place are removed again; disposed before, nothing is left. Each format and the log's staging are written on
/// threads of their own (<see cref="ReportStream"/>), unless <c>concurrent</c> is false.
/// </summary>
internal sealed class StreamedRunOutput(string folder, Func<RunInfo, string> baseName, ReportFormats formats, string logPath, Action? waiting = null,
    bool concurrent = true, int subjectsWaiting = ReportStream.DefaultSubjectsWaiting)
    : ISubjectSink, IDisposable
{
    private DecisionLogStore? _log;
    private IDisposable? _turn;
    private ReportStream? _stream;
    private string _runId = "";
    private readonly List<DecisionRow> _decisions = new();
    private readonly SummaryTotals _totals = new();
    private readonly string _cannotWrite = $"cannot write the reports to '{folder}'";

    public void Begin(RunInfo run)
    {
        _log = RunOutput.Clear(() => new DecisionLogStore(logPath), $"cannot open the decision log '{logPath}'");
        _turn = RunOutput.Clear(() => OutputFolderLock.Acquire(folder, waiting: waiting), _cannotWrite);
        _stream = RunOutput.Clear(() => new ReportStream(run, folder, baseName(run), formats, concurrent, subjectsWaiting), _cannotWrite);
        _stream.Attach("decisions", AddDecisions); // the log's rows are staged beside the reports, on a thread of their own
        _runId = run.RunId;
    }

    public void Add(SubjectResult subject)
    {
        // Not through RunOutput.Clear: a closure per subject is a country's worth of garbage.
        try
        {
            _stream!.Add(subject);
        }
        catch (Exception ex) when (RunOutput.IsWriteFailure(ex))
        {
            throw RunOutput.Failure(ex, _cannotWrite);
        }
        _totals.Add(subject);
    }

    private void AddDecisions(SubjectResult subject)
    {
        _decisions.AddRange(DecisionRow.Of(subject));
        if (_decisions.Count >= DecisionLogStore.BatchSize) StageDecisions();
    }

    private void StageDecisions()
    {
        _log!.StageDecisions(_runId, _decisions);
        _decisions.Clear();
    }

    public void ProvinceDone(IReadOnlyList<Rollup> rollups) => RunOutput.Clear(() =>
    {
        _stream!.ProvinceDone(rollups);
        return 0;
    }, _cannotWrite);

    /// <summary>The summary's totals per standard over every subject added (<see cref="SummaryTable.Totals"/>).</summary>
    public IReadOnlyList<RollupStandard> Totals() => _totals.Build();

    /// <summary>Ends the reports with the roll-ups and targets, puts them in place and commits the log entry.</summary>
    public IReadOnlyList<string> Complete(AssessmentReport report)
    {
        var written = RunOutput.Clear(() => _stream!.Complete(report.Rollups, report.Targets), _cannotWrite);
        try
        {
            StageDecisions();
            _log!.CommitRun(report.Run);
        }
        catch
        {
            foreach (var path in written) AtomicFile.TryDelete(path);
            throw;
        }
        return written;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _turn?.Dispose();
        _log?.Dispose();
    }
}
