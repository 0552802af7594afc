using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.Catalogue;

/// <summary>
/// An indicator a data record may carry (a data column). <see cref="Values"/> lists the allowed values of an enum;
/// <see cref="Min"/> and <see cref="Max"/> bound numbers inclusively (null = unbounded). <see cref="Aliases"/> are other
/// column names spreadsheets use for it (see <see cref="ColumnNames"/> for how headers are matched).
/// </summary>
public sealed record CatalogueIndicator(
    string Key,
    string Subject,
    DataType Type,
    IReadOnlyList<string> Values,
    string? Unit,
    double? Min,
    double? Max,
    LocalizedText Description,
    SourceLocation Location,
    IReadOnlyList<string>? Aliases = null)
{
    /// <summary>The Vietnamese title a spreadsheet header may carry: the description without its closing citation.</summary>
    public string? Title => ColumnNames.Title(Description.Vi);

    /// <summary>How a merged commune gets this indicator from its predecessors; null: no rule declared (it stays unknown).</summary>
    public IndicatorMerge? Merge { get; init; }
}
