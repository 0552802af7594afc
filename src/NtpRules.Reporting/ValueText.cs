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

    public static string Number(double? d)
    {
        if (d is not { } v) return "–";
        Span<char> text = stackalloc char[MaxNumberLength];
        return new string(text[..Number(v, text)]);
    }

    /// <summary>The most characters <see cref="Number(double, Span{char})"/> writes.</summary>
    public const int MaxNumberLength = 352;

    /// <summary>
    /// <paramref name="d"/> as <see cref="Number(double?)"/> shows it, written into <paramref name="text"/> (at least
    /// <see cref="MaxNumberLength"/> long), without a string: the length written. A report shows a number or two per
    /// indicator of every subject.
    /// </summary>
    public static int Number(double d, Span<char> text)
    {
        // Rounded to hundredths and read as "0.##" formats it, written from its hundredths directly (the custom format
        // is parsed on every call); zero (which may be negative), and numbers too large for their hundredths to be
        // exact, go through the format.
        var x = Math.Round(d, 2);
        int n;
        if (!(Math.Abs(x) < 1e13) || x == 0)
        {
            x.TryFormat(text, out n, "0.##", CultureInfo.InvariantCulture);
            return n;
        }
        var hundredths = (long)Math.Round(Math.Abs(x) * 100);
        var (whole, fraction) = Math.DivRem(hundredths, 100);
        n = 0;
        if (x < 0) text[n++] = '-';
        whole.TryFormat(text[n..], out var digits, default, CultureInfo.InvariantCulture);
        n += digits;
        if (fraction != 0)
        {
            text[n++] = '.';
            text[n++] = (char)('0' + fraction / 10);
            if (fraction % 10 != 0) text[n++] = (char)('0' + fraction % 10);
        }
        return n;
    }
}
