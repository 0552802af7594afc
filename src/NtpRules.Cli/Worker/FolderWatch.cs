using Microsoft.Extensions.Logging;

namespace NtpRules.Cli.Worker;

/// <summary>
/// A FileSystemWatcher over a folder that may come and go: there while the folder exists, dropped when the folder
/// vanishes or the watcher fails, made again when the folder is back. Events only wake the worker early; the periodic
/// scan does not depend on them.
/// </summary>
internal sealed class FolderWatch(string folder, bool subfolders, Action changed, ILogger logger) : IDisposable
{
    private FileSystemWatcher? _watcher;
    private volatile bool _failed;

    /// <summary>Makes the watcher agree with the folder: call once per pass.</summary>
    public void Refresh()
    {
        var exists = Directory.Exists(folder);
        if (_watcher is not null && (!exists || _failed))
        {
            _watcher.Dispose();
            _watcher = null;
        }
        if (_watcher is not null || !exists) return;
        try
        {
            _failed = false;
            _watcher = Create();
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            logger.LogDebug("Could not watch {Folder} ({Reason}); the periodic scan continues", folder, ex.Message);
        }
    }

    private FileSystemWatcher Create()
    {
        var w = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = subfolders,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        try
        {
            w.Created += (_, _) => changed();
            w.Changed += (_, _) => changed();
            w.Deleted += (_, _) => changed();
            w.Renamed += (_, _) => changed();
            w.Error += (_, e) =>
            {
                _failed = true;
                logger.LogWarning("File watcher on {Folder} failed ({Reason}); it is made again, and the periodic scan continues", folder, e.GetException().Message);
                changed();
            };
            w.EnableRaisingEvents = true;
            return w;
        }
        catch
        {
            w.Dispose();
            throw;
        }
    }

    public void Dispose() => _watcher?.Dispose();
}
