namespace NtpRules.Language.Documents;

/// <summary>
/// The keys each kind of object in a rule document may have. The loaders reject any other key, and the JSON
/// Schemas under <c>rules/schema/</c> are tested to declare exactly these (the names are the schemas' <c>$defs</c>).
/// Parameter rows and test subjects additionally take the table keys / indicator keys they name.
/// </summary>
internal static class KnownKeys
{
    public static readonly string[] Text = ["vi", "en"];
    public static readonly string[] Effective = ["from", "to"];

    public static readonly string[] Catalogue = ["kind", "subjects", "indicators", "derived"];
    public static readonly string[] SubjectKind = ["kind", "name", "parents"];
    public static readonly string[] Indicator = ["key", "subject", "type", "values", "unit", "range", "description", "aliases", "merge"];
    public static readonly string[] IndicatorMerge = ["rule", "weighted_by", "reason"];
    public static readonly string[] Derived = ["key", "subject", "type", "unit", "expr", "description"];

    public static readonly string[] RuleSet =
        ["kind", "id", "version", "title", "effective", "source", "status", "subject", "definitions", "parameters", "parameter_tables", "criteria", "standards",
            "classifications", "targets"];
    public static readonly string[] Definition = ["id", "expr", "citation"];
    public static readonly string[] Parameter = ["id", "title", "type", "unit", "value", "effective", "citation", "confidence", "derivation", "published", "keys", "values"];
    public static readonly string[] ParameterRow = ["value", "effective", "citation", "confidence", "derivation", "published"];
    public static readonly string[] ParameterTable = ["keys", "columns", "type", "unit", "confidence", "effective", "rows"];
    public static readonly string[] ParameterTableRow = ["id", "title", "type", "unit", "values", "citation", "confidence", "derivation", "effective"];
    public static readonly string[] Criterion = ["id", "number", "group", "name", "citation", "indicators"];
    public static readonly string[] CriterionIndicator = ["id", "name", "subject", "condition", "applies_if", "citation"];
    public static readonly string[] Standard = ["id", "name", "criteria", "at_least", "requires", "conditions", "citation"];
    public static readonly string[] StandardCondition = ["id", "expr", "citation"];
    public static readonly string[] Classification = ["id", "subject", "citation", "cases", "otherwise"];
    public static readonly string[] ClassificationCase = ["label", "when", "citation"];
    public static readonly string[] Target = ["id", "name", "scope", "actual", "op", "target", "baseline", "citation", "confidence"];
    public static readonly string[] Baseline = ["period", "dataset", "description"];

    public static readonly string[] TestFile = ["kind", "rule_set", "as_of", "fixtures", "cases"];
    public static readonly string[] TestCase = ["name", "as_of", "subjects", "baseline", "expect"];
    public static readonly string[] TestSubject = ["kind", "id", "extends"];
    public static readonly string[] TestExpectation = ["indicators", "criteria", "standards", "classifications", "targets", "criteria_met", "reasons"];

    /// <summary>Every object shape by its schema <c>$defs</c> name.</summary>
    public static IReadOnlyDictionary<string, string[]> All { get; } = new Dictionary<string, string[]>
    {
        ["text"] = Text, ["effective"] = Effective,
        ["catalogue"] = Catalogue, ["subjectKind"] = SubjectKind, ["indicator"] = Indicator, ["indicatorMerge"] = IndicatorMerge, ["derived"] = Derived,
        ["ruleSet"] = RuleSet, ["definition"] = Definition, ["parameter"] = Parameter, ["parameterRow"] = ParameterRow,
        ["parameterTable"] = ParameterTable, ["parameterTableRow"] = ParameterTableRow,
        ["criterion"] = Criterion, ["criterionIndicator"] = CriterionIndicator, ["standard"] = Standard,
        ["standardCondition"] = StandardCondition, ["classification"] = Classification, ["classificationCase"] = ClassificationCase,
        ["target"] = Target, ["baseline"] = Baseline,
        ["testFile"] = TestFile, ["testCase"] = TestCase, ["testSubject"] = TestSubject, ["testExpectation"] = TestExpectation,
    };
}
