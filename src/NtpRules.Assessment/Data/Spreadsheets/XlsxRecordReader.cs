using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NtpRules.Assessment.Results;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Data.Spreadsheets;

/// <summary>
/// Streams the rows of an .xlsx workbook as validated records, sheet by sheet (rows are loaded one at a time). A sheet
/// is data when its first non-empty row has an <c>id</c> column; other sheets (notes, the template's column
/// descriptions) are passed over, unless no sheet is data. The subject kind comes from a <c>kind</c> column, else the
/// sheet's name, else the file's name, else the columns. Cells are read as the spreadsheet shows them: numbers
/// (a percent-formatted 0.416 is 41.6), dates (yyyy-MM-dd), booleans, text (numbers stored as text are parsed like CSV
/// cells), formulas by their saved result. Locations are row and column; messages name the sheet and cell (B7).
/// </summary>
internal static class XlsxRecordReader
{
    private const string Resave = "save it from the spreadsheet program as Excel Workbook (.xlsx)";

    public static IEnumerable<DataRecord> Read(string path, string file, RecordValidator validator, DiagnosticBag diagnostics) =>
        Read(() => File.OpenRead(path), path, file, validator, diagnostics);

    /// <summary>
    /// Reads the workbook <paramref name="open"/> gives; <paramref name="path"/> names the subject kind, <paramref name="file"/>
    /// is the name diagnostics show. A damaged package or sheet (found while reading it) ends the file with one error.
    /// </summary>
    public static IEnumerable<DataRecord> Read(Func<Stream> open, string path, string file, RecordValidator validator, DiagnosticBag diagnostics)
    {
        using var records = Unguarded(open, path, file, validator, diagnostics).GetEnumerator();
        var last = 0;
        while (true)
        {
            try
            {
                if (!records.MoveNext()) yield break;
            }
            catch (Exception ex) when (IsDamage(ex))
            {
                var where = last > 0 ? $" after row {last}" : "";
                diagnostics.Error(DataCodes.BadSpreadsheet, $"the workbook cannot be read{where} ({ex.Message}); {Resave}", new SourceLocation(file, Math.Max(last, 1), 1));
                yield break;
            }
            last = records.Current.Location.Line;
            yield return records.Current;
        }
    }

    // What the package and XML layers throw on a file that is not a whole, well-formed workbook.
    private static bool IsDamage(Exception ex) => ex is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException
        or System.Xml.XmlException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException or OverflowException;

    private static IEnumerable<DataRecord> Unguarded(Func<Stream> open, string path, string file, RecordValidator validator, DiagnosticBag diagnostics)
    {
        using var stream = open();
        SpreadsheetDocument? doc;
        try
        {
            doc = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            diagnostics.Error(DataCodes.BadSpreadsheet, $"not a readable .xlsx workbook ({ex.Message}); {Resave}", new SourceLocation(file, 1, 1));
            yield break;
        }
        using (doc)
        {
            var workbook = doc.WorkbookPart;
            var sheets = workbook?.Workbook?.Sheets?.Elements<Sheet>().ToArray() ?? [];
            if (workbook is null || sheets.Length == 0)
            {
                diagnostics.Error(DataCodes.EmptyFile, "the workbook has no sheet", new SourceLocation(file, 1, 1));
                yield break;
            }
            var formats = new CellFormats(workbook);
            var strings = SharedStrings(workbook);
            for (var s = 0; s < sheets.Length; s++)
            {
                if (sheets[s].Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) continue;
                var sheet = new SheetReader(file, path, sheets[s].Name?.Value ?? $"Sheet{s + 1}", part, strings, formats, validator, diagnostics);
                // The first sheet is data whatever its header; later ones only when they have an id column.
                foreach (var r in sheet.Records(mustBeData: s == 0)) yield return r;
            }
        }
    }

    private static string[] SharedStrings(WorkbookPart workbook) =>
        workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];

    /// <summary>What the number format of each cell style says: a date, a percentage, or a plain number.</summary>
    private sealed class CellFormats
    {
        private readonly List<(bool Date, bool Percent)> _styles = new();

        public CellFormats(WorkbookPart workbook)
        {
            var sheet = workbook.WorkbookStylesPart?.Stylesheet;
            var custom = sheet?.NumberingFormats?.Elements<NumberingFormat>()
                .Where(f => f.NumberFormatId?.Value is not null)
                .GroupBy(f => f.NumberFormatId!.Value).ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? "") ?? [];
            foreach (var f in sheet?.CellFormats?.Elements<CellFormat>() ?? [])
            {
                var id = f.NumberFormatId?.Value ?? 0;
                var code = custom.GetValueOrDefault(id);
                _styles.Add(code is null ? (IsBuiltInDate(id), id is 9 or 10) : (IsDateCode(code), StripQuoted(code).Contains('%')));
            }
        }

        public (bool Date, bool Percent) Of(uint? style) => style is { } s && s < _styles.Count ? _styles[(int)s] : (false, false);

        private static bool IsBuiltInDate(uint id) => id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58;

        private static bool IsDateCode(string code)
        {
            var bare = StripQuoted(code).ToLowerInvariant();
            return !bare.Contains("general") && bare.IndexOfAny(['d', 'm', 'y']) >= 0;
        }

        // Literal text ("…"), escaped characters (\x) and [colour]/[locale] sections say nothing about the value's kind.
        private static string StripQuoted(string code)
        {
            var sb = new System.Text.StringBuilder();
            for (var i = 0; i < code.Length; i++)
            {
                var ch = code[i];
                if (ch == '"') { var end = code.IndexOf('"', i + 1); i = end < 0 ? code.Length : end; }
                else if (ch == '[') { var end = code.IndexOf(']', i + 1); i = end < 0 ? code.Length : end; }
                else if (ch == '\\') i++;
                else sb.Append(ch);
            }
            return sb.ToString();
        }
    }

    private sealed class SheetReader(string file, string path, string name, WorksheetPart part, string[] strings, CellFormats formats,
        RecordValidator validator, DiagnosticBag diagnostics)
    {
        public bool IsData { get; private set; }

        private string Where(string reference) => $"{reference} of sheet '{name}'";

        public IEnumerable<DataRecord> Records(bool mustBeData)
        {
            using var reader = OpenXmlReader.Create(part);
            string[]? header = null;
            var headerRow = 0;
            var columnsByKind = new Dictionary<string, ResolvedColumn[]>(StringComparer.Ordinal);
            string? fixedKind = null;
            var kindColumn = -1;
            var rows = 0;
            var cells = new List<Cell>();
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
                var row = (Row)reader.LoadCurrentElement()!;
                var rowNumber = (int)(row.RowIndex?.Value ?? (uint)(headerRow + rows + 1));
                var values = Values(row, rowNumber);
                if (values.All(string.IsNullOrWhiteSpace)) continue;

                if (header is null)
                {
                    header = values.Select(v => v?.Trim() ?? "").ToArray();
                    headerRow = rowNumber;
                    var at = new SourceLocation(file, headerRow, 1);
                    if (!header.Contains("id"))
                    {
                        if (mustBeData) diagnostics.Error(DataCodes.MissingIdColumn, $"the header (row {headerRow} of sheet '{name}') has no 'id' column", at);
                        yield break;
                    }
                    IsData = true;
                    kindColumn = Array.IndexOf(header, "kind");
                    fixedKind = KindResolver.FromFileName(validator.Catalogue, name) ?? KindResolver.FromFileName(validator.Catalogue, path)
                                ?? KindResolver.FromColumns(validator.Catalogue, header);
                    if (kindColumn < 0 && fixedKind is null)
                    {
                        diagnostics.Error(DataCodes.UnknownKind, $"cannot tell which subjects sheet '{name}' holds: add a 'kind' column or name the sheet after the subject (e.g. communes)", at);
                        yield break;
                    }
                    if (!CheckHeader(header, at)) yield break;
                    continue;
                }

                rows++;
                var kind = kindColumn >= 0 && kindColumn < values.Length ? values[kindColumn]?.Trim() ?? "" : fixedKind!;
                if (validator.Catalogue.FindKind(kind) is null)
                {
                    validator.Problem(DataCodes.UnknownKind, $"cell {Where(CellReference.Of(kindColumn + 1, rowNumber))}, column 'kind': value '{kind}' is not a subject kind of the catalogue",
                        new SourceLocation(file, rowNumber, kindColumn + 1), DataProblemEffect.RowSkipped);
                    continue;
                }
                if (!columnsByKind.TryGetValue(kind, out var columns))
                    columnsByKind[kind] = columns = validator.ResolveHeader(kind, header, i => new SourceLocation(file, headerRow, i + 1));
                cells.Clear();
                for (var i = 0; i < columns.Length; i++)
                {
                    if (columns[i].Role == ColumnRole.Unknown) continue;
                    cells.Add(new Cell(columns[i], i < values.Length ? values[i] : null, new SourceLocation(file, rowNumber, i + 1), Reference: Where(CellReference.Of(i + 1, rowNumber))));
                }
                var built = validator.Build(kind, cells, new SourceLocation(file, rowNumber, 1));
                if (built is not null) yield return built;
            }
            if (header is null && mustBeData)
                diagnostics.Error(DataCodes.EmptyFile, $"sheet '{name}' is empty; expected a header row and data rows", new SourceLocation(file, 1, 1));
            else if (header is not null && IsData && rows == 0)
                diagnostics.Error(DataCodes.NoRows, $"sheet '{name}' has a header row but no data rows", new SourceLocation(file, headerRow, 1));
        }

        private bool CheckHeader(string[] header, SourceLocation at)
        {
            var ok = true;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
                if (header[i].Length > 0 && !seen.Add(header[i]))
                {
                    diagnostics.Error(DataCodes.DuplicateColumn, $"column '{header[i]}' appears twice in the header (cell {Where(CellReference.Of(i + 1, at.Line))})", at with { Column = i + 1 });
                    ok = false;
                }
            return ok;
        }

        /// <summary>The row's cells as text by column (missing cells are null), with spreadsheet values turned into data text.</summary>
        private string?[] Values(Row row, int rowNumber)
        {
            var list = new List<string?>();
            var next = 1;
            foreach (var cell in row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>())
            {
                var column = cell.CellReference?.Value is { } r ? CellReference.Column(r) : next;
                if (column < 0 || next > CellReference.MaxColumn)
                    throw new FormatException($"row {rowNumber} has a cell beyond column {CellReference.Letters(CellReference.MaxColumn)}");
                if (column < next) column = next;
                while (list.Count < column - 1) list.Add(null);
                list.Add(Text(cell, column, rowNumber));
                next = column + 1;
            }
            return list.ToArray();
        }

        private string? Text(DocumentFormat.OpenXml.Spreadsheet.Cell cell, int column, int rowNumber)
        {
            var type = cell.DataType?.Value;
            var raw = cell.CellValue?.Text;
            if (type == CellValues.InlineString) return cell.InlineString?.InnerText;
            if (raw is null)
            {
                if (cell.CellFormula is not null)
                    validator.Problem(DataCodes.BadSpreadsheet,
                        $"cell {Where(CellReference.Of(column, rowNumber))} holds a formula with no saved result (open the workbook in a spreadsheet program and save it)",
                        new SourceLocation(file, rowNumber, column), DataProblemEffect.CellUnknown);
                return null;
            }
            if (type == CellValues.SharedString)
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Length ? strings[i] : null;
            if (type == CellValues.Boolean) return raw is "1" || raw.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
            if (type == CellValues.Error) return raw == "#N/A" ? null : raw;
            if (type == CellValues.String || type == CellValues.Date) return raw;
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return raw;
            var (date, percent) = formats.Of(cell.StyleIndex?.Value);
            if (date && number is >= 1 and < 2958466)
                return DateOnly.FromDateTime(DateTime.FromOADate(number)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // A percentage cell shows 41.6 % for 0.416; indicators hold percentages as 0-100.
            if (percent) number = Math.Round(number * 100, 10);
            return number.ToString("R", CultureInfo.InvariantCulture);
        }
    }
}
