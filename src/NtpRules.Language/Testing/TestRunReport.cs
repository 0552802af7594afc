using NtpRules.Language.Diagnostics;
using NtpRules.Language.Explanations;

namespace NtpRules.Language.Testing;

/// <summary>One expectation of a rule-set test that did not hold, at its line in the test file.</summary>
public sealed record TestFailure(string TestFile, string Case, string Message, SourceLocation Location)
{
    public override string ToString() => $"{Location}: [{Case}] {Message}";
}

/// <summary>The verdicts a test run gave one indicator of a rule-set version.</summary>
public sealed record IndicatorCoverage(string RuleSetId, string Version, string CriterionId, string IndicatorId, bool Met, bool NotMet, bool Unknown)
{
    public bool Complete => Met && NotMet && Unknown;

    internal IndicatorCoverage With(Verdict v) => v switch
    {
        Verdict.Met => this with { Met = true },
        Verdict.NotMet => this with { NotMet = true },
        _ => this with { Unknown = true },
    };
}

/// <summary>The result of the cases of one test file.</summary>
public sealed record TestFileResult(string TestFile, string RuleSetId, int Cases, int CasesPassed, IReadOnlyList<TestFailure> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// The result of running rule-set tests: per file, every failing expectation, problems that stopped a case from
/// running (as diagnostics), and the indicator coverage of the rule-set versions the tests exercised.
/// </summary>
public sealed record TestRunReport(IReadOnlyList<TestFileResult> Files, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<IndicatorCoverage> Coverage)
{
    public IEnumerable<TestFailure> Failures => Files.SelectMany(f => f.Failures);
    public int CasesPassed => Files.Sum(f => f.CasesPassed);
    public int CasesFailed => Files.Sum(f => f.Cases - f.CasesPassed);
    public bool Passed => Files.All(f => f.Passed) && !Diagnostics.Any(d => d.IsError);

    /// <summary>Share (0–1) of indicator × verdict combinations (met, not met, unknown) exercised.</summary>
    public double CoverageShare => Coverage.Count == 0 ? 0 :
        Coverage.Sum(c => (c.Met ? 1 : 0) + (c.NotMet ? 1 : 0) + (c.Unknown ? 1 : 0)) / (3.0 * Coverage.Count);
}
