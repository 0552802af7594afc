namespace NtpRules.RuleSets.Tests;

/// <summary>Folders of the repository the tests run in (found by walking up to NtpRules.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();
    public static string Rules => Path.Combine(Root, "rules");
    public static string Samples => Path.Combine(Root, "samples");

    private static readonly Lazy<NtpRules.Language.Library.RuleLibrary> SharedLibrary = new(() => NtpRules.Language.Library.RuleLibrary.LoadDirectory(Rules));

    /// <summary>The rules folder, loaded once for all tests (it is read-only).</summary>
    public static NtpRules.Language.Library.RuleLibrary Library => SharedLibrary.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NtpRules.sln"))) return dir.FullName;
        throw new InvalidOperationException("NtpRules.sln not found above " + AppContext.BaseDirectory);
    }
}
