using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using NtpRules.Assessment.Results;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Data;

/// <summary>
/// Streams the rows of a CSV data file (UTF-8 with or without BOM; ',' or ';' delimited) as validated records.
/// Rows are read one at a time; problems go to the diagnostic bag with file, line, column and value.
/// </summary>
internal static class CsvRecordReader
{
    /// <summary>Ten times the catalogue's indicators: room for any real file, and a bound on what a bad one costs.</summary>
    public const int MaxColumns = 1_000;

    public static IEnumerable<DataRecord> Read(string path, string displayName, RecordValidator validator, DiagnosticBag diagnostics) =>
        Read(() => DataReading.OpenSequential(path), path, displayName, validator, diagnostics);

    /// <summary>
    /// Reads the stream <paramref name="open"/> gives (called a second time only to locate invalid UTF-8);
    /// <paramref name="path"/> names the subject kind, <paramref name="file"/> is the name diagnostics show.
    /// </summary>
    public static IEnumerable<DataRecord> Read(Func<Stream> open, string path, string file, RecordValidator validator, DiagnosticBag diagnostics)
    {
        using var stream = open();
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            // CsvHelper's own detection takes seconds on a long line full of quotes: the header line decides.
            GetDelimiter = args => HeaderDelimiter(args.Text, args.Configuration.DetectDelimiterValues),
            // CsvHelper copies the whole raw row for each bad field it reports (quadratic on a long row of bad
            // fields); misplaced quotes are found by MisplacedQuote instead, once per row that may hold one.
            BadDataFound = null,
            // Blank lines are skipped here rather than by the parser, so that every physical line is counted.
            IgnoreBlankLines = false,
        };
        using var parser = new CsvParser(text, config);

        if (!TryReadNonBlank(parser, open, file, diagnostics, out var hasRow)) yield break;
        if (!hasRow)
        {
            diagnostics.Error(DataCodes.EmptyFile, "the file is empty; expected a header row and data rows", new SourceLocation(file, 1, 1));
            yield break;
        }

        // CsvHelper builds a row's fields in time quadratic in their number when they hold stray quotes, so the
        // field count is checked before the fields are read.
        if (parser.Count > MaxColumns)
        {
            diagnostics.Error(DataCodes.MalformedCsv, $"the header has {parser.Count:N0} columns; a data file may have at most {MaxColumns:N0}", new SourceLocation(file, parser.RawRow, 1));
            yield break;
        }
        var header = parser.Record ?? [];
        var headerLine = parser.RawRow;
        var kindColumn = Array.FindIndex(header, h => h.Trim() == "kind");
        var fixedKind = KindResolver.FromFileName(validator.Catalogue, path) ?? KindResolver.FromColumns(validator.Catalogue, header.Select(h => h.Trim()).ToArray());
        if (kindColumn < 0 && fixedKind is null)
        {
            diagnostics.Error(DataCodes.UnknownKind, "cannot tell which subjects this file holds: add a 'kind' column or name the file after the subject (e.g. communes.csv)", new SourceLocation(file, headerLine, 1));
            yield break;
        }
        if (!CheckHeader(header, headerLine, file, kindColumn < 0 ? fixedKind : null, validator, diagnostics)) yield break;

        var columnsByKind = new Dictionary<string, ResolvedColumn[]>(StringComparer.Ordinal);
        var cells = new List<Cell>(header.Length);
        var delimiter = parser.Delimiter;
        // The raw row text is only read back when a problem must be located in it.
        string raw = "";
        Func<int, int> columnOfField = f => FieldColumn(raw, f, delimiter);
        var rows = 0;
        void BadQuote(int line) =>
            validator.Problem(DataCodes.MalformedCsv, "a quote is misplaced in this row (quote the whole field and double inner quotes)", new SourceLocation(file, line, 1), DataProblemEffect.RowSkipped);
        // The rows are parsed on a thread of their own, a few batches ahead of their checks here: the two take about
        // as long as each other on a large file.
        foreach (var row in ReadAhead.Of(Rows(parser, open, file, headerLine, header.Length), threadName: "ntp parsing"))
        {
            if (row.BadEncodingAt is { } at)
            {
                diagnostics.Error(DataCodes.BadEncoding, Utf8Check.Message, at);
                yield break;
            }
            var line = row.Line;
            raw = row.Raw;
            rows++;
            if (row.Fields is null)
            {
                if (MisplacedQuote(raw, delimiter)) BadQuote(line);
                else validator.Problem(DataCodes.RaggedRow, $"the row has {row.Count} fields but the header has {header.Length}", new SourceLocation(file, line, 1), DataProblemEffect.RowSkipped);
                continue;
            }
            var record = row.Fields;
            if (MayHoldBadQuote(record, row.LastLine - line) && MisplacedQuote(raw, delimiter))
            {
                BadQuote(line);
                continue;
            }
            var kind = kindColumn >= 0 ? record[kindColumn].Trim() : fixedKind!;
            if (validator.Catalogue.FindKind(kind) is null)
            {
                validator.Problem(DataCodes.UnknownKind, $"column 'kind': value '{kind}' is not a subject kind of the catalogue",
                    new SourceLocation(file, line, FieldColumn(raw, kindColumn, delimiter)), DataProblemEffect.RowSkipped);
                continue;
            }
            if (!columnsByKind.TryGetValue(kind, out var columns))
                columnsByKind[kind] = columns = validator.ResolveHeader(kind, header,
                    i => new SourceLocation(file, headerLine, FieldColumn(null, i, delimiter, header)));
            cells.Clear();
            for (var i = 0; i < columns.Length; i++)
                if (columns[i].Role != ColumnRole.Unknown)
                    cells.Add(new Cell(columns[i], record[i], new SourceLocation(file, line, 1), i));
            var built = validator.Build(kind, cells, new SourceLocation(file, line, 1), columnOfField);
            if (built is not null) yield return built;
        }
        if (rows == 0)
            diagnostics.Error(DataCodes.NoRows, "the file has a header row but no data rows", new SourceLocation(file, headerLine, 1));
    }

    /// <summary>
    /// A non-blank row as parsed: its field count, its fields (null when there are not as many as the header has:
    /// CsvHelper builds the fields of a row full of stray quotes in time quadratic in their number), its first and
    /// last physical lines, and its raw text (read back only to locate a problem). With <see cref="BadEncodingAt"/>,
    /// the file is not valid UTF-8 from there on.
    /// </summary>
    private readonly record struct Row(int Count, string[]? Fields, int Line, int LastLine, string Raw, SourceLocation? BadEncodingAt = null);

    /// <summary>
    /// The rows after the header, blank ones skipped. Nothing here reports a problem: this runs on the parsing thread,
    /// and problems go to the diagnostics in row order from the checks.
    /// </summary>
    private static IEnumerable<Row> Rows(CsvParser parser, Func<Stream> open, string file, int headerLine, int headerLength)
    {
        var lastLine = headerLine;
        while (true)
        {
            if (ReadRow(parser, open, file, out var hasRow) is { } badEncoding)
            {
                yield return new Row(0, null, 0, 0, "", badEncoding);
                yield break;
            }
            if (!hasRow) yield break;
            var line = lastLine + 1;
            lastLine = parser.RawRow;
            if (IsBlank(parser)) continue;
            yield return new Row(parser.Count, parser.Count == headerLength ? parser.Record! : null, line, lastLine, parser.RawRecord);
        }
    }

    /// <summary>
    /// The candidate found most often outside quotes in the first non-blank line of <paramref name="text"/>
    /// (the first candidate on a tie or when none is found).
    /// </summary>
    private static string HeaderDelimiter(string text, string[] candidates)
    {
        var start = 0;
        while (start < text.Length && text[start] is '\r' or '\n' or ' ') start++;
        var counts = new int[candidates.Length];
        var inQuotes = false;
        for (var p = start; p < text.Length && (inQuotes || text[p] is not ('\r' or '\n')); p++)
        {
            if (text[p] == '"') inQuotes = !inQuotes;
            else if (!inQuotes)
                for (var c = 0; c < candidates.Length; c++)
                    if (string.CompareOrdinal(text, p, candidates[c], 0, candidates[c].Length) == 0) counts[c]++;
        }
        var best = 0;
        for (var c = 1; c < candidates.Length; c++)
            if (counts[c] > counts[best]) best = c;
        return candidates[best];
    }

    // In a row of the header's width, a misplaced quote leaves a quote in a field or a line break (a quote left open).
    private static bool MayHoldBadQuote(string[] record, int extraLines) =>
        extraLines > 0 || Array.Exists(record, f => f.Contains('"'));

    /// <summary>
    /// True when a quote is out of place in the raw row: inside a field that does not start with one, after the
    /// closing quote of a quoted field, or left open at the end of the row.
    /// </summary>
    private static bool MisplacedQuote(string raw, string delimiter)
    {
        var p = 0;
        while (true)
        {
            if (p < raw.Length && raw[p] == '"')
            {
                p++;
                while (true)
                {
                    var close = raw.IndexOf('"', p);
                    if (close < 0) return true;   // left open
                    if (close + 1 < raw.Length && raw[close + 1] == '"') { p = close + 2; continue; }
                    p = close + 1;
                    break;
                }
                if (p < raw.Length && string.CompareOrdinal(raw, p, delimiter, 0, delimiter.Length) != 0 && raw[p] is not ('\r' or '\n')) return true;
            }
            else
            {
                var end = raw.IndexOf(delimiter, p, StringComparison.Ordinal);
                if (raw.AsSpan(p, (end < 0 ? raw.Length : end) - p).Contains('"')) return true;
                if (end < 0) return false;
                p = end;
            }
            if (p >= raw.Length || raw[p] is '\r' or '\n') return false;
            p += delimiter.Length;
        }
    }

    private static bool IsBlank(CsvParser parser) => parser.Count == 1 && string.IsNullOrWhiteSpace(parser[0]);

    private static bool TryReadNonBlank(CsvParser parser, Func<Stream> open, string file, DiagnosticBag diagnostics, out bool hasRow)
    {
        while (TryRead(parser, open, file, diagnostics, out hasRow))
            if (!hasRow || !IsBlank(parser)) return true;
        return false;
    }

    // Reads the next row, turning invalid UTF-8 into a located error instead of an exception.
    private static bool TryRead(CsvParser parser, Func<Stream> open, string file, DiagnosticBag diagnostics, out bool hasRow)
    {
        if (ReadRow(parser, open, file, out hasRow) is not { } badEncoding) return true;
        diagnostics.Error(DataCodes.BadEncoding, Utf8Check.Message, badEncoding);
        return false;
    }

    /// <summary>Reads the next row; null, or where the file is first not valid UTF-8 (then no row is read).</summary>
    private static SourceLocation? ReadRow(CsvParser parser, Func<Stream> open, string file, out bool hasRow)
    {
        try
        {
            hasRow = parser.Read();
            return null;
        }
        catch (DecoderFallbackException)
        {
            hasRow = false;
            return Utf8Check.FirstInvalid(open, file);
        }
    }

    private static bool CheckHeader(string[] header, int line, string file, string? kind, RecordValidator validator, DiagnosticBag diagnostics)
    {
        var ok = true;
        var names = header.Select(h => h.Trim()).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
            if (!seen.Add(names[i]))
            {
                diagnostics.Error(DataCodes.DuplicateColumn, $"column '{names[i]}' appears twice in the header", new SourceLocation(file, line, i + 1));
                ok = false;
            }
        if (!seen.Contains("id"))
        {
            diagnostics.Error(DataCodes.MissingIdColumn, "the header has no 'id' column", new SourceLocation(file, line, 1));
            ok = false;
        }
        if (kind is not null && validator.Catalogue.FindKind(kind) is { Parents.Count: > 0 } subject
            && !subject.Parents.Any(p => seen.Contains(p + "_id")))
        {
            diagnostics.Error(DataCodes.MissingParentColumn,
                $"a {kind} file needs a parent id column ({string.Join(" or ", subject.Parents.Select(p => p + "_id"))})", new SourceLocation(file, line, 1));
            ok = false;
        }
        return ok;
    }

    /// <summary>The 1-based character column where field <paramref name="index"/> starts in the raw row text.</summary>
    private static int FieldColumn(string? raw, int index, string delimiter, string[]? fields = null)
    {
        if (raw is null)
        {
            // Header fields: no raw text kept; add up the field widths (close enough for unquoted headers).
            var col = 1;
            for (var i = 0; i < index && fields is not null; i++) col += fields[i].Length + delimiter.Length;
            return col;
        }
        var inQuotes = false;
        var field = 0;
        for (var p = 0; p < raw.Length; p++)
        {
            if (field == index) return p + 1;
            var c = raw[p];
            if (c == '"') inQuotes = !inQuotes;
            else if (!inQuotes && string.CompareOrdinal(raw, p, delimiter, 0, delimiter.Length) == 0)
            {
                field++;
                p += delimiter.Length - 1;
            }
        }
        return field == index ? raw.Length + 1 : 1;
    }
}
