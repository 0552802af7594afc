using NtpRules.Language.Catalogue;
using NtpRules.Language.Documents;

namespace NtpRules.Assessment.Data;

/// <summary>The value type of a data column, as declared in the catalogue.</summary>
public enum ColumnType { Number, Integer, Boolean, Text, Date, Enum }

/// <summary>
/// One indicator a record of <paramref name="Subject"/> may carry: its type and allowed values. <paramref name="Names"/>
/// are the other names a header may give it (Vietnamese title, aliases), matched as <see cref="ColumnNames.Fold"/> says.
/// </summary>
public sealed record IndicatorColumn(
    string Key,
    string Subject,
    ColumnType Type,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Values = null,
    string? Unit = null,
    IReadOnlyList<string>? Names = null);

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
    // Key, titles and aliases folded (case, spacing, diacritics set aside) → the indicator they name.
    private readonly Dictionary<(string Subject, string Name), IndicatorColumn> _byName;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _namesOf = new();

    public RecordCatalogue(IEnumerable<RecordKind> kinds, IEnumerable<IndicatorColumn> columns)
    {
        _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
        _columns = new();
        _byName = new();
        foreach (var c in columns)
        {
            _columns[(c.Subject, c.Key)] = c;
            foreach (var name in NamesOf(c)) _byName.TryAdd((c.Subject, ColumnNames.Fold(name)), c);
        }
    }

    public IReadOnlyCollection<RecordKind> Kinds => _kinds.Values;

    public RecordKind? FindKind(string kind) => _kinds.GetValueOrDefault(kind);

    public IndicatorColumn? FindColumn(string subject, string key) => _columns.GetValueOrDefault((subject, key));

    public IEnumerable<IndicatorColumn> ColumnsOf(string subject) => _columns.Values.Where(c => c.Subject == subject);

    /// <summary>
    /// The indicator a header names: its key exactly, else its key, Vietnamese title or an alias with case, spacing,
    /// Unicode form and diacritics set aside.
    /// </summary>
    public IndicatorColumn? MatchColumn(string subject, string header) =>
        FindColumn(subject, header) ?? _byName.GetValueOrDefault((subject, ColumnNames.Fold(header)))
        // "Tỷ lệ hộ nghèo (%)": a unit or note in closing brackets after a known name.
        ?? (ColumnNames.Title(header) is { } bare && bare.Length < header.Trim().Length ? _byName.GetValueOrDefault((subject, ColumnNames.Fold(bare))) : null);

    /// <summary>
    /// The indicator whose key, title or alias is closest to a header that names none (by edit distance on the folded
    /// names, within a third of the header's length): a header that probably meant it. Null when none is that close.
    /// </summary>
    public IndicatorColumn? ClosestColumn(string subject, string header)
    {
        var folded = ColumnNames.Fold(header);
        if (folded.Length == 0) return null;
        if (!_namesOf.TryGetValue(subject, out var names))
            _namesOf[subject] = names = _byName.Keys.Where(k => k.Subject == subject).Select(k => k.Name).Order(StringComparer.Ordinal).ToArray();
        return EditDistance.Closest(folded, names) is { } name ? _byName[(subject, name)] : null;
    }

    private static IEnumerable<string> NamesOf(IndicatorColumn c) => c.Names is null ? [c.Key] : c.Names.Prepend(c.Key);
}
