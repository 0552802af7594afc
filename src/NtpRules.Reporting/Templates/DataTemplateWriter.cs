using System.Text;
using NtpRules.Assessment.Data.Spreadsheets;
using NtpRules.Assessment.Templates;

namespace NtpRules.Reporting.Templates;

/// <summary>
/// Writes a <see cref="DataTemplate"/> as a CSV header and as an .xlsx workbook whose first sheet is the header row
/// (fill it in and it reads as data) and whose second sheet describes each column in Vietnamese and English. Both files
/// appear together or not at all.
/// </summary>
public static class DataTemplateWriter
{
    public const string DescriptionSheet = "Mô tả cột - Columns";

    private static readonly string[] DescriptionHeader =
        ["Cột / Column", "Tên tiếng Việt", "English name", "Đơn vị / Unit", "Kiểu / Type", "Giá trị cho phép / Allowed values", "Dùng cho / Feeds"];

    /// <summary>Writes &lt;name&gt;.csv and &lt;name&gt;.xlsx into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(DataTemplate template, string folder)
    {
        Directory.CreateDirectory(folder);
        var keys = template.Columns.Select(c => c.Key).ToArray();
        using var set = new AtomicFileSet();
        // With a BOM: spreadsheet programs then open the Vietnamese text filled in as UTF-8.
        set.Add(Path.Combine(folder, template.FileName + ".csv"), s =>
        {
            var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join(",", keys) + "\r\n")).ToArray();
            s.Write(bytes);
        });
        set.Add(Path.Combine(folder, template.FileName + ".xlsx"), s => XlsxWriter.Write(s, Sheets(template, keys)));
        return set.Commit().Select(Path.GetFullPath).ToArray();
    }

    public static IReadOnlyList<XlsxSheet> Sheets(DataTemplate template, IReadOnlyList<string> keys)
    {
        var data = new XlsxSheet($"{template.Kind}s", [keys.Cast<object?>().ToArray()], keys.Select(k => Math.Clamp(k.Length + 2.0, 10, 40)).ToArray());
        var rows = new List<IReadOnlyList<object?>> { DescriptionHeader };
        rows.AddRange(template.Columns.Select(c => (IReadOnlyList<object?>)[c.Key, c.Vietnamese, c.English, c.Unit, c.Type, c.Allowed, c.Feeds]));
        rows.Add([]);
        rows.Add([$"Standard {template.Standard}: rule set {template.RuleSet.Id} {template.RuleSet.Version}, in force on {template.AsOf:yyyy-MM-dd} ({template.RuleSet.Source})"]);
        if (template.Computed.Count > 0)
            rows.Add([$"Computed from other records, not columns here (tính từ dữ liệu khác): {string.Join(", ", template.Computed)}"]);
        rows.Add(["Headers may also be the Vietnamese names above or the aliases of the catalogue (tên cột có thể là tên tiếng Việt)."]);
        var description = new XlsxSheet(DescriptionSheet, rows, [30, 60, 60, 18, 10, 40, 80]);
        return [data, description];
    }
}
