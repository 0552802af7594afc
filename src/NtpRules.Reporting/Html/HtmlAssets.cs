namespace NtpRules.Reporting.Html;

/// <summary>The stylesheet and script of the HTML report, kept as files beside this class and embedded in the assembly.</summary>
internal static class HtmlAssets
{
    public static string Css { get; } = Read("report.css");
    public static string Script { get; } = Read("report.js");

    private static string Read(string name)
    {
        using var stream = typeof(HtmlAssets).Assembly.GetManifestResourceStream($"NtpRules.Reporting.Html.{name}")
            ?? throw new InvalidOperationException($"the report asset {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
