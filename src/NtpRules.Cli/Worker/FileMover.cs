namespace NtpRules.Cli.Worker;

/// <summary>Moves inputs without ever overwriting: a name already taken gets a suffix (communes.csv → communes-1.csv).</summary>
internal static class FileMover
{
    /// <summary>A path in <paramref name="folder"/> for <paramref name="fileName"/> that no file (nor its error file) uses yet.</summary>
    public static string FreeName(string folder, string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var ext = Path.GetExtension(fileName);
        var candidate = Path.Combine(folder, fileName);
        for (var i = 1; File.Exists(candidate) || File.Exists(candidate + ".error.txt"); i++)
            candidate = Path.Combine(folder, $"{stem}-{i}{ext}");
        return candidate;
    }

    /// <summary>Moves <paramref name="source"/> to <paramref name="target"/>, or to the next free name if that one was taken meanwhile; returns where it went.</summary>
    public static string Move(string source, string target)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        while (true)
        {
            try
            {
                File.Move(source, target, overwrite: false);
                return target;
            }
            catch (IOException) when (File.Exists(target) && File.Exists(source))
            {
                target = FreeName(folder, Path.GetFileName(target));
            }
        }
    }
}
