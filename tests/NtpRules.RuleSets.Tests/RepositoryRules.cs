using NtpRules.Language.Library;

namespace NtpRules.RuleSets.Tests;

/// <summary>The real rule library under the repository's <c>rules/</c> folder, loaded once for all tests.</summary>
internal static class RepositoryRules
{
    private static readonly Lazy<RuleLibrary> Loaded = new(() => RuleLibrary.LoadDirectory(Directory));

    public static string Root { get; } = FindRoot();
    public static string Directory => Path.Combine(Root, "rules");
    public static RuleLibrary Library => Loaded.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NtpRules.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (NtpRules.sln) above " + AppContext.BaseDirectory);
    }
}
