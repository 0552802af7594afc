using NtpRules.Assessment.Results;
using NtpRules.Cli.DecisionLog;
using NtpRules.Reporting;

namespace NtpRules.Cli.Pipeline;

/// <summary>
/// Writes what a completed run leaves behind, all or nothing: the report set and the decision-log entry. The log is
/// opened first, so that a damaged log stops the run before any report is written; the reports are written as one set;
/// when appending to the log then fails, the reports just written are removed again. Every failure is an
/// <see cref="IOException"/> whose message names the file or folder and says why. Runs into the same folder take
/// turns (<see cref="OutputFolderLock"/>), so the set found there, with its log entry, is always one run's.
/// </summary>
internal static class RunOutput
{
    public static IReadOnlyList<string> Write(AssessmentReport report, string folder, string baseName, ReportFormats formats, string logPath,
        Action? waiting = null)
    {
        using var log = Clear(() => new DecisionLogStore(logPath), $"cannot open the decision log '{logPath}'");
        using var turn = Clear(() => OutputFolderLock.Acquire(folder, waiting: waiting), $"cannot write the reports to '{folder}'");
        var written = Clear(() => ReportWriter.WriteAll(report, folder, baseName, formats), $"cannot write the reports to '{folder}'");
        try
        {
            log.Append(report);
        }
        catch
        {
            foreach (var path in written) AtomicFile.TryDelete(path);
            throw;
        }
        return written;
    }

    private static T Clear<T>(Func<T> step, string what)
    {
        try
        {
            return step();
        }
        catch (Exception ex) when (ex is (IOException and not DecisionLogException) or UnauthorizedAccessException)
        {
            throw new IOException($"{what}: {ex.Message}", ex);
        }
    }
}
