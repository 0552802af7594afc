using NtpRules.Language.Explanations;

namespace NtpRules.Assessment.Results;

// The result of one assessment run: what the reporting writers render and the decision log stores.
// Shapes follow the JSON report schema "ntp-assessment/2" one to one (2 added rates, recognition, region rollups,
// a threshold's derivation, a target's confidence and an indicator's "not applicable").

public sealed record AssessmentReport(
    RunInfo Run,
    IReadOnlyList<SubjectResult> Subjects,
    IReadOnlyList<Rollup> Rollups,
    IReadOnlyList<TargetResult> Targets);

public sealed record RunInfo(
    string RunId,
    DateOnly AsOf,
    IReadOnlyList<RuleSetUse> RuleSets,
    IReadOnlyList<InputFileUse> Inputs,
    string EngineVersion,
    DateTimeOffset GeneratedAt,
    string Engine = "ntp");

public sealed record RuleSetUse(string Id, string Version, string File, string Sha256);

public sealed record InputFileUse(string File, string Sha256);

public sealed record SubjectResult(
    string Id,
    string Name,
    string Kind,
    string? Parent,
    IReadOnlyList<StandardResult> Standards,
    IReadOnlyList<ClassificationResult> Classifications)
{
    /// <summary>Poor and near-poor household rates, for communes, districts and provinces (null for other kinds).</summary>
    public HouseholdRates? Rates { get; init; }

    /// <summary>Per commune tier: "meets the criteria" beside "eligible for recognition" (Decision 18/2022/QĐ-TTg).</summary>
    public IReadOnlyList<RecognitionResult> Recognition { get; init; } = [];

    /// <summary>Outcomes of C# rules run beside the YAML rule sets (nrules engine); null when there are none.</summary>
    public IReadOnlyList<AdditionalResult>? Additional { get; init; }

    /// <summary>For a commune merged from old ones (<c>--merge-map</c>): its predecessors and where each value came from; else null.</summary>
    public MergeProvenance? Merge { get; init; }
}

/// <summary>The old communes a merged commune was built from, and each indicator value it got from them.</summary>
public sealed record MergeProvenance(IReadOnlyList<string> Predecessors, IReadOnlyList<MergedValue> Values);

/// <summary>
/// One indicator of a merged commune: its value (null: unknown), the merge rule applied (<c>weighted_by …</c>, <c>sum</c>,
/// <c>all</c>, <c>any</c>, <c>same</c>, <c>unknown</c>, <c>single</c> for a commune with one predecessor), each predecessor's
/// value (and weight), and a sentence saying how the value came out or why it is unknown.
/// </summary>
public sealed record MergedValue(string Key, object? Value, string Rule, IReadOnlyList<PredecessorValue> From, string Explanation);

/// <summary>A predecessor's value of an indicator and, for a weighted share, its weight (the base's value).</summary>
public sealed record PredecessorValue(string Id, object? Value, double? Weight = null);

/// <summary>
/// The poor and near-poor household rates (%) side by side: from the household records when the data has them
/// (<paramref name="Source"/> "households"), else from the annual-review columns ("review"); null when unknown.
/// </summary>
public sealed record HouseholdRates(double? PovertyRate, double? NearPoorRate, string Source);

/// <summary>A tier's standard (meets the criteria) and its recognition standard (eligible for recognition).</summary>
public sealed record RecognitionResult(string StandardId, Verdict MeetsCriteria, string RecognitionStandardId, Verdict EligibleForRecognition, string Reason);

public sealed record StandardResult(
    string Id,
    string Name,
    Verdict Verdict,
    int CriteriaMet,
    int CriteriaTotal,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<string> UnmetRequirements,
    string Reason,
    string Citation);

public sealed record CriterionResult(
    string Id,
    string Name,
    Verdict Verdict,
    IReadOnlyList<IndicatorExplanation> Indicators,
    string Citation);

public sealed record ClassificationResult(string Id, string Label, string Reason, string Citation);

/// <summary>The outcome of a rule written in C# beside the YAML rule sets (nrules engine).</summary>
public sealed record AdditionalResult(string RuleId, string Title, Verdict Verdict, string Reason, string Citation);

/// <summary>
/// Counts per standard and verdict over the communes of one province (or district), and the average criteria met.
/// Scope "region" groups the subjects by their socio-economic region (the regions of Decision 263/QĐ-TTg's targets).
/// </summary>
public sealed record Rollup(
    string Scope,
    string Id,
    string Name,
    IReadOnlyList<RollupStandard> Standards);

public sealed record RollupStandard(string StandardId, int Met, int NotMet, int Unknown, double AverageCriteriaMet);

public sealed record TargetResult(
    string Id,
    string Name,
    string Scope,
    Verdict Verdict,
    double? Actual,
    double? Target,
    string Baseline,
    double? Gap,
    string Reason,
    string Citation)
{
    /// <summary>confirmed, provisional or inferred: how sure the target value is.</summary>
    public string Confidence { get; init; } = "provisional";
}
