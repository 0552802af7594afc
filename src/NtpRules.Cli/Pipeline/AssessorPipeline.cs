using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using NtpRules.Assessment;
using NtpRules.Assessment.Partitions;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Engines;
using NtpRules.Language.Engines.NRules;

namespace NtpRules.Cli.Pipeline;

/// <summary><see cref="IAssessor"/> over the assessment layer's <see cref="Assessor"/>, one per loaded library (its compiled networks are reused).</summary>
public sealed class AssessorPipeline(ILogger? engineLog = null) : IAssessor
{
    private readonly ConditionalWeakTable<LanguageRuleLibrary, Assessor> _assessors = new();
    // C# rule assemblies load once per process (an assembly cannot be unloaded from the default context).
    private static readonly ConcurrentDictionary<string, (CSharpRules? Rules, IReadOnlyList<Diagnostic> Diagnostics)> CSharp = new();

    public AssessmentOutcome Assess(IRuleLibrary rules, AssessmentRequest request, IProgress<AssessmentProgress>? progress, CancellationToken cancellation) =>
        Run(rules, request, progress, null, cancellation);

    public AssessmentOutcome Assess(IRuleLibrary rules, AssessmentRequest request, IProgress<AssessmentProgress>? progress, ISubjectSink subjects,
        CancellationToken cancellation) =>
        Run(rules, request, progress, subjects, cancellation);

    private AssessmentOutcome Run(IRuleLibrary rules, AssessmentRequest request, IProgress<AssessmentProgress>? progress, ISubjectSink? subjects,
        CancellationToken cancellation)
    {
        if (rules is not LanguageRuleLibrary library)
            return new AssessmentOutcome(null, [Diagnostic.Error("NTP9001", "this rule library was not loaded by the language layer", SourceLocation.None(rules.Directory))]);
        CSharpRules? csharp = null;
        if (request.CSharpRules is { Count: > 0 } paths)
        {
            if (request.Engine != RuleEngineKind.NRules)
                return new AssessmentOutcome(null, [Diagnostic.Error("NTP5203", "C# rules run on the nrules engine only; drop --engine ntp or the C# rules",
                    SourceLocation.None(string.Join(", ", paths)))]);
            var loaded = CSharp.GetOrAdd(string.Join("|", paths.Select(Path.GetFullPath)), _ =>
            {
                var bag = new DiagnosticBag();
                return (CSharpRules.Load(paths, bag), bag.ToList());
            });
            if (loaded.Rules is null) return new AssessmentOutcome(null, loaded.Diagnostics);
            csharp = loaded.Rules;
        }
        var assessor = _assessors.GetValue(library, l => new Assessor(l.Library));
        var options = new AssessmentOptions
        {
            Engine = request.Engine,
            CSharpRules = csharp,
            EngineLog = engineLog,
            AsOf = request.AsOf,
            Standards = request.Standards,
            Subject = request.Subject,
            RunId = request.RunId,
            BaselineData = request.BaselineFiles is { Count: > 0 } b ? b : null,
            Overrides = request.Overrides ?? new Dictionary<string, string>(),
            Lenient = request.Lenient,
            UnitsFile = request.UnitsFile,
            MergeMap = request.MergeMap,
        };
        var done = progress is null ? null : new SubjectsDone(progress);
        var result = subjects is null ? assessor.Assess(request.DataFiles, options, done, cancellation)
            : assessor.Assess(request.DataFiles, options, subjects, done, cancellation);
        return new AssessmentOutcome(result.Report, result.Diagnostics);
    }

    /// <summary>Passes the assessment's counts on as they come, on the assessing thread (not queued, so never out of order).</summary>
    private sealed class SubjectsDone(IProgress<AssessmentProgress> to) : IProgress<SubjectProgress>
    {
        public void Report(SubjectProgress value) => to.Report(new AssessmentProgress(value.Done, value.Total));
    }
}
