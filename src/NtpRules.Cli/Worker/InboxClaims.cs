namespace NtpRules.Cli.Worker;

/// <summary>
/// Claims inbox files for one worker by renaming them into the worker's own folder under the work folder
/// (work/&lt;id&gt;/), so that two workers on one inbox never take the same file: the rename succeeds for one of them
/// and finds the file gone for the other. A claimed file keeps a name that no other claimed or processed file has, and
/// its reports are named after it, so two inputs of the same name never write the same reports.
/// Each worker holds work/&lt;id&gt;.lock (an exclusive lock, released by the system when the process ends, even by a
/// kill); a folder whose lock is free belongs to a worker that no longer runs, and its files go back into the inbox.
/// </summary>
internal sealed class InboxClaims : IDisposable
{
    private const string LockSuffix = ".lock";
    private readonly string _work, _inbox, _processed;
    private readonly FileStream _lock;

    public InboxClaims(string work, string inbox, string processed)
    {
        (_work, _inbox, _processed) = (work, inbox, processed);
        Directory.CreateDirectory(work);
        for (var attempt = 1; ; attempt++)
        {
            var id = $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
            var lockPath = Path.Combine(work, id + LockSuffix);
            try
            {
                // The lock is taken before the folder exists, so no other worker ever sees this folder unlocked.
                _lock = new FileStream(lockPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 5)
            {
                continue;
            }
            if (!File.Exists(lockPath) && attempt < 5)
            {
                // Another worker took the new lock file for an orphan's in the instant between its creation and locking.
                _lock.Dispose();
                continue;
            }
            Folder = Path.Combine(work, id);
            Directory.CreateDirectory(Folder);
            return;
        }
    }

    /// <summary>This worker's folder of claimed files.</summary>
    public string Folder { get; }

    /// <summary>Renames an inbox file into this worker's folder; returns the claimed path, or null when the file is gone (another worker took it).</summary>
    public string? Claim(string inboxFile)
    {
        var others = Directory.EnumerateDirectories(_work).Where(d => d != Folder);
        // Other workers' folders are looked at before processed/: a file moving from one to the other is seen in either.
        var name = FileMover.FreeName(Path.GetFileName(inboxFile), [Folder, .. others, _processed]);
        var target = Path.Combine(Folder, name);
        Directory.CreateDirectory(Folder); // made again if removed by hand
        try
        {
            File.Move(inboxFile, target, overwrite: false);
            return target;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException) when (!Directory.Exists(_inbox))
        {
            return null; // the inbox went away since the scan
        }
    }

    /// <summary>Puts a claimed file back into the inbox (under a free name); returns where it went. A missing inbox is not made (it may be being renamed back).</summary>
    public string Release(string claimedFile) =>
        FileMover.Move(claimedFile, Path.Combine(_inbox, FileMover.FreeName(Path.GetFileName(claimedFile), _inbox)), createFolder: false);

    /// <summary>
    /// Puts back into the inbox the files claimed by workers that no longer run, and removes their folders; also this
    /// worker's own files left from a step that failed. Returns the files put back. Does nothing while the inbox is missing.
    /// </summary>
    public IReadOnlyList<string> ReleaseOrphans()
    {
        var released = new List<string>();
        if (!Directory.Exists(_inbox)) return released;
        if (Directory.Exists(Folder)) released.AddRange(Directory.EnumerateFiles(Folder).Select(Release));
        foreach (var lockFile in Directory.EnumerateFiles(_work, "*" + LockSuffix).Where(f => f != Folder + LockSuffix))
        {
            FileStream held;
            try
            {
                held = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // its worker runs (or another worker is cleaning it up right now)
            }
            using (held)
            {
                ReleaseFolder(lockFile[..^LockSuffix.Length], released);
                File.Delete(lockFile);
            }
        }
        // A folder without a lock file has no worker either (its lock file was removed by hand).
        foreach (var folder in Directory.EnumerateDirectories(_work).Where(d => d != Folder && !File.Exists(d + LockSuffix)))
            ReleaseFolder(folder, released);
        return released;
    }

    private void ReleaseFolder(string folder, List<string> released)
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                try { released.Add(Release(file)); }
                catch (FileNotFoundException) { } // another worker put it back first
            }
            Directory.Delete(folder);
        }
        catch (DirectoryNotFoundException) { } // gone already
    }

    /// <summary>Ends the claim: claimed files go back into the inbox (when it exists), the folder and lock are removed.</summary>
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_inbox))
                foreach (var f in Directory.EnumerateFiles(Folder)) Release(f);
            if (!Directory.EnumerateFileSystemEntries(Folder).Any())
            {
                Directory.Delete(Folder);
                File.Delete(Folder + LockSuffix);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left as it is: the lock is released below, and the next worker puts the files back.
        }
        finally
        {
            _lock.Dispose();
        }
    }
}
