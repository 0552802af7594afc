using NtpRules.Language.Explanations;

namespace NtpRules.Assessment.Results;

// The result of one assessment run: what the reporting writers render and the decision log stores.
// Shapes follow the JSON report schema "ntp-assessment/3" (2 added rates, recognition, region rollups, a threshold's
// derivation, a target's confidence and an indicator's "not applicable"; 3 writes what the rule files say the same way
// for every subject once, from RunInfo.Definitions, and leaves out fields at their default: the model keeps them all).

public sealed record AssessmentReport(
    RunInfo Run,
    IReadOnlyList<SubjectResult> Subjects,
    IReadOnlyList<Rollup> Rollups,
    IReadOnlyList<TargetResult> Targets);

/// <summary>What a lenient run did with a data problem it read past.</summary>
public enum DataProblemEffect
{
    /// <summary>The cell was read as missing: the indicator is unknown for that subject.</summary>
    CellUnknown,
    /// <summary>The column was ignored: its indicator is unknown for the file's subjects.</summary>
    ColumnIgnored,
    /// <summary>The row could not be read as a subject and was left out.</summary>
    RowSkipped,
    /// <summary>Reported only (a parent id naming no record: the subject counts in no parent's roll-up).</summary>
    Warning,
}

/// <summary>A data error a lenient run read past, with where it is and what was done about it.</summary>
public sealed record DataProblem(string Code, string Message, string File, int Line, int Column, string? Hint, DataProblemEffect Effect)
{
    /// <summary>
    /// One line for a run's data problems: "12 cells read as unknown in 2 files", then columns ignored, rows left out
    /// and parent ids not found when there are any.
    /// </summary>
    public static string Summary(IReadOnlyList<DataProblem> problems)
    {
        static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
        var cells = problems.Count(p => p.Effect == DataProblemEffect.CellUnknown);
        var files = problems.Select(p => p.File).Distinct(StringComparer.Ordinal).Count();
        var parts = new List<string> { $"{Count(cells, "cell", "cells")} read as unknown" };
        if (problems.Count(p => p.Effect == DataProblemEffect.ColumnIgnored) is > 0 and var columns) parts.Add($"{Count(columns, "column", "columns")} ignored");
        if (problems.Count(p => p.Effect == DataProblemEffect.RowSkipped) is > 0 and var rows) parts.Add($"{Count(rows, "row", "rows")} left out");
        if (problems.Count(p => p.Effect == DataProblemEffect.Warning) is > 0 and var parents) parts.Add($"{Count(parents, "parent id", "parent ids")} not found");
        return $"{string.Join(", ", parts)} in {Count(files, "file", "files")}";
    }

    /// <summary>What was done, in words: "read as unknown", "column ignored", "row left out", "reported".</summary>
    public string EffectText => Effect switch
    {
        DataProblemEffect.CellUnknown => "read as unknown",
        DataProblemEffect.ColumnIgnored => "column ignored",
        DataProblemEffect.RowSkipped => "row left out",
        _ => "reported",
    };
}

public sealed record RunInfo(
    string RunId,
    DateOnly AsOf,
    IReadOnlyList<RuleSetUse> RuleSets,
    IReadOnlyList<InputFileUse> Inputs,
    string EngineVersion,
    DateTimeOffset GeneratedAt,
    string Engine = "ntp")
{
    /// <summary>
    /// The Vietnamese names the rule files give, keyed by standard id, "standard/criterion" and
    /// "standard/criterion/indicator" (the results carry the English ones): for reports in either language. Not part of
    /// the JSON report.
    /// </summary>
    public IReadOnlyDictionary<string, string> VietnameseNames { get; init; } = new Dictionary<string, string>();

    /// <summary>The Vietnamese name under <paramref name="key"/>, else <paramref name="english"/>.</summary>
    public string Vietnamese(string key, string english) => VietnameseNames.TryGetValue(key, out var vi) ? vi : english;

    /// <summary>
    /// The names, citations and expressions of the standards, criteria and indicators, and the parameter rows, of the
    /// rule sets in force: the JSON report's <c>definitions</c>. None for a report not made from rule files.
    /// </summary>
    public RuleDefinitions Definitions { get; init; } = RuleDefinitions.None;

    /// <summary>Errors in the data that a lenient run (<c>--lenient</c>) read past; empty otherwise.</summary>
    public IReadOnlyList<DataProblem> DataProblems { get; init; } = [];
}

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

    /// <summary>What the target measures, as the rule file writes it (<c>share(commune, met('ntm-commune'))</c>), and how
    /// it is compared with the target (<c>&gt;=</c>): for the reports' sentences; not part of the JSON report.</summary>
    public string? Measure { get; init; }

    /// <inheritdoc cref="Measure"/>
    public string? Comparison { get; init; }
}
