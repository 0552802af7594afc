using NtpRules.Language.Explanations;

namespace NtpRules.Assessment.Results;

// The result of one assessment run: what the reporting writers render and the decision log stores.
// Shapes follow the JSON report schema "ntp-assessment/1" one to one.

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
    IReadOnlyList<ClassificationResult> Classifications,
    IReadOnlyList<AdditionalResult>? Additional = null);

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

/// <summary>Counts per standard and verdict over the communes of one province (or district), and the average criteria met.</summary>
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
    string Citation);
