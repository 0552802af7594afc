using System.Globalization;

namespace NtpRules.Reporting;

/// <summary>How values read from data and thresholds are shown to people: invariant numbers, ISO dates, "unknown" for missing.</summary>
internal static class ValueText
{
    public static string Format(object? value) => value switch
    {
        null => "unknown",
        bool b => b ? "true" : "false",
        double d => Number(d),
        float f => Number(f),
        DateOnly date => Date(date),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(double? d) => d is { } v ? Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture) : "–";
}
