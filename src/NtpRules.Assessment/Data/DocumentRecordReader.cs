using System.Globalization;
using System.Text;
using NtpRules.Language.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NtpRules.Assessment.Data;

/// <summary>
/// Streams JSON and YAML record files (JSON is read as YAML, which gives every value a line and column).
/// Accepted shapes: a list of records, or a mapping with optional <c>as_of</c> and <c>kind</c> and a <c>records</c> list.
/// Each record is a flat mapping with <c>id</c>, optional <c>kind</c>, <c>name</c>, parent ids and indicator values.
/// </summary>
internal static class DocumentRecordReader
{
    private const int MaxScalarLength = 64 * 1024;

    // A record file is three levels deep (document, records, record). The limit stops deep nesting early: the parser's
    // work per event grows with the depth of open flow collections.
    private const int MaxDepth = 32;

    public static IEnumerable<DataRecord> Read(string path, string file, RecordValidator validator, DiagnosticBag diagnostics, Action<DateOnly>? asOf = null) =>
        Read(() => DataReading.OpenSequential(path), path, file, validator, diagnostics, asOf);

    /// <summary>Reads the stream <paramref name="open"/> gives (called a second time only to locate invalid UTF-8).</summary>
    public static IEnumerable<DataRecord> Read(Func<Stream> open, string path, string file, RecordValidator validator, DiagnosticBag diagnostics,
        Action<DateOnly>? asOf = null)
    {
        using var stream = open();
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var walker = new Walker(new Parser(text), open, path, file, validator, diagnostics, asOf);
        foreach (var r in walker.Records()) yield return r;
    }

    private sealed class Walker(IParser parser, Func<Stream> open, string path, string file, RecordValidator validator, DiagnosticBag diagnostics, Action<DateOnly>? asOf)
    {
        private string? _defaultKind;
        private bool _failed;
        private int _records;
        private int _depth;
        private SourceLocation _last = new(file, 1, 1);

        private SourceLocation At(Mark m) => new(file, (int)m.Line, (int)m.Column);

        public IEnumerable<DataRecord> Records()
        {
            if (!Next(out var first)) yield break;
            if (first is StreamStart && !Next(out first)) yield break;
            if (first is StreamEnd)
            {
                diagnostics.Error(DataCodes.EmptyFile, "the file is empty; expected a list of records", new SourceLocation(file, 1, 1));
                yield break;
            }
            if (first is DocumentStart && !Next(out first)) yield break;

            if (first is SequenceStart)
                foreach (var r in Sequence()) yield return r;
            else if (first is MappingStart)
            {
                while (!_failed && Next(out var key) && key is not MappingEnd)
                {
                    if (key is not Scalar k) { Problem(key, "expected a key"); yield break; }
                    switch (k.Value)
                    {
                        case "records":
                            if (!Next(out var seq)) yield break;
                            if (seq is not SequenceStart) { Problem(seq, "'records' must be a list of records"); yield break; }
                            foreach (var r in Sequence()) yield return r;
                            break;
                        case "as_of" or "kind" or "subject":
                            if (!Next(out var value)) yield break;
                            if (value is not Scalar v) { Problem(value, $"'{k.Value}' must be a single value"); yield break; }
                            if (k.Value == "as_of")
                            {
                                if (DateOnly.TryParseExact(v.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) asOf?.Invoke(d);
                                else diagnostics.Error(DataCodes.BadAsOf, $"as_of: value '{v.Value}' is not a date (yyyy-MM-dd)", At(v.Start));
                            }
                            else _defaultKind = v.Value;
                            break;
                        default:
                            diagnostics.Warning(DataCodes.UnknownColumn, $"unknown top-level key '{k.Value}' is ignored (expected as_of, kind, records)", At(k.Start));
                            if (!Skip()) yield break;
                            break;
                    }
                }
            }
            else if (first is not null)
            {
                diagnostics.Error(DataCodes.MalformedDocument, "expected a list of records or a mapping with 'records'", At(first.Start));
                yield break;
            }
            if (!_failed && _records == 0)
                diagnostics.Error(DataCodes.NoRows, "the file holds no records", new SourceLocation(file, 1, 1));
        }

        private IEnumerable<DataRecord> Sequence()
        {
            while (!_failed && Next(out var item) && item is not SequenceEnd)
            {
                if (item is not MappingStart start)
                {
                    Problem(item, "each record must be a mapping of column: value");
                    if (!SkipFrom(item)) yield break;
                    continue;
                }
                _records++;
                var record = Record(start);
                if (record is not null) yield return record;
            }
        }

        private DataRecord? Record(MappingStart start)
        {
            var raw = new List<(Scalar Key, Scalar Value)>();
            while (Next(out var key) && key is not MappingEnd)
            {
                if (key is not Scalar k) { Problem(key, "expected a column name"); SkipFrom(key); continue; }
                if (!Next(out var value)) return null;
                if (value is not Scalar v) { Problem(value, $"column '{k.Value}': expected a single value"); SkipFrom(value); continue; }
                raw.Add((k, v));
            }
            if (_failed) return null;
            var at = At(start.Start);
            var kind = raw.FirstOrDefault(p => p.Key.Value == "kind").Value?.Value ?? _defaultKind ?? KindResolver.FromFileName(validator.Catalogue, path)
                ?? KindResolver.FromColumns(validator.Catalogue, raw.Select(p => p.Key.Value).ToArray());
            if (kind is null || validator.Catalogue.FindKind(kind) is null)
            {
                diagnostics.Error(DataCodes.UnknownKind, kind is null ? "the record has no 'kind' and it cannot be told from its columns" : $"kind: value '{kind}' is not a subject kind of the catalogue", at);
                return null;
            }
            var cells = new List<Cell>(raw.Count);
            var hasId = false;
            var columns = validator.ResolveHeader(kind, raw.Select(p => p.Key.Value).ToArray(), i => At(raw[i].Key.Start));
            for (var i = 0; i < raw.Count; i++)
            {
                var (column, v) = (columns[i], raw[i].Value);
                if (column.Role == ColumnRole.Unknown) continue;
                hasId |= column.Role == ColumnRole.Id;
                var isNull = v.Style == ScalarStyle.Plain && v.Value is "" or "~" or "null" or "Null" or "NULL";
                cells.Add(new Cell(column, isNull ? null : v.Value, At(v.Start)));
            }
            if (!hasId)
            {
                diagnostics.Error(DataCodes.MissingIdColumn, "the record has no 'id'", at);
                return null;
            }
            return validator.Build(kind, cells, at);
        }

        private bool Next(out ParsingEvent? e)
        {
            e = null;
            if (_failed) return false;
            try
            {
                if (!parser.MoveNext()) return false;
                e = parser.Current;
                if (e is not null) _last = At(e.Start);
                if (e is MappingStart or SequenceStart && ++_depth > MaxDepth)
                {
                    diagnostics.Error(DataCodes.MalformedDocument, $"nesting is deeper than {MaxDepth} levels", At(e.Start));
                    _failed = true;
                    return false;
                }
                if (e is MappingEnd or SequenceEnd) _depth--;
                if (e is Scalar { Value.Length: > MaxScalarLength } s)
                {
                    diagnostics.Error(DataCodes.MalformedDocument, $"a value is longer than {MaxScalarLength} characters", At(s.Start));
                    _failed = true;
                    return false;
                }
                return e is not null;
            }
            catch (YamlException ex)
            {
                diagnostics.Error(DataCodes.MalformedDocument, $"the file cannot be parsed: {ex.Message}", At(ex.Start));
                _failed = true;
                return false;
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner can fail this way at the end of an unclosed flow collection.
                diagnostics.Error(DataCodes.MalformedDocument, "the file ends inside an unclosed '{' or '['", _last);
                _failed = true;
                return false;
            }
            catch (DecoderFallbackException)
            {
                diagnostics.Error(DataCodes.BadEncoding, Utf8Check.Message, Utf8Check.FirstInvalid(open, file));
                _failed = true;
                return false;
            }
            catch (ArgumentException ex)
            {
                // YamlDotNet checks some tokens (a tag must be a valid URI) by throwing this, after the last event it returned.
                diagnostics.Error(DataCodes.MalformedDocument, $"the file cannot be parsed after this point: {ex.Message}", _last);
                _failed = true;
                return false;
            }
        }

        private void Problem(ParsingEvent? e, string message)
        {
            diagnostics.Error(e is Scalar or MappingStart or SequenceStart ? DataCodes.WrongShape : DataCodes.MalformedDocument, message,
                e is null ? new SourceLocation(file, 1, 1) : At(e.Start));
        }

        // Skips the value that follows (a scalar or a whole nested collection), iteratively.
        private bool Skip() => Next(out var e) && SkipFrom(e);

        private bool SkipFrom(ParsingEvent? e)
        {
            var depth = e is MappingStart or SequenceStart ? 1 : 0;
            while (depth > 0)
            {
                if (!Next(out var n)) return false;
                if (n is MappingStart or SequenceStart) depth++;
                else if (n is MappingEnd or SequenceEnd) depth--;
            }
            return true;
        }
    }
}
