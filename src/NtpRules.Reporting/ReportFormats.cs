namespace NtpRules.Reporting;

[Flags]
public enum ReportFormats
{
    None = 0,
    Json = 1,
    Markdown = 2,
    Html = 4,
    Csv = 8,
    All = Json | Markdown | Html | Csv,
}

public static class ReportFormatsText
{
    /// <summary>Parses a list such as "json,md,html,csv"; <paramref name="unknown"/> names the first word not understood.</summary>
    public static bool TryParse(IEnumerable<string> words, out ReportFormats formats, out string? unknown)
    {
        formats = ReportFormats.None;
        unknown = null;
        foreach (var word in words.SelectMany(w => w.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var f = word.ToLowerInvariant() switch
            {
                "json" => ReportFormats.Json,
                "md" or "markdown" => ReportFormats.Markdown,
                "html" => ReportFormats.Html,
                "csv" => ReportFormats.Csv,
                "all" => ReportFormats.All,
                _ => ReportFormats.None,
            };
            if (f == ReportFormats.None) { unknown = word; return false; }
            formats |= f;
        }
        return true;
    }
}
