using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Yaml;

namespace NtpRules.Language.RuleSets;

/// <summary>
/// Reads <c>parameter_tables:</c>, the decision-table form of parameters (format section 2.1): one row per
/// parameter, one column per value of the first key (a region, a commune group), one citation per row, the way the
/// decisions print their annexes. Each cell becomes the row the long form would give for it, cited as the row's
/// citation followed by the column ("…, indicator 2.2 (TDMNPB)"), so both forms compile to the same parameters.
/// Every problem is located at the cell, column heading or row it is about.
/// </summary>
internal static class DecisionTableReader
{
    public static List<Parameter> Read(DocumentReader r, YamlMapping ruleSet, Action<string, string, YamlMapping> addId, IndicatorCatalogue catalogue,
        string? subject, List<Definition> definitions)
    {
        var result = new List<Parameter>();
        foreach (var node in r.List(ruleSet, "parameter_tables", "the rule set"))
        {
            var t = r.OpenMapping(node, "a parameter table", KnownKeys.ParameterTable);
            if (t is null) continue;
            const string what = "a parameter table";
            var keys = RuleSetLoader.ReadKeys(r, t, what, catalogue, subject, definitions, required: true);
            var columns = Columns(r, t, keys);
            var type = r.Choice(t, "type", what, DataTypeText.ByName) ?? DataType.Number;
            var unit = r.String(t, "unit", what);
            var confidence = RuleSetLoader.ReadConfidence(r, t, what) ?? Confidence.Provisional;
            var effective = r.Effective(t, "effective", what);
            if (keys.Length == 0 || columns is null) continue;

            var parameters = new Dictionary<string, TableParameter>();
            foreach (var rowNode in r.List(t, "rows", what, required: true))
            {
                var row = r.Mapping(rowNode, "a row of a parameter table");
                if (row is null) continue;
                r.CheckKeys(row, "a row of a parameter table", KnownKeys.ParameterTableRow, keys[1..]);
                var id = r.String(row, "id", "a row of a parameter table", required: true);
                var rowWhat = $"parameter '{id}'";
                var rowType = r.Choice(row, "type", rowWhat, DataTypeText.ByName);
                var rowUnit = r.String(row, "unit", rowWhat);
                var cells = Cells(r, row, rowWhat, rowType ?? type, columns, keys, effective, confidence);
                if (id is null) continue;
                if (!parameters.TryGetValue(id, out var p))
                {
                    addId("name", id, row);
                    parameters[id] = p = new TableParameter(id, r.Text(row, "title", rowWhat) ?? LocalizedText.Empty, rowType ?? type, rowUnit ?? unit, row.Location);
                }
                else if (rowType is { } rt && rt != p.Type)
                    Conflict(r, row, "type", $"type {rt.ToText()}", $"type {p.Type.ToText()}", p);
                else if (rowUnit is not null && rowUnit != p.Unit)
                    Conflict(r, row, "unit", $"unit '{rowUnit}'", $"unit '{p.Unit}'", p);
                p.Rows.AddRange(cells);
            }
            foreach (var p in parameters.Values)
            {
                RuleSetLoader.CheckOverlaps(r, $"parameter '{p.Id}'", keys, p.Rows);
                result.Add(new Parameter(p.Id, p.Title, p.Type, p.Unit, keys, p.Rows, p.Location));
            }
        }
        return result;
    }

    private static void Conflict(DocumentReader r, YamlMapping row, string key, string says, string first, TableParameter p) =>
        r.Diagnostics.Error(DiagnosticCodes.TableRowConflict, $"this row of parameter '{p.Id}' says {says}, but its first row (line {p.Location.Line}) says {first}",
            row.KeyOf(key)!.Location, "give type and unit on the first row of the parameter only");

    private sealed record TableParameter(string Id, LocalizedText Title, DataType Type, string? Unit, SourceLocation Location)
    {
        public List<ParameterRow> Rows { get; } = new();
    }

    /// <summary>The column headings (values of the first key); a heading written twice is an error and its cells are dropped.</summary>
    private static List<YamlScalar?>? Columns(DocumentReader r, YamlMapping t, string[] keys)
    {
        var headings = r.Words(t, "columns", "a parameter table", required: true);
        if (t["columns"] is YamlSequence { Items.Count: 0 } empty)
            r.Diagnostics.Error(DiagnosticCodes.MissingKey, "a parameter table has no columns", empty.Location,
                keys.Length > 0 ? $"list the values of '{keys[0]}' that head the columns, e.g. [TDMNPB, DBSH]" : null);
        if (headings.Count == 0) return null;
        var columns = new List<YamlScalar?>();
        var seen = new Dictionary<string, SourceLocation>();
        foreach (var h in headings)
        {
            if (seen.TryAdd(h.Value, h.Location))
            {
                columns.Add(h);
                continue;
            }
            r.Diagnostics.Error(DiagnosticCodes.DuplicateColumn, $"the column '{h.Value}' is written twice (first at column {seen[h.Value].Column})", h.Location);
            columns.Add(null);
        }
        return columns;
    }

    /// <summary>The rows one table row stands for, one per cell that holds a value (a <c>~</c> cell leaves its column out); none after a key or cell-count error.</summary>
    private static List<ParameterRow> Cells(DocumentReader r, YamlMapping row, string what, DataType type, List<YamlScalar?> columns, string[] keys,
        DateRange? tableEffective, Confidence tableConfidence)
    {
        var keyValues = new Dictionary<string, string>();
        var keyLocations = new Dictionary<string, SourceLocation>();
        var complete = true;
        foreach (var k in keys[1..])
        {
            if (row[k] is YamlScalar { IsNull: false } s) (keyValues[k], keyLocations[k]) = (s.Value, s.Location);
            else
            {
                r.Diagnostics.Error(DiagnosticCodes.RowKeysMismatch, $"the row of {what} gives no value for its table key '{k}'", row.Location,
                    $"add '{k}: …' (or '{k}: \"*\"' for any value)");
                complete = false;
            }
        }
        var citation = r.Citation(row, what, required: true);
        var (confidence, derivation) = RuleSetLoader.Provenance(r, row, what, tableConfidence);
        var effective = row["effective"] is null ? tableEffective : r.Effective(row, "effective", what);

        var cells = r.List(row, "values", what, required: true);
        if (cells.Count != columns.Count && row["values"] is YamlSequence written)
        {
            var (message, at) = cells.Count > columns.Count
                ? ($"the row of {what} has {cells.Count} values for {columns.Count} columns: this value has no column", cells[columns.Count].Location)
                : ($"the row of {what} has {cells.Count} values for {columns.Count} columns: no value under " +
                   string.Join(", ", columns.Skip(cells.Count).Select(c => c?.Value)), cells.Count > 0 ? cells[^1].Location : written.Location);
            r.Diagnostics.Error(DiagnosticCodes.CellCount, message, at, "write one value per column, ~ for a column the row leaves empty");
            complete = false;
        }
        var result = new List<ParameterRow>();
        for (var i = 0; i < cells.Count && i < columns.Count; i++)
        {
            if (columns[i] is not { } column) continue;
            switch (cells[i])
            {
                case YamlScalar { IsNull: true }:
                    continue; // an empty cell: no value for this column
                case YamlScalar cell:
                    var value = r.Typed(cell, type, () => $"the value of {what} under {column.Value}");
                    if (value is null) continue;
                    var rowKeys = new Dictionary<string, string>(keyValues) { [keys[0]] = column.Value };
                    var rowLocations = new Dictionary<string, SourceLocation>(keyLocations) { [keys[0]] = column.Location };
                    var cited = citation.Length == 0 ? "" : $"{citation} ({(column.Value == ParameterRow.Wildcard ? $"any other {keys[0]}" : column.Value)})";
                    result.Add(new ParameterRow(rowKeys, value, effective, cited, confidence, cell.Location, derivation) { KeyLocations = rowLocations });
                    break;
                default:
                    r.Diagnostics.Error(DiagnosticCodes.ParameterValueType, $"the value of {what} under {column.Value} must be a single {type.ToText()}, found {cells[i].ShapeName}",
                        cells[i].Location);
                    break;
            }
        }
        // A row missing a key value or with cells out of step with the columns gives no rows (they would be wrong or
        // could not be looked up), but the parameter exists, so that the expressions using it are not reported too.
        return complete ? result : [];
    }
}
