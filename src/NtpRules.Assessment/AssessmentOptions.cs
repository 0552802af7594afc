using Microsoft.Extensions.Logging;
using NtpRules.Assessment.Results;
using NtpRules.Language.Engines;
using NtpRules.Language.Engines.NRules;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment;

/// <summary>
/// How to run an assessment. <see cref="AsOf"/> null: the date the data declares, else the date its name implies,
/// else today. <see cref="Standards"/> empty: report every standard. <see cref="Subject"/>: assess only that subject's
/// province (<see cref="Partitions.ProvincePartition"/>) and report only that subject (rollups and targets cover that
/// province). <see cref="BaselineData"/>: the data <c>baseline(expr)</c> reads; when null,
/// a folder beside the data named by a target's <c>baseline: {dataset: …}</c> is used if it exists.
/// </summary>
public sealed record AssessmentOptions
{
    public DateOnly? AsOf { get; init; }
    public IReadOnlyList<string> Standards { get; init; } = [];
    public string? Subject { get; init; }
    public bool Explain { get; init; } = true;
    public IReadOnlyList<string>? BaselineData { get; init; }
    /// <summary>The as-of date of the baseline data; null: the date it declares or implies, else a year before <see cref="AsOf"/>.</summary>
    public DateOnly? BaselineAsOf { get; init; }
    public string? RunId { get; init; }
    /// <summary>The engine the rules run on; NRules unless the fast path (<c>ntp</c>) is asked for.</summary>
    public RuleEngineKind Engine { get; init; } = RuleEngineKind.NRules;
    /// <summary>Rules written in C# to run beside the YAML ones (NRules only).</summary>
    public CSharpRules? CSharpRules { get; init; }
    /// <summary>Where the engine's events go (NRules: rules fired at debug level, failures as errors).</summary>
    public ILogger? EngineLog { get; init; }
    /// <summary>What-if values replacing the data of <see cref="Subject"/> (indicator key → text as a data cell would hold it).</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// Read past bad data (<c>--lenient</c>): a bad cell is read as unknown, a bad column or row is left out, a parent id
    /// naming no record is a warning; each is listed in <see cref="Results.RunInfo.DataProblems"/> and as a warning.
    /// </summary>
    public bool Lenient { get; init; }
    /// <summary>An administrative-units list (columns of vn-admin-units-2026.csv) the commune and province ids are checked against; null: no check.</summary>
    public string? UnitsFile { get; init; }
    /// <summary>A mapping of old communes to merged ones (CSV old_id,new_id): the data's old communes are merged before they are assessed.</summary>
    public string? MergeMap { get; init; }
    /// <summary>
    /// Assess province by province (<see cref="Partitions.PartitionedAssessment"/>), memory bounded by the largest
    /// province; false: one session over all the records, the reference the partitioned run gives the same reports as.
    /// </summary>
    public bool Partitioned { get; init; } = true;
    /// <summary>How many provinces are assessed at once.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>
    /// A partitioned run assesses the records of leaf kinds (households) of a province with more of them than this
    /// in sessions of at most this many (<see cref="Partitions.LeafSlices"/>), so that a province's sessions do not grow
    /// with its households; 0: never.
    /// </summary>
    public int LeafSliceSize { get; init; } = 5_000;
    /// <summary>
    /// How many assessed subjects of provinces done may wait for the report writers, beyond the provinces being
    /// assessed, before the workers wait for the writers.
    /// </summary>
    public long SubjectsWaiting { get; init; } = 20_000;
    /// <summary>
    /// Where a run's temporary files go (the records sorted by province, the households' report entries waiting for
    /// their province's other subjects); null: the system's temporary folder. Each is deleted when the run ends.
    /// </summary>
    public string? TemporaryFolder { get; init; }
}

/// <summary>The report of a completed run, or null with the errors (rules or data, with locations) that prevented it.</summary>
public sealed record AssessmentResult(AssessmentReport? Report, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Report is not null && !Diagnostics.Any(d => d.IsError);
}
