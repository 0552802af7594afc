using System.Runtime.CompilerServices;
using NtpRules.Assessment;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Cli.Pipeline;

/// <summary><see cref="IAssessor"/> over the assessment layer's <see cref="Assessor"/>, one per loaded library (its compiled networks are reused).</summary>
public sealed class AssessorPipeline : IAssessor
{
    private readonly ConditionalWeakTable<LanguageRuleLibrary, Assessor> _assessors = new();

    public AssessmentOutcome Assess(IRuleLibrary rules, AssessmentRequest request, IProgress<AssessmentProgress>? progress, CancellationToken cancellation)
    {
        if (rules is not LanguageRuleLibrary library)
            return new AssessmentOutcome(null, [Diagnostic.Error("NTP9001", "this rule library was not loaded by the language layer", SourceLocation.None(rules.Directory))]);
        var assessor = _assessors.GetValue(library, l => new Assessor(l.Library));
        var result = assessor.Assess(request.DataFiles, new AssessmentOptions
        {
            AsOf = request.AsOf,
            Standards = request.Standards,
            Subject = request.Subject,
            RunId = request.RunId,
            BaselineData = request.BaselineFiles is { Count: > 0 } b ? b : null,
            Overrides = request.Overrides ?? new Dictionary<string, string>(),
        }, progress is null ? null : new Progress<long>(n => progress.Report(new AssessmentProgress(n, n))), cancellation);
        return new AssessmentOutcome(result.Report, result.Diagnostics);
    }
}
