using System.Globalization;
using System.Text.RegularExpressions;

namespace NtpRules.Assessment.Data;

/// <summary>
/// The as-of date a data path's name implies: a full date (…-2024-06-30.csv), else the end of a year (lao-cai-2024);
/// a file whose own name has neither takes it from its folder's name (lao-cai-2024/communes.csv).
/// </summary>
public static partial class AsOfDate
{
    public static DateOnly? FromName(string path)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(path);
        return FromOwnName(Path.GetFileName(trimmed))
               ?? (Path.HasExtension(trimmed) && Path.GetDirectoryName(trimmed) is { Length: > 0 } folder ? FromOwnName(Path.GetFileName(folder)) : null);
    }

    private static DateOnly? FromOwnName(string name)
    {
        var full = FullDate().Match(name);
        if (full.Success && DateOnly.TryParseExact(full.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        var year = Year().Match(name);
        return year.Success ? new DateOnly(int.Parse(year.Value, CultureInfo.InvariantCulture), 12, 31) : null;
    }

    [GeneratedRegex(@"(?<!\d)20\d\d-\d\d-\d\d(?!\d)")]
    private static partial Regex FullDate();

    [GeneratedRegex(@"(?<!\d)20\d\d(?!\d)")]
    private static partial Regex Year();
}
