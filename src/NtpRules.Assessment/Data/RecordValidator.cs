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
internal readonly record struct Cell(ResolvedColumn Column, string? Text, SourceLocation At, int Field = -1);

/// <summary>
/// Validates the rows of one data file against the catalogue, whatever the file format:
/// typed values, ranges, enum values, empty cells as missing, ids present and unique per kind.
/// Keeps only a 16-byte hash per id seen (for the duplicate check), so memory does not grow with the values read.
/// </summary>
internal sealed class RecordValidator
{
    private readonly RecordCatalogue _catalogue;
    private readonly DiagnosticBag _diagnostics;
    private readonly IdRegistry _ids = new();
    private readonly HashSet<(string Kind, string Column)> _warnedUnknown = new();

    public RecordValidator(RecordCatalogue catalogue, DiagnosticBag diagnostics)
    {
        _catalogue = catalogue;
        _diagnostics = diagnostics;
    }

    public RecordCatalogue Catalogue => _catalogue;

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
        return _catalogue.FindColumn(kind, name) is { } ind
            ? new(name, ColumnRole.Indicator, Indicator: ind)
            : new(name, ColumnRole.Unknown);
    }

    /// <summary>Warns once per file and kind about a column the catalogue does not know; its values are ignored.</summary>
    public void WarnUnknown(string kind, ResolvedColumn column, SourceLocation at)
    {
        if (!_warnedUnknown.Add((kind, column.Name))) return;
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
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
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
                    if (CellParser.IsMissing(text)) { values[column.Key] = null; break; }
                    if (CellParser.TryParse(column, text!, out var value, out var code, out var problem))
                        values[column.Key] = value;
                    else
                    {
                        ok = false;
                        _diagnostics.Error(code, $"column '{column.Key}': value '{text}' {problem}", Locate(cell));
                    }
                    break;
            }
        }

        if (id is null)
        {
            _diagnostics.Error(DataCodes.EmptyId, "the row has no id", idAt);
            return null;
        }
        if (!_ids.TryAdd(kind, id, rowAt.Line, out var first))
        {
            _diagnostics.Error(DataCodes.DuplicateId, $"duplicate {kind} id '{id}' (first seen on line {first})", idAt);
            return null;
        }
        return ok ? new DataRecord(kind, id, name, parents, values, rowAt) : null;
    }
}
