namespace NtpRules.Cli.Worker;

/// <summary>Moves inputs without ever overwriting: a name already taken gets a suffix (communes.csv → communes-1.csv).</summary>
internal static class FileMover
{
    /// <summary>
    /// A file name like <paramref name="fileName"/> that no file in any of <paramref name="folders"/> uses yet, checked in
    /// the order given (a file that moves from an earlier folder to a later one is seen in one of them).
    /// </summary>
    public static string FreeName(string fileName, params IReadOnlyList<string> folders)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var ext = Path.GetExtension(fileName);
        var candidate = fileName;
        for (var i = 1; folders.Any(f => Path.Exists(Path.Combine(f, candidate))); i++)
            candidate = $"{stem}-{i}{ext}";
        return candidate;
    }

    /// <summary>
    /// Moves <paramref name="source"/> to <paramref name="target"/>, or to the next free name if that one was taken
    /// meanwhile; returns where it went. The target folder is made when missing, unless <paramref name="createFolder"/> is false.
    /// </summary>
    public static string Move(string source, string target, bool createFolder = true)
    {
        var folder = Path.GetDirectoryName(target)!;
        if (createFolder) Directory.CreateDirectory(folder);
        while (true)
        {
            try
            {
                File.Move(source, target, overwrite: false);
                return target;
            }
            catch (IOException) when (Path.Exists(target) && Path.Exists(source))
            {
                target = Path.Combine(folder, FreeName(Path.GetFileName(target), folder));
            }
        }
    }
}
