using NtpRules.Assessment.Data;

namespace NtpRules.Assessment.Tests.Data;

internal static class TestCatalogue
{
    public static readonly RecordCatalogue Instance = new(
        [
            new RecordKind("province", []),
            new RecordKind("district", ["province"]),
            new RecordKind("commune", ["district", "province"]),
            new RecordKind("household", ["commune"]),
        ],
        [
            new IndicatorColumn("region", "commune", ColumnType.Enum, Values: ["TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL"]),
            new IndicatorColumn("irrigated_land_pct", "commune", ColumnType.Number, 0, 100, Unit: "%"),
            new IndicatorColumn("has_craft_village", "commune", ColumnType.Boolean),
            new IndicatorColumn("population", "commune", ColumnType.Integer, 0),
            new IndicatorColumn("income_per_person", "household", ColumnType.Number, 0),
            new IndicatorColumn("deprivation_count", "household", ColumnType.Integer, 0, 12),
            new IndicatorColumn("area", "household", ColumnType.Enum, Values: ["rural", "urban"]),
            new IndicatorColumn("surveyed_on", "household", ColumnType.Date),
            new IndicatorColumn("head_name", "household", ColumnType.Text),
        ]);
}
