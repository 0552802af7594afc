namespace NtpRules.Language.Tests;

internal static class TestPaths
{
    public static string Rules => Path.Combine(AppContext.BaseDirectory, "TestRules");
    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "Corpus");
}
