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

    public static string Number(double? d) => d is { } v ? Number(Math.Round(v, 2)) : "–";

    /// <summary>
    /// <paramref name="x"/> (rounded to hundredths) as "0.##" formats it, written from its hundredths directly for the
    /// numbers reports show (the custom format is parsed on every call); zero (which may be negative), and numbers too
    /// large for their hundredths to be exact, go through the format.
    /// </summary>
    private static string Number(double x)
    {
        if (!(Math.Abs(x) < 1e13) || x == 0) return x.ToString("0.##", CultureInfo.InvariantCulture);
        var hundredths = (long)Math.Round(Math.Abs(x) * 100);
        var (whole, fraction) = Math.DivRem(hundredths, 100);
        Span<char> text = stackalloc char[24];
        var n = 0;
        if (x < 0) text[n++] = '-';
        whole.TryFormat(text[n..], out var digits, default, CultureInfo.InvariantCulture);
        n += digits;
        if (fraction != 0)
        {
            text[n++] = '.';
            text[n++] = (char)('0' + fraction / 10);
            if (fraction % 10 != 0) text[n++] = (char)('0' + fraction % 10);
        }
        return new string(text[..n]);
    }
}
