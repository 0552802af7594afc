using NtpRules.Language.Library;

namespace NtpRules.Fuzzing;

/// <summary>The repository's rules and samples, where the seeds come from, and the rule library loaded once.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<RuleLibrary> Loaded = new(() => RuleLibrary.LoadDirectory(Rules));

    public static string Root { get; } = FindRoot();
    public static string Rules => Path.Combine(Root, "rules");
    public static string Samples => Path.Combine(Root, "samples");
    public static RuleLibrary Library => Loaded.Value;

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NtpRules.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (NtpRules.sln) above " + AppContext.BaseDirectory);
    }

    /// <summary>The files under <paramref name="folder"/> matching <paramref name="pattern"/>, in a stable order.</summary>
    public static string[] Files(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
}
