using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting.Tests;

/// <summary>
/// A small report built by hand: two communes (one meets the standard, one has an unknown), a household, a rollup and a
/// target; the run defines the standard, its criterion and indicator, and the threshold's row, as the rule files would.
/// </summary>
internal static class ReportFixture
{
    public const string IrrigationRow = "ntm-commune/irrigation_min/0";

    public static RuleDefinitions Definitions { get; } = new(
        [new StandardDefinition("ntm-commune", "ntm-commune", "New-rural commune", "Decision 318/QĐ-TTg, Article 1",
            [new CriterionDefinition("c03", "Thủy lợi", "Decision 318, criterion 3",
                [new IndicatorDefinition("3.1", "Irrigated land share", "Decision 318/QĐ-TTg, Annex I, criterion 3.1", "irrigated_land_pct >= irrigation_min")])])],
        [new ParameterRowDefinition(IrrigationRow, "irrigation_min", "%", new Dictionary<string, string> { ["region"] = "TDMNPB" },
            "Decision 318/QĐ-TTg, Annex I, 3.1", "provisional", null)]);

    public static IndicatorExplanation Indicator(string id, Verdict v, double? value, string[]? missing = null, string name = "Irrigated land share") => new(
        id, name, v, "irrigated_land_pct >= irrigation_min",
        new Dictionary<string, object?> { ["irrigated_land_pct"] = value },
        [new ThresholdUse("irrigation_min", 80.0, new Dictionary<string, string> { ["region"] = "TDMNPB" }, "%", "Decision 318/QĐ-TTg, Annex I, 3.1", "provisional",
            Row: IrrigationRow)],
        v == Verdict.NotMet && value is { } x ? 80 - x : null,
        v switch { Verdict.Met => $"{value} ≥ 80", Verdict.NotMet => $"{value} < 80", _ => "irrigated_land_pct is missing" },
        "Decision 318/QĐ-TTg, Annex I, criterion 3.1",
        missing ?? []);

    public static StandardResult Standard(Verdict v, int met, params CriterionResult[] criteria) =>
        new("ntm-commune", "New-rural commune", v, met, 19, criteria, [], $"{met} of 19 criteria met", "Decision 318/QĐ-TTg, Article 1");

    public static AssessmentReport Build(string communeName = "Xã Bản Phố", string reason = "85 ≥ 80") => new(
        new RunInfo("run-1", new DateOnly(2024, 12, 31),
            [new RuleSetUse("ntm-commune", "2021-2025", "rules/ntm-commune/2021-2025.yaml", new string('a', 64))],
            [new InputFileUse("samples/lao-cai-2024/communes.csv", new string('b', 64))],
            "0.1.0", new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero)) { Definitions = Definitions },
        [
            new SubjectResult("C1", communeName, "commune", "D1",
                [Standard(Verdict.Met, 19, new CriterionResult("c03", "Thủy lợi", Verdict.Met, [Indicator("3.1", Verdict.Met, 85) with { Reason = reason }], "Decision 318, criterion 3"))],
                []),
            new SubjectResult("C2", "Xã Cốc San", "commune", "D1",
                [Standard(Verdict.Unknown, 18, new CriterionResult("c03", "Thủy lợi", Verdict.Unknown, [Indicator("3.1", Verdict.Unknown, null, ["irrigated_land_pct"])], "Decision 318, criterion 3"))],
                []),
            new SubjectResult("H1", "Hộ Lò Văn A", "household", "C1", [],
                [new ClassificationResult("poverty_status", "poor", "income 1,200,000 ≤ 1,500,000 and 4 deprivations ≥ 3", "Decree 07/2021/NĐ-CP, Article 3")]),
        ],
        [new Rollup("province", "P10", "Lào Cai", [new RollupStandard("ntm-commune", 1, 0, 1, 18.5)])],
        [new TargetResult("ntm-share", "80 % of communes meet NTM", "province", Verdict.NotMet, 50, 80, "2021-2025", 30, "50 < 80", "Resolution 25/2021/QH15")]);
}
