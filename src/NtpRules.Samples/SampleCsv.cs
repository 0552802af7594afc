using System.Globalization;
using System.Text;
using CsvHelper;
using NtpRules.Language.Catalogue;

namespace NtpRules.Samples;

/// <summary>Writes sample rows as UTF-8 CSV: id, name, parent-id columns, then the subject's catalogue keys in catalogue order.</summary>
internal static class SampleCsv
{
    public static void Write(string path, IndicatorCatalogue catalogue, string subject, IReadOnlyList<string> parentColumns,
        IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var keys = catalogue.IndicatorsOf(subject).Select(i => i.Key).ToArray();
        var header = new[] { "id", "name" }.Concat(parentColumns).Concat(keys).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var h in header) csv.WriteField(h);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var h in header) csv.WriteField(Format(row.GetValueOrDefault(h)));
            csv.NextRecord();
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => (d == 0 ? 0 : d).ToString("0.##", CultureInfo.InvariantCulture),   // no "-0"
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
