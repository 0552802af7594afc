using NtpRules.Language.Library;

namespace NtpRules.Assessment.Tests;

/// <summary>The repository's committed rules and samples, and the rule library loaded once for all tests.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<RuleLibrary> Loaded = new(() => RuleLibrary.LoadDirectory(Rules));
    private static readonly Lazy<Assessor> SharedAssessor = new(() => new Assessor(Library));

    public static string Root { get; } = FindRoot();
    public static string Rules => Path.Combine(Root, "rules");
    public static string Sample(string name) => Path.Combine(Root, "samples", name);
    public static RuleLibrary Library => Loaded.Value;
    public static Assessor Assessor => SharedAssessor.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NtpRules.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (NtpRules.sln) above " + AppContext.BaseDirectory);
    }
}
