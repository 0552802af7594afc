using NtpRules.Assessment.Results;
using NtpRules.Language.Documents;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Data;

/// <summary>What a column of a data file holds for a given subject kind.</summary>
internal enum ColumnRole { Id, Name, Kind, Parent, Indicator, Unknown }

internal readonly record struct ResolvedColumn(string Name, ColumnRole Role, string? ParentKind = null, IndicatorColumn? Indicator = null);

/// <summary>
/// A cell to validate. For CSV, <paramref name="At"/> carries the line only and <paramref name="Field"/> the field index:
/// the character column is worked out from the raw row only when a problem is reported there.
/// </summary>
/// <paramref name="Reference"/> names the cell in a spreadsheet (B7), for messages.
internal readonly record struct Cell(ResolvedColumn Column, string? Text, SourceLocation At, int Field = -1, string? Reference = null);

/// <summary>
/// Validates the rows of one data file against the catalogue, whatever the file format:
/// typed values, ranges, enum values, empty cells as missing, ids present and unique per kind.
/// Keeps only a 16-byte hash per id seen (for the duplicate check), so memory does not grow with the values read; with
/// a <see cref="DeferredIdCheck"/>, the ids of kinds no kind has as parent (households) go to it instead, checked once
/// reading ends (<see cref="FinishDeferredIds"/>), so memory does not grow with the rows either.
/// When <see cref="Lenient"/>, a bad cell is read as missing, a bad column or row is left out, and each such error goes
/// to <see cref="Problems"/> instead of the diagnostics, so that the run can go on and report them.
/// </summary>
internal sealed class RecordValidator
{
    private readonly RecordCatalogue _catalogue;
    private readonly DiagnosticBag _diagnostics;
    private readonly IdRegistry _ids = new();
    private readonly DeferredIdCheck? _deferred;
    /// <summary>The kinds whose ids go to <see cref="_deferred"/>: no record names one as its parent.</summary>
    private readonly HashSet<string> _deferredKinds = new(StringComparer.Ordinal);
    private readonly HashSet<(string Kind, string Column)> _warnedUnknown = new();
    private readonly List<DataProblem> _problems = new();
    /// <summary>The row being built's value keys and values, in column order; reused from row to row.</summary>
    private readonly List<string> _keys = new();
    private readonly List<object?> _values = new();
    /// <summary>The keys of the row before: the next row of the same file has the same.</summary>
    private RowValues.Layout? _layout;

    public RecordValidator(RecordCatalogue catalogue, DiagnosticBag diagnostics, bool lenient = false, DeferredIdCheck? deferred = null)
    {
        _catalogue = catalogue;
        _diagnostics = diagnostics;
        Lenient = lenient;
        _deferred = deferred;
        if (deferred is null) return;
        var parents = catalogue.Kinds.SelectMany(k => k.Parents).ToHashSet(StringComparer.Ordinal);
        foreach (var k in catalogue.Kinds)
            if (!parents.Contains(k.Kind)) _deferredKinds.Add(k.Kind);
    }

    public RecordCatalogue Catalogue => _catalogue;
    public bool Lenient { get; }

    /// <summary>The errors a lenient reading went past, in the order found.</summary>
    public IReadOnlyList<DataProblem> Problems => _problems;

    /// <summary>
    /// An error that leniency can go past (its effect says how): an error when strict, a problem when lenient.
    /// Returns true when reading may go on past it.
    /// </summary>
    public bool Problem(string code, string message, SourceLocation at, DataProblemEffect effect, string? hint = null)
    {
        if (!Lenient)
        {
            _diagnostics.Error(code, message, at, hint);
            return false;
        }
        _problems.Add(new DataProblem(code, message, at.File, at.Line, at.Column, hint, effect));
        return true;
    }

    /// <summary>
    /// Resolves the columns of a header (or of a record's keys) for <paramref name="kind"/>: reports unknown columns
    /// (<see cref="ReportUnknown"/>) and a second column naming an indicator already named; both are then ignored.
    /// </summary>
    public ResolvedColumn[] ResolveHeader(string kind, IReadOnlyList<string> header, Func<int, SourceLocation> at)
    {
        var columns = new ResolvedColumn[header.Count];
        Dictionary<string, string>? named = null;
        for (var i = 0; i < columns.Length; i++)
        {
            var column = Resolve(kind, header[i]);
            if (column.Role == ColumnRole.Unknown) ReportUnknown(kind, column, at(i));
            else if (column.Indicator is { } ind && !(named ??= new(StringComparer.Ordinal)).TryAdd(ind.Key, column.Name))
            {
                Problem(DataCodes.SameIndicatorTwice, $"columns '{named[ind.Key]}' and '{column.Name}' both name indicator '{ind.Key}'", at(i),
                    DataProblemEffect.ColumnIgnored, "keep one of them");
                column = column with { Role = ColumnRole.Unknown };
            }
            columns[i] = column;
        }
        return columns;
    }

    public ResolvedColumn Resolve(string kind, string column)
    {
        var name = column.Trim();
        if (name == "id") return new(name, ColumnRole.Id);
        if (name == "name") return new(name, ColumnRole.Name);
        if (name == "kind") return new(name, ColumnRole.Kind);
        var subject = _catalogue.FindKind(kind);
        if (subject is not null && name.EndsWith("_id", StringComparison.Ordinal))
        {
            var parent = name[..^3];
            if (subject.Parents.Contains(parent)) return new(name, ColumnRole.Parent, ParentKind: parent);
        }
        return _catalogue.MatchColumn(kind, name) is { } ind
            ? new(name, ColumnRole.Indicator, Indicator: ind)
            : new(name, ColumnRole.Unknown);
    }

    /// <summary>
    /// Reports, once per file and kind, a column the catalogue does not know; its values are ignored. A column whose
    /// name is close to an indicator's key, title or alias is an error naming that key (left as it is, the indicator
    /// would be unknown for every subject); an unrelated one is a warning.
    /// </summary>
    public void ReportUnknown(string kind, ResolvedColumn column, SourceLocation at)
    {
        if (!_warnedUnknown.Add((kind, column.Name))) return;
        if (_catalogue.ClosestColumn(kind, column.Name) is { } close)
        {
            Problem(DataCodes.MisspelledIndicator, $"column '{column.Name}' is not an indicator of {kind} but looks like '{close.Key}'; its values are not read",
                at, DataProblemEffect.ColumnIgnored, $"did you mean '{close.Key}'? rename the column to the key, its Vietnamese title or an alias the catalogue declares");
            return;
        }
        var known = _catalogue.ColumnsOf(kind).Select(c => c.Key)
            .Concat(_catalogue.FindKind(kind)?.Parents.Select(p => p + "_id") ?? [])
            .Append("id").Append("name");
        var hint = EditDistance.Closest(column.Name, known) is { } s ? $"did you mean '{s}'?" : null;
        _diagnostics.Warning(DataCodes.UnknownColumn, $"column '{column.Name}' is not an indicator of {kind} in the catalogue; its values are ignored", at, hint);
    }

    /// <summary>Builds the record from its cells, or returns null after reporting every problem of the row.</summary>
    public DataRecord? Build(string kind, IReadOnlyList<Cell> cells, SourceLocation rowAt, Func<int, int>? columnOfField = null)
    {
        SourceLocation Locate(Cell c) => c.Field >= 0 && columnOfField is not null ? c.At with { Column = columnOfField(c.Field) } : c.At;
        var ok = true;
        string? id = null, name = null;
        var idAt = rowAt;
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        _keys.Clear();
        _values.Clear();
        void Set(string key, object? value)
        {
            _keys.Add(key);
            _values.Add(value);
        }
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            var text = cell.Text;
            switch (cell.Column.Role)
            {
                case ColumnRole.Id:
                    id = CellParser.IsMissing(text) ? null : text!.Trim();
                    idAt = Locate(cell);
                    break;
                case ColumnRole.Name:
                    name = CellParser.IsMissing(text) ? null : text!.Trim();
                    break;
                case ColumnRole.Parent:
                    if (!CellParser.IsMissing(text)) parents[cell.Column.ParentKind!] = text!.Trim();
                    break;
                case ColumnRole.Indicator:
                    var column = cell.Column.Indicator!;
                    if (CellParser.IsMissing(text)) { Set(column.Key, null); break; }
                    if (CellParser.TryParse(column, text!, out var value, out var code, out var problem))
                        Set(column.Key, value);
                    else
                    {
                        var where = cell.Reference is null ? "" : $"cell {cell.Reference}, ";
                        var header = cell.Column.Name == column.Key ? $"'{column.Key}'" : $"'{cell.Column.Name}' ({column.Key})";
                        if (Problem(code, $"{where}column {header}: value '{text}' {problem}", Locate(cell), DataProblemEffect.CellUnknown))
                            Set(column.Key, null);
                        else ok = false;
                    }
                    break;
            }
        }

        if (id is null)
        {
            Problem(DataCodes.EmptyId, "the row has no id", idAt, DataProblemEffect.RowSkipped);
            return null;
        }
        if (_deferred is not null && _deferredKinds.Contains(kind))
            _deferred.Add(kind, id, rowAt, idAt, Lenient ? _problems.Count : _diagnostics.Count);
        else if (!_ids.TryAdd(kind, id, rowAt.Line, out var first))
        {
            Problem(DataCodes.DuplicateId, DuplicateMessage(kind, id, first), idAt, DataProblemEffect.RowSkipped);
            return null;
        }
        return ok ? new DataRecord(kind, id, name, parents, Values(), rowAt) : null;
    }

    private static string DuplicateMessage(string kind, string id, int firstLine) => $"duplicate {kind} id '{id}' (first seen on line {firstLine})";

    /// <summary>
    /// Reports the deferred kinds' duplicate ids where the online check would have (among the problems or diagnostics,
    /// after those found before the row was read), and returns the rows to drop: each repeats an id read before, and
    /// had the online check seen it, it would not have been a record.
    /// </summary>
    public IReadOnlySet<SourceLocation> FinishDeferredIds()
    {
        if (_deferred is null) return new HashSet<SourceLocation>();
        var dropped = new HashSet<SourceLocation>();
        var inserted = 0;
        // In the order read, so their marks only grow: each goes after the ones inserted before it.
        foreach (var s in _deferred.Finish())
        {
            var message = DuplicateMessage(s.Kind, s.Id, s.FirstLine);
            if (Lenient)
                _problems.Insert(s.Position + inserted, new DataProblem(DataCodes.DuplicateId, message, s.At.File, s.At.Line, s.At.Column, null, DataProblemEffect.RowSkipped));
            else
                _diagnostics.Insert(s.Position + inserted, Diagnostic.Error(DataCodes.DuplicateId, message, s.At));
            inserted++;
            dropped.Add(s.Row);
        }
        return dropped;
    }

    /// <summary>
    /// The row's values: under the keys of the row before when they are the same (as every row of a file has), else
    /// under a new layout; as a dictionary when a key came twice (the last value wins, at the first one's place).
    /// </summary>
    private IReadOnlyDictionary<string, object?> Values()
    {
        var keys = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keys);
        if (_layout is null || !_layout.Fits(keys)) _layout = RowValues.Layout.Of(keys);
        if (_layout is not null) return new RowValues(_layout, _values.ToArray());
        var values = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++) values[keys[i]] = _values[i];
        return values;
    }
}
