namespace NtpRules.Assessment.Data;

/// <summary>Stable codes of the problems the data readers report.</summary>
public static class DataCodes
{
    public const string FileNotFound = "NTP5000";
    public const string BadEncoding = "NTP5001";
    public const string EmptyFile = "NTP5002";
    public const string NoRows = "NTP5003";
    public const string MissingIdColumn = "NTP5004";
    public const string MissingParentColumn = "NTP5005";
    public const string RaggedRow = "NTP5006";
    public const string UnknownColumn = "NTP5007";
    public const string WrongType = "NTP5008";
    public const string OutOfRange = "NTP5009";
    public const string NotAllowedValue = "NTP5010";
    public const string DuplicateId = "NTP5011";
    public const string EmptyId = "NTP5012";
    public const string UnknownKind = "NTP5013";
    public const string DuplicateColumn = "NTP5014";
    public const string MalformedCsv = "NTP5015";
    public const string MalformedDocument = "NTP5016";
    public const string UnsupportedFile = "NTP5017";
    public const string WrongShape = "NTP5018";
    public const string BadAsOf = "NTP5019";
    public const string UnknownParent = "NTP5020";
    public const string MisspelledIndicator = "NTP5021";
    public const string SameIndicatorTwice = "NTP5022";
    public const string BadSpreadsheet = "NTP5023";
    // Administrative units (--units): a code not in the list, a name or province that does not match the code, a bad list.
    public const string UnknownUnit = "NTP5030";
    public const string UnitNameMismatch = "NTP5031";
    public const string UnitProvinceMismatch = "NTP5032";
    public const string BadUnitsFile = "NTP5033";
    // Merging old communes into new ones (--merge-map, data merge).
    public const string BadMergeMap = "NTP5040";
    public const string MappedTwice = "NTP5041";
    public const string MappedCommuneNotInData = "NTP5042";
    public const string CommuneNotMapped = "NTP5043";
    public const string MergedAcrossProvinces = "NTP5044";
}
