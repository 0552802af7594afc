namespace NtpRules.Cli.Worker;

/// <summary>
/// Decides which inbox files are complete: a file is ready once its size and time stamp have stayed the same for the
/// stable period. Temporary and partial names (*.tmp, *.part, *.partial, *.crdownload, ~*, .*) are never picked, nor
/// are folders. A missing inbox is not an error: <see cref="FolderMissing"/> says so and no file is ready.
/// </summary>
internal sealed class InboxScanner(string inbox, TimeSpan stableFor, TimeProvider time)
{
    private readonly Dictionary<string, (long Size, DateTime Written, DateTimeOffset Since)> _seen = new(StringComparer.Ordinal);

    public static bool IsIgnored(string fileName) =>
        fileName.StartsWith('.') || fileName.StartsWith('~')
        || fileName.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".partial", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".crdownload", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when some file was seen but is not yet stable, so the caller should look again soon.</summary>
    public bool HasPending { get; private set; }

    /// <summary>True when the inbox folder did not exist at the last look.</summary>
    public bool FolderMissing { get; private set; }

    /// <summary>The files (ignored names aside) present at the last look, ready or not.</summary>
    public int Present { get; private set; }

    /// <summary>The complete files, oldest first.</summary>
    public IReadOnlyList<string> Ready()
    {
        var now = time.GetUtcNow();
        var ready = new List<(string Path, DateTime Written)>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        HasPending = false;
        FolderMissing = false;
        List<FileInfo> entries;
        try
        {
            entries = new DirectoryInfo(inbox).EnumerateFiles().Where(f => !IsIgnored(f.Name)).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            FolderMissing = true;
            entries = [];
        }
        foreach (var info in entries)
        {
            (long, DateTime) state;
            try
            {
                state = (info.Length, info.LastWriteTimeUtc);
            }
            catch (FileNotFoundException)
            {
                continue; // gone since the listing
            }
            var path = info.FullName;
            present.Add(path);
            if (!_seen.TryGetValue(path, out var s) || (s.Size, s.Written) != state)
            {
                _seen[path] = (state.Item1, state.Item2, now);
                if (stableFor > TimeSpan.Zero) { HasPending = true; continue; }
                s = _seen[path];
            }
            if (now - s.Since >= stableFor) ready.Add((path, state.Item2));
            else HasPending = true;
        }
        Present = present.Count;
        foreach (var gone in _seen.Keys.Where(k => !present.Contains(k)).ToList()) _seen.Remove(gone);
        return ready.OrderBy(r => r.Written).ThenBy(r => r.Path, StringComparer.Ordinal).Select(r => r.Path).ToList();
    }

    public void Forget(string path) => _seen.Remove(path);
}
