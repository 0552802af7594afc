using System.Diagnostics;

namespace NtpRules.Reporting;

/// <summary>
/// Serialises the runs that write into one report folder, so that the set of reports found there always comes from
/// one run: each file is already whole (<see cref="AtomicFile"/>), and with this lock held from the first file to the
/// decision-log entry, two runs cannot interleave their renames. The lock is the system's advisory lock on
/// <see cref="FileName"/> in the folder (.NET's <see cref="FileShare.None"/>); the empty file is left in place, since
/// deleting a lock file while another process waits on it would let a third take a second lock.
/// </summary>
public sealed class OutputFolderLock : IDisposable
{
    /// <summary>The lock file's name: hidden, and the same for every writer of the folder (CLI and worker).</summary>
    public const string FileName = ".ntp-reports.lock";

    /// <summary>How long a run waits for another run's reports before it gives up.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly FileStream _file;

    private OutputFolderLock(FileStream file) => _file = file;

    /// <summary>
    /// Takes the folder's lock (creating the folder), waiting while another process holds it; <paramref name="waiting"/>
    /// is called once if it has to wait. Throws an <see cref="IOException"/> naming the folder after <paramref name="wait"/>.
    /// </summary>
    public static OutputFolderLock Acquire(string folder, TimeSpan? wait = null, Action? waiting = null)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var clock = Stopwatch.StartNew();
        var limit = wait ?? DefaultWait;
        var told = false;
        while (true)
        {
            try
            {
                return new OutputFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            // Held by another process: the file exists and only the lock failed. Any other IO error is the caller's.
            catch (IOException) when (File.Exists(path))
            {
                if (clock.Elapsed >= limit)
                    throw new IOException($"another run has been writing reports to '{folder}' for over {limit.TotalSeconds:0} s; try again when it ends, or choose another --out");
                if (!told) waiting?.Invoke();
                told = true;
                Thread.Sleep(Poll);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
