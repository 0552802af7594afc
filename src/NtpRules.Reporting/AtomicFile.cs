namespace NtpRules.Reporting;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one, never a part:
/// the content goes to a temporary file in the same folder (same volume), is flushed to disk, then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>The suffix of temporary files; watchers and cleaners skip names ending with it.</summary>
    public const string TempSuffix = ".tmp";

    public static void Write(string path, Action<Stream> write)
    {
        using var pending = Create(path);
        write(pending.Stream);
        pending.Commit();
    }

    /// <summary>Starts writing <paramref name="path"/> for a writer that fills it over time (a report streamed
    /// subject by subject): nothing shows under the final name until <see cref="Pending.Commit"/>.</summary>
    public static Pending Create(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TempSuffix}");
        return new Pending(full, temp, new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
    }

    /// <summary>A file being written to a temporary beside its target: <see cref="Commit"/> flushes it to disk and
    /// renames it over the target; disposing it uncommitted deletes the temporary.</summary>
    public sealed class Pending(string path, string temp, FileStream stream) : IDisposable
    {
        private bool _done;

        public string Path { get; } = path;
        public Stream Stream => stream;

        public void Commit()
        {
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            File.Move(temp, Path, overwrite: true);
            _done = true;
        }

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            stream.Dispose();
            TryDelete(temp);
        }
    }

    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            write(w);
        });

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
