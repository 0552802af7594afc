using NtpRules.Cli;
using NtpRules.Cli.Console;

namespace NtpRules.IntegrationTests;

/// <summary>The <c>ntp</c> command as shipped (CliApp.DefaultServices), and the small irrigation rules folder (Rules/) its tests run on.</summary>
internal static class ShippedCli
{
    public static readonly string Source = Path.Combine(AppContext.BaseDirectory, "Rules");

    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = CliApp.Run(args, CliApp.DefaultServices(), new Terminal(o, e, interactive: false));
        return (code, o.ToString(), e.ToString());
    }

    public static string Catalogue => File.ReadAllText(Path.Combine(Source, "catalogue.yaml"));
    public static string Irrigation2021 => File.ReadAllText(Path.Combine(Source, "irrigation-2021-2025.yaml"));

    /// <summary>Writes rules/catalogue/catalogue.yaml and rules/irrigation/2021-2025.yaml (irrigated share at least 80 %).</summary>
    public static void WriteRules(TempFolder tmp, string catalogue = "")
    {
        tmp.Write("rules/catalogue/catalogue.yaml", catalogue.Length > 0 ? catalogue : Catalogue);
        tmp.Write("rules/irrigation/2021-2025.yaml", Irrigation2021);
    }
}
