namespace NtpRules.Language.Tests;

internal static class TestPaths
{
    public static string Rules => Path.Combine(AppContext.BaseDirectory, "TestRules");
    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "Corpus");

    /// <summary>The repository's own rules/ folder (found above the test binaries, beside NtpRules.sln).</summary>
    public static string RepositoryRules
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NtpRules.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("NtpRules.sln not found above the tests"), "rules");
        }
    }
}
