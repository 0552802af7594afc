using NtpRules.Language.Catalogue;
using NtpRules.Language.Documents;

namespace NtpRules.Assessment.Data;

/// <summary>Adapts the language's indicator catalogue to the data readers' view of it.</summary>
public static class CatalogueColumns
{
    /// <summary>The subject kinds and indicators of <paramref name="catalogue"/>. Derived indicators are computed, never read from data.</summary>
    public static RecordCatalogue ToRecordCatalogue(this IndicatorCatalogue catalogue) => new(
        catalogue.Subjects.Select(s => new RecordKind(s.Kind, s.Parents)),
        catalogue.Indicators.Select(i => new IndicatorColumn(i.Key, i.Subject, Map(i.Type), i.Min, i.Max, i.Values, i.Unit,
            ColumnNames.NamesOf(i).Skip(1).ToArray())));

    private static ColumnType Map(DataType t) => t switch
    {
        DataType.Number => ColumnType.Number,
        DataType.Integer => ColumnType.Integer,
        DataType.Boolean => ColumnType.Boolean,
        DataType.Date => ColumnType.Date,
        DataType.Enum => ColumnType.Enum,
        _ => ColumnType.Text,
    };
}
