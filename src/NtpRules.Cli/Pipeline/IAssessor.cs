using NtpRules.Assessment;
using NtpRules.Assessment.Results;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Engines;

namespace NtpRules.Cli.Pipeline;

/// <summary>
/// What to assess: data files, the as-of date (null: the date the data declares, else today), the standards to report
/// (empty: all), the run id to record, an optional single subject (for explain), the baseline data files that
/// <c>baseline(expr)</c> in targets reads (empty: none), the engine, assemblies of C# rules to run beside the YAML ones,
/// whether to read past bad data (<c>--lenient</c>), the administrative-units list the ids are checked against, and the
/// mapping of old communes to merged ones the data is merged by before it is assessed.
/// </summary>
public sealed record AssessmentRequest(
    IReadOnlyList<string> DataFiles,
    DateOnly? AsOf,
    IReadOnlyList<string> Standards,
    string RunId,
    string? Subject = null,
    IReadOnlyList<string>? BaselineFiles = null,
    IReadOnlyDictionary<string, string>? Overrides = null,
    RuleEngineKind Engine = RuleEngineKind.NRules,
    IReadOnlyList<string>? CSharpRules = null,
    bool Lenient = false,
    string? UnitsFile = null,
    string? MergeMap = null);

/// <summary>The report when the run completed, else null; and every rule or data problem found, with its location.</summary>
public sealed record AssessmentOutcome(AssessmentReport? Report, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Report is not null && !Diagnostics.Any(d => d.IsError);
}

/// <summary>Progress of a run: subjects assessed so far, and the total when known.</summary>
public readonly record struct AssessmentProgress(long Done, long? Total);

/// <summary>Runs the rule sets of a library, in force on the as-of date, over data files. Implemented by the assessment layer.</summary>
public interface IAssessor
{
    AssessmentOutcome Assess(IRuleLibrary rules, AssessmentRequest request, IProgress<AssessmentProgress>? progress, CancellationToken cancellation);

    /// <summary>
    /// Runs the assessment handing each subject to <paramref name="subjects"/> as it is assessed; the report returned
    /// has the run, roll-ups and targets, and no subjects. By default the run is assessed whole, then handed over.
    /// </summary>
    AssessmentOutcome Assess(IRuleLibrary rules, AssessmentRequest request, IProgress<AssessmentProgress>? progress, ISubjectSink subjects,
        CancellationToken cancellation)
    {
        var outcome = Assess(rules, request, progress, cancellation);
        if (outcome.Report is not { } report) return outcome;
        subjects.Begin(report.Run);
        foreach (var s in report.Subjects) subjects.Add(s);
        subjects.ProvinceDone(report.Rollups);
        return outcome with { Report = report with { Subjects = [] } };
    }
}
