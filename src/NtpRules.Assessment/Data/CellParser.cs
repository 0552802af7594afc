using System.Globalization;

namespace NtpRules.Assessment.Data;

/// <summary>Turns the text of one cell into a typed value for its catalogue column. Empty text is missing, never zero.</summary>
internal static class CellParser
{
    /// <summary>What provincial spreadsheets write for "no figure": read as missing (unknown), like an empty cell.</summary>
    public static readonly string[] MissingMarkers = ["-", "–", "N/A", "không có số liệu"];

    public static bool IsMissing(string? text)
    {
        var t = text.AsSpan().Trim();
        if (t.IsEmpty) return true;
        if (t.Length > 16) return false; // longer than any marker: skip the comparisons on the hot path
        foreach (var m in MissingMarkers)
            if (t.Equals(m, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Parses <paramref name="text"/>; on failure returns false with a message naming what was expected.</summary>
    public static bool TryParse(IndicatorColumn column, string text, out object? value, out string code, out string problem)
    {
        var t = text.Trim();
        value = null;
        code = DataCodes.WrongType;
        problem = "";
        switch (column.Type)
        {
            case ColumnType.Number:
                // "41,6 %" in a percentage column: spreadsheets show percentages with their sign.
                if (column.Unit == "%" && t.EndsWith('%')) t = t[..^1].TrimEnd();
                if ((!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !TryDecimalComma(t, out d)) || !double.IsFinite(d))
                {
                    problem = t.Contains(',') ? "is not a number (use '.' or a single ',' as the decimal point)" : "is not a number";
                    return false;
                }
                value = Boxed.Of(d);
                return InRange(column, d, ref code, ref problem);
            case ColumnType.Integer:
                if (!long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
                {
                    problem = "is not a whole number";
                    return false;
                }
                value = Boxed.Of(l);
                return InRange(column, l, ref code, ref problem);
            case ColumnType.Boolean:
                switch (t.ToLowerInvariant())
                {
                    case "true" or "yes" or "1" or "có" or "x": value = Boxed.Of(true); return true;
                    case "false" or "no" or "0" or "không": value = Boxed.Of(false); return true;
                    default: problem = "is not a boolean (true/false)"; return false;
                }
            case ColumnType.Date:
                if (!DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    problem = "is not a date (yyyy-MM-dd)";
                    return false;
                }
                value = date;
                return true;
            case ColumnType.Enum:
                var allowed = column.Values ?? Array.Empty<string>();
                if (!allowed.Contains(t, StringComparer.Ordinal))
                {
                    code = DataCodes.NotAllowedValue;
                    problem = $"is not one of {string.Join(", ", allowed)}";
                    return false;
                }
                value = t;
                return true;
            default:
                value = text;
                return true;
        }
    }

    /// <summary>
    /// A Vietnamese-locale decimal such as <c>41,6</c>: one comma, no dot, digits on both sides (spreadsheets exported
    /// with the vi-VN locale write the decimal point as a comma; a thousands separator would be a dot there).
    /// </summary>
    private static bool TryDecimalComma(string t, out double value)
    {
        value = 0;
        var comma = t.IndexOf(',');
        if (comma <= 0 || comma == t.Length - 1 || t.IndexOf(',', comma + 1) >= 0 || t.Contains('.')) return false;
        return double.TryParse(t.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool InRange(IndicatorColumn column, double v, ref string code, ref string problem)
    {
        if ((column.Min is { } min && v < min) || (column.Max is { } max && v > max))
        {
            code = DataCodes.OutOfRange;
            problem = $"is outside the allowed range [{Bound(column.Min)}, {Bound(column.Max)}]";
            return false;
        }
        return true;
    }

    private static string Bound(double? b) => b?.ToString(CultureInfo.InvariantCulture) ?? "…";
}
