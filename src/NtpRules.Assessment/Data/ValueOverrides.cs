using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Assessment.Data;

/// <summary>
/// What-if values (<c>explain --set key=value</c>): replaces indicator values of one subject's record before it is
/// assessed. Each value is parsed and checked as a data cell of its column would be; a key that is not an indicator
/// of the subject's kind is an error with the closest key.
/// </summary>
public static class ValueOverrides
{
    public const string Source = "--set";

    public static IReadOnlyList<DataRecord> Apply(IReadOnlyList<DataRecord> records, string subjectId, IReadOnlyDictionary<string, string> values,
        RecordCatalogue catalogue, DiagnosticBag diagnostics)
    {
        if (values.Count == 0) return records;
        var result = records.ToArray();
        var index = Array.FindIndex(result, r => r.Id == subjectId);
        if (index < 0) return records; // the caller reports the unknown subject
        var record = result[index];
        var changed = new Dictionary<string, object?>(record.Values);
        foreach (var (key, text) in values)
        {
            var at = SourceLocation.None($"{Source} {key}={text}");
            if (catalogue.FindColumn(record.Kind, key) is not { } column)
            {
                diagnostics.Error(DataCodes.UnknownColumn, $"'{key}' is not an indicator of {record.Kind} in the catalogue", at,
                    EditDistance.Hint(key, catalogue.ColumnsOf(record.Kind).Select(c => c.Key)));
                continue;
            }
            if (CellParser.IsMissing(text)) changed[column.Key] = null;
            else if (CellParser.TryParse(column, text, out var value, out var code, out var problem)) changed[column.Key] = value;
            else diagnostics.Error(code, $"'{key}': value '{text}' {problem}", at);
        }
        result[index] = record with { Values = changed };
        return result;
    }
}
