using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NtpRules.Reporting;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one, never a part:
/// the content goes to a temporary file in the same folder (same volume), is flushed to disk, then renamed over the target.
/// Temporary names are <c>.&lt;name&gt;.&lt;process id&gt;-&lt;random&gt;.tmp</c>, so that the temporary files of a killed
/// process can be told from those of a live one and removed (<see cref="DeleteOrphanTemps"/>).
/// </summary>
public static partial class AtomicFile
{
    /// <summary>The suffix of temporary files; watchers and cleaners skip names ending with it.</summary>
    public const string TempSuffix = ".tmp";

    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var temp = WriteTemp(full, write);
        try
        {
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteText(string path, Action<TextWriter> write) => Write(path, Text(write));

    /// <summary>Adapts a text writer callback to the stream one: UTF-8 without BOM.</summary>
    public static Action<Stream> Text(Action<TextWriter> write) => s =>
    {
        using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        write(w);
    };

    /// <summary>Starts writing <paramref name="path"/> for a writer that fills it over time (a report streamed
    /// subject by subject): nothing shows under the final name until <see cref="Pending.Commit"/>.</summary>
    public static Pending Create(string path)
    {
        var full = Path.GetFullPath(path);
        var temp = TempFor(full);
        return new Pending(full, temp, new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
    }

    /// <summary>A new temporary name beside <paramref name="full"/> (its folder created), marked with this process's id.</summary>
    public static string TempFor(string full)
    {
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}-{Guid.NewGuid():N}{TempSuffix}");
    }

    /// <summary>A file being written to a temporary beside its target: <see cref="Commit"/> flushes it to disk and
    /// renames it over the target; disposing it uncommitted deletes the temporary.</summary>
    public sealed class Pending(string path, string temp, FileStream stream) : IDisposable
    {
        private bool _done;
        // Let go of once finished: a closed file stream still holds its buffer, and a site has a page per province.
        private FileStream? _stream = stream;

        public string Path { get; } = path;
        public Stream Stream => _stream ?? throw new ObjectDisposedException(Path, "the file is finished");

        public void Commit()
        {
            Finish();
            Promote();
        }

        /// <summary>Flushes the content to disk and closes it, still under its temporary name.</summary>
        public void Finish()
        {
            if (_stream is null) return;
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            _stream = null;
        }

        /// <summary>Renames the finished temporary over the target.</summary>
        public void Promote()
        {
            File.Move(temp, Path, overwrite: true);
            _done = true;
        }

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            _stream?.Dispose();
            _stream = null;
            TryDelete(temp);
        }
    }

    /// <summary>Writes the content to a new temporary file beside <paramref name="full"/>, flushed to disk; returns its path. Nothing is left on failure.</summary>
    internal static string WriteTemp(string full, Action<Stream> write)
    {
        var temp = TempFor(full);
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        return temp;
    }

    /// <summary>
    /// Deletes the temporary files in <paramref name="folder"/> left by processes that no longer run (killed mid-write);
    /// returns how many. Those of running processes are kept: they may be about to be renamed.
    /// </summary>
    public static int DeleteOrphanTemps(string folder)
    {
        if (!Directory.Exists(folder)) return 0;
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "." + "*" + TempSuffix))
        {
            var m = TempName().Match(Path.GetFileName(path));
            if (!m.Success || IsRunning(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))) continue;
            if (TryDelete(path)) deleted++;
        }
        return deleted;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>Deletes a file if it can; a file already gone counts as deleted.</summary>
    public static bool TryDelete(string path)
    {
        try { File.Delete(path); return true; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    [GeneratedRegex(@"^\..+\.(\d{1,10})-[0-9a-f]{32}\.tmp$")]
    private static partial Regex TempName();
}

/// <summary>
/// Several files written as one: each is staged to a temporary file, and only when all are staged are they renamed
/// into place. When anything fails, no file of the set remains — neither a temporary file nor one already renamed
/// (those are this set's own new files); the error is passed on.
/// </summary>
public sealed class AtomicFileSet : IDisposable
{
    private readonly List<(string Temp, string Target)> _staged = [];
    private bool _committed;

    public void Add(string path, Action<Stream> write)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        _staged.Add((AtomicFile.WriteTemp(Path.GetFullPath(path), write), path));
    }

    /// <summary>Renames every staged file into place; returns the target paths (as given) in the order they were added.</summary>
    public IReadOnlyList<string> Commit()
    {
        var done = new List<string>();
        try
        {
            foreach (var (temp, target) in _staged)
            {
                File.Move(temp, target, overwrite: true);
                done.Add(target);
            }
        }
        catch
        {
            foreach (var target in done) AtomicFile.TryDelete(target);
            throw;
        }
        finally
        {
            _committed = true;
            Discard();
        }
        return done;
    }

    /// <summary>Removes the temporary files not committed.</summary>
    public void Dispose() => Discard();

    private void Discard()
    {
        foreach (var (temp, _) in _staged) AtomicFile.TryDelete(temp);
        _staged.Clear();
    }
}
