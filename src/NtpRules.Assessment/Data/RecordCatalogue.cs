namespace NtpRules.Assessment.Data;

/// <summary>The value type of a data column, as declared in the catalogue.</summary>
public enum ColumnType { Number, Integer, Boolean, Text, Date, Enum }

/// <summary>One indicator a record of <paramref name="Subject"/> may carry: its type and allowed values.</summary>
public sealed record IndicatorColumn(
    string Key,
    string Subject,
    ColumnType Type,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Values = null,
    string? Unit = null);

/// <summary>A subject kind and the kinds of its parents (a commune row may carry district_id and/or province_id).</summary>
public sealed record RecordKind(string Kind, IReadOnlyList<string> Parents);

/// <summary>
/// What the data readers need from the indicator catalogue: subject kinds and the indicators each may carry.
/// Kept narrow so the language's catalogue model can be adapted to it in one place.
/// </summary>
public sealed class RecordCatalogue
{
    private readonly Dictionary<string, RecordKind> _kinds;
    private readonly Dictionary<(string Subject, string Key), IndicatorColumn> _columns;

    public RecordCatalogue(IEnumerable<RecordKind> kinds, IEnumerable<IndicatorColumn> columns)
    {
        _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
        _columns = new();
        foreach (var c in columns) _columns[(c.Subject, c.Key)] = c;
    }

    public IReadOnlyCollection<RecordKind> Kinds => _kinds.Values;

    public RecordKind? FindKind(string kind) => _kinds.GetValueOrDefault(kind);

    public IndicatorColumn? FindColumn(string subject, string key) => _columns.GetValueOrDefault((subject, key));

    public IEnumerable<IndicatorColumn> ColumnsOf(string subject) => _columns.Values.Where(c => c.Subject == subject);
}
