namespace NtpRules.Language.Documents;

/// <summary>
/// Stable codes of the problems found while loading rule documents. NTP10xx YAML, NTP11xx document shape,
/// NTP12xx catalogue, NTP13xx rule set, NTP14xx versions and library, NTP15xx rule-set tests.
/// (Expression codes belong to the expression checker.)
/// </summary>
public static class DiagnosticCodes
{
    public const string YamlSyntax = "NTP1001";
    public const string DocumentTooLarge = "NTP1002";
    public const string TooDeep = "NTP1003";
    public const string AliasLimit = "NTP1004";
    public const string DuplicateKey = "NTP1005";
    public const string EmptyDocument = "NTP1006";
    public const string TooManyNodes = "NTP1007";

    public const string UnknownKey = "NTP1101";
    public const string MissingKey = "NTP1102";
    public const string WrongShape = "NTP1103";
    public const string NotADate = "NTP1104";
    public const string NotANumber = "NTP1105";
    public const string NotABoolean = "NTP1106";
    public const string BadChoice = "NTP1107";
    public const string WrongKind = "NTP1108";
    public const string BadDateRange = "NTP1109";
    public const string EmptyText = "NTP1110";

    public const string DuplicateSubjectKind = "NTP1201";
    public const string UnknownSubjectKind = "NTP1202";
    public const string DuplicateIndicator = "NTP1203";
    public const string BadRange = "NTP1204";
    public const string ParentCycle = "NTP1205";
    public const string EnumWithoutValues = "NTP1206";
    public const string ValuesOnNonEnum = "NTP1207";
    public const string AmbiguousColumnName = "NTP1209";
    public const string BadMergeRule = "NTP1208";

    public const string MissingCitation = "NTP1301";
    public const string DuplicateId = "NTP1302";
    public const string UnknownTableKey = "NTP1303";
    public const string RowKeysMismatch = "NTP1304";
    public const string OverlappingRows = "NTP1305";
    public const string UnknownCriterion = "NTP1306";
    public const string UnknownStandard = "NTP1307";
    public const string AtLeastOutOfRange = "NTP1308";
    public const string ParameterValueType = "NTP1309";
    public const string ValueOrValues = "NTP1310";
    public const string NoCases = "NTP1311";
    public const string HidesIndicator = "NTP1312";
    public const string DerivationMismatch = "NTP1313";
    public const string UnpublishedWithValue = "NTP1314";
    /// <summary>A table key value (a row's key or a decision table's column) that is not in the key's domain.</summary>
    public const string KeyNotInDomain = "NTP1315";
    /// <summary>Warning: a table has no row, and no default row, for some values of a key's domain.</summary>
    public const string TableMissesKeyValues = "NTP1316";
    public const string DuplicateColumn = "NTP1317";
    /// <summary>A decision-table row has more or fewer values than the table has columns.</summary>
    public const string CellCount = "NTP1318";
    /// <summary>Rows of one parameter in a decision table disagree on its type or unit.</summary>
    public const string TableRowConflict = "NTP1319";

    public const string OverlappingVersions = "NTP1401";
    public const string VersionGap = "NTP1402";
    public const string DuplicateVersion = "NTP1403";
    public const string UnreadableFile = "NTP1404";
    public const string DuplicateStandard = "NTP1405";
    public const string FolderMismatch = "NTP1406";
    /// <summary>A path given to check or diff one rule set is not a rule-set file (rules/&lt;id&gt;/&lt;version&gt;.yaml) of a library.</summary>
    public const string NotARuleSetFile = "NTP1407";

    public const string UnknownRuleSet = "NTP1501";
    public const string UnknownFixture = "NTP1502";
    public const string UnknownExpectationId = "NTP1503";
    public const string UnknownTestSubject = "NTP1504";
    public const string BadVerdict = "NTP1505";
    public const string UnknownTestIndicator = "NTP1506";
    public const string DuplicateTestSubject = "NTP1507";
    public const string NoVersionInForce = "NTP1508";
}
