namespace NtpRules.Cli.Worker;

/// <summary>
/// Decides which inbox files are complete: a file is ready once its size and time stamp have stayed the same for the
/// stable period. Temporary and partial names (*.tmp, *.part, *.partial, *.crdownload, ~*, .*) are never picked.
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

    /// <summary>The complete files, oldest first.</summary>
    public IReadOnlyList<string> Ready()
    {
        var now = time.GetUtcNow();
        var ready = new List<(string Path, DateTime Written)>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        HasPending = false;
        if (!Directory.Exists(inbox)) return [];
        foreach (var path in Directory.EnumerateFiles(inbox))
        {
            if (IsIgnored(Path.GetFileName(path))) continue;
            var info = new FileInfo(path);
            if (!info.Exists) continue;
            present.Add(path);
            var state = (info.Length, info.LastWriteTimeUtc);
            if (!_seen.TryGetValue(path, out var s) || (s.Size, s.Written) != state)
            {
                _seen[path] = (info.Length, info.LastWriteTimeUtc, now);
                if (stableFor > TimeSpan.Zero) { HasPending = true; continue; }
                s = _seen[path];
            }
            if (now - s.Since >= stableFor) ready.Add((path, info.LastWriteTimeUtc));
            else HasPending = true;
        }
        foreach (var gone in _seen.Keys.Where(k => !present.Contains(k)).ToList()) _seen.Remove(gone);
        return ready.OrderBy(r => r.Written).ThenBy(r => r.Path, StringComparer.Ordinal).Select(r => r.Path).ToList();
    }

    public void Forget(string path) => _seen.Remove(path);
}
