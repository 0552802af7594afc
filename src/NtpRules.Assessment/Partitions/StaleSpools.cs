namespace NtpRules.Assessment.Partitions;

/// <summary>
/// Removes the spool files a run killed without clean-up (SIGKILL, power loss) left in a temporary folder. A spool is
/// deleted with its handle (<see cref="FileOptions.DeleteOnClose"/>), which a killed process never closes. A file is
/// stale when it is older than <see cref="MinimumAge"/> and can be opened exclusively: a running assessment holds its
/// spools open without sharing, so they are never taken, and the age keeps away from a spool being opened right now.
/// </summary>
internal static class StaleSpools
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);

    private static readonly string[] Patterns = ["ntp-provinces-*.spool", LeafEntrySpool.FilePrefix + "*.spool", Data.DeferredIdCheck.FilePrefix + "*.spool"];

    /// <summary>Deletes the stale spools in <paramref name="folder"/> (the system's temporary folder if null); returns how many.</summary>
    public static int Remove(string? folder, DateTime? now = null)
    {
        var directory = folder ?? Path.GetTempPath();
        var before = (now ?? DateTime.UtcNow) - MinimumAge;
        var removed = 0;
        try
        {
            foreach (var pattern in Patterns)
                foreach (var path in Directory.EnumerateFiles(directory, pattern))
                {
                    if (File.GetLastWriteTimeUtc(path) > before) continue;
                    try
                    {
                        // Held by a live run: the open fails. Otherwise the file goes when this handle closes.
                        using var _ = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                        removed++;
                    }
                    catch (IOException) { }
                    catch (UnauthorizedAccessException) { }
                }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return removed;
    }
}
