using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using System.IO.Compression;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Data.Spreadsheets;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Fuzzing;

/// <summary>
/// The CSV, JSON, YAML and .xlsx data readers, fed from memory with the real catalogue. Seeds: the first rows of every
/// sample CSV file, the same records written as JSON and YAML documents and as worksheets, and the malformed data files
/// of the tests.
/// </summary>
public static class DataTargets
{
    /// <summary>Rows taken from each sample file: enough for every column and a few values of each.</summary>
    private const int SeedRows = 5;

    public static IReadOnlyList<FuzzTarget> All(RecordCatalogue catalogue, string? malformedFolder = null) =>
        [Csv(catalogue, malformedFolder), Json(catalogue, malformedFolder), Yaml(catalogue, malformedFolder), Xlsx(catalogue)];

    public static FuzzTarget Csv(RecordCatalogue catalogue, string? malformedFolder = null) => new(
        "csv", ".csv",
        [.. SampleCsvFiles().Select(f => Encoding.UTF8.GetBytes(string.Join('\n', File.ReadLines(f).Take(SeedRows + 1)) + "\n")),
         .. Malformed(malformedFolder, "*.csv")],
        input => Read(input, "fuzz.csv", catalogue, csv: true),
        [",", ";", "\"", "\"\"", "id", "kind", "commune_id", "true", "1e3", "\n", "\r\n", ",,,,"]);

    public static FuzzTarget Json(RecordCatalogue catalogue, string? malformedFolder = null) => new(
        "json", ".json",
        [.. SampleRecords().Select((r, i) => Encoding.UTF8.GetBytes(ToJson(r.Kind, r.Rows, wrapped: i % 2 == 0))), .. Malformed(malformedFolder, "*.json")],
        input => Read(input, "fuzz.json", catalogue, csv: false),
        ["{", "}", "[", "]", ":", ",", "\"", "null", "true", "1e999", "\"records\":", "\"as_of\":", "\"kind\":", "\\u0000", "\\ud800"]);

    public static FuzzTarget Yaml(RecordCatalogue catalogue, string? malformedFolder = null) => new(
        "yaml", ".yaml",
        [.. SampleRecords().Select((r, i) => Encoding.UTF8.GetBytes(ToYaml(r.Kind, r.Rows, wrapped: i % 2 == 0))), .. Malformed(malformedFolder, "*.yaml")],
        input => Read(input, "fuzz.yaml", catalogue, csv: false),
        ["- ", ": ", "&a ", "*a", "<<: *a", "!!str ", "? ", "|", ">", "\t", "  ", "~", ".nan", "---\n", "...\n", "%YAML 1.2\n", "{", "["]);

    /// <summary>
    /// The worksheet XML of an .xlsx workbook (its cells, rows, types, styles and formulas): each input is put into a
    /// workbook as its first sheet, so that mutations reach the cell reading rather than only break the zip.
    /// </summary>
    public static FuzzTarget Xlsx(RecordCatalogue catalogue) => new(
        "xlsx", ".xml",
        [.. SampleRecords().Select(r => SheetXml(r.Rows))],
        input => ReadXlsx(Workbook.WithSheet(input), catalogue),
        ["<row r=\"3\">", "<c r=\"B2\"", " t=\"s\"", " t=\"inlineStr\"", " t=\"b\"", " t=\"e\"", " t=\"str\"", " s=\"1\"", " s=\"99\"",
         "<v>", "</v>", "<v>1e308</v>", "<f>A1*2</f>", "<is><t>", "</t></is>", "</c>", "</row>", "&amp;", "<![CDATA[", "r=\"XFD1048576\""]);

    /// <summary>Reads every record of an in-memory workbook.</summary>
    public static IEnumerable<Diagnostic> ReadXlsx(byte[] workbook, RecordCatalogue catalogue)
    {
        var diagnostics = new DiagnosticBag();
        var validator = new RecordValidator(catalogue, diagnostics);
        foreach (var _ in XlsxRecordReader.Read(() => new MemoryStream(workbook, writable: false), "fuzz.xlsx", "fuzz.xlsx", validator, diagnostics)) { }
        return diagnostics;
    }

    private static byte[] SheetXml(List<Dictionary<string, object?>> rows)
    {
        var header = rows.SelectMany(r => r.Keys).Distinct().ToArray();
        var sheet = new XlsxSheet("Sheet1", [header, .. rows.Select(r => (IReadOnlyList<object?>)header.Select(h => r.GetValueOrDefault(h)).ToArray())]);
        using var zip = new ZipArchive(new MemoryStream(Workbook.Of(sheet)), ZipArchiveMode.Read);
        using var xml = zip.GetEntry(Workbook.SheetEntry)!.Open();
        using var bytes = new MemoryStream();
        xml.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>A one-sheet workbook whose sheet XML can be swapped.</summary>
    private static class Workbook
    {
        public const string SheetEntry = "xl/worksheets/sheet1.xml";
        private static readonly byte[] Base = Of(new XlsxSheet("Sheet1", [["id"]]));

        public static byte[] Of(XlsxSheet sheet)
        {
            using var stream = new MemoryStream();
            XlsxWriter.Write(stream, [sheet]);
            return stream.ToArray();
        }

        public static byte[] WithSheet(byte[] sheetXml)
        {
            using var stream = new MemoryStream();
            stream.Write(Base);
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
            {
                zip.GetEntry(SheetEntry)!.Delete();
                using var entry = zip.CreateEntry(SheetEntry, CompressionLevel.NoCompression).Open();
                entry.Write(sheetXml);
            }
            return stream.ToArray();
        }
    }

    /// <summary>Reads every record of one in-memory file; the diagnostics are what a user would see.</summary>
    public static IEnumerable<Diagnostic> Read(byte[] input, string name, RecordCatalogue catalogue, bool csv)
    {
        var diagnostics = new DiagnosticBag();
        var validator = new RecordValidator(catalogue, diagnostics);
        Func<Stream> open = () => new MemoryStream(input, writable: false);
        var records = csv ? CsvRecordReader.Read(open, name, name, validator, diagnostics) : DocumentRecordReader.Read(open, name, name, validator, diagnostics);
        foreach (var _ in records) { }
        return diagnostics;
    }

    private static string[] SampleCsvFiles() => RepositoryFiles.Files(RepositoryFiles.Samples, "*.csv");

    private static IEnumerable<byte[]> Malformed(string? folder, string pattern) =>
        folder is null || !Directory.Exists(folder) ? [] : RepositoryFiles.Files(folder, pattern).Select(File.ReadAllBytes);

    /// <summary>The first rows of each sample CSV as typed values (numbers, booleans, null, text), with the file's kind.</summary>
    private static IEnumerable<(string Kind, List<Dictionary<string, object?>> Rows)> SampleRecords()
    {
        foreach (var file in SampleCsvFiles())
        {
            using var reader = new CsvReader(new StreamReader(file), CultureInfo.InvariantCulture);
            reader.Read();
            reader.ReadHeader();
            var header = reader.HeaderRecord ?? [];
            var rows = new List<Dictionary<string, object?>>();
            while (rows.Count < SeedRows && reader.Read())
                rows.Add(header.ToDictionary(h => h, h => Typed(reader.GetField(h) ?? "")));
            var kind = Path.GetFileNameWithoutExtension(file).TrimEnd('s');
            yield return (kind, rows);
        }
    }

    private static object? Typed(string text) =>
        text.Length == 0 ? null
        : text is "true" or "false" ? text == "true"
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && (text == "0" || !text.StartsWith('0') || text.StartsWith("0.")) ? d
        : text;

    private static string ToJson(string kind, List<Dictionary<string, object?>> rows, bool wrapped)
    {
        object document = wrapped ? new Dictionary<string, object> { ["as_of"] = "2024-12-31", ["kind"] = kind, ["records"] = rows } : rows;
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string ToYaml(string kind, List<Dictionary<string, object?>> rows, bool wrapped)
    {
        var sb = new StringBuilder();
        var indent = "";
        if (wrapped)
        {
            sb.Append("as_of: 2024-12-31\nkind: ").Append(kind).Append("\nrecords:\n");
            indent = "  ";
        }
        foreach (var row in rows)
        {
            var first = true;
            foreach (var (key, value) in row)
            {
                sb.Append(indent).Append(first ? "- " : "  ").Append(key).Append(": ").Append(value switch
                {
                    null => "",
                    bool b => b ? "true" : "false",
                    double d => d.ToString(CultureInfo.InvariantCulture),
                    _ => JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
                }).Append('\n');
                first = false;
            }
        }
        return sb.ToString();
    }
}
