using System.Globalization;
using System.Text;

namespace NtpRules.Language.Catalogue;

/// <summary>
/// How a data column's header names an indicator: by its key, its Vietnamese title (the catalogue description without
/// the closing citation) or an alias the catalogue declares. Headers typed by hand or exported from spreadsheets differ
/// in case, spacing, Unicode form (composed or not) and sometimes lose their diacritics; <see cref="Fold"/> sets all
/// of those aside.
/// </summary>
public static class ColumnNames
{
    /// <summary>Every name an indicator answers to: key, Vietnamese title, full Vietnamese description, aliases.</summary>
    public static IEnumerable<string> NamesOf(CatalogueIndicator indicator)
    {
        yield return indicator.Key;
        if (indicator.Title is { } title) yield return title;
        if (indicator.Description.Vi is { } vi && vi != indicator.Title) yield return vi;
        foreach (var alias in indicator.Aliases ?? []) yield return alias;
    }

    /// <summary>
    /// The Vietnamese description without a closing "(QĐ 318, chỉ tiêu 2.1)": the part a spreadsheet header carries.
    /// </summary>
    public static string? Title(string? vietnamese)
    {
        if (string.IsNullOrWhiteSpace(vietnamese)) return null;
        var t = vietnamese.Trim();
        if (t.EndsWith(')'))
        {
            var open = t.LastIndexOf('(');
            if (open > 0) t = t[..open].TrimEnd();
        }
        return t.Length == 0 ? null : t;
    }

    /// <summary>
    /// The name compared: composed Unicode, lower case, diacritics removed (đ as d), underscores, dashes and runs of
    /// white space as one space, no leading or trailing space or colon.
    /// </summary>
    public static string Fold(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(ch) || ch is '_' or '-' or '–')
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(ch switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(ch) });
        }
        while (sb.Length > 0 && sb[^1] is ':' or '*' or ' ') sb.Length--;
        return sb.ToString();
    }
}
