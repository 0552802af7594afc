using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Explanations;

namespace NtpRules.Language.Testing;

/// <summary>A rule-set test file (<c>rules/&lt;id&gt;/tests/*.yaml</c>, format section 4), fixtures already applied.</summary>
public sealed record RuleSetTestFile(string RuleSetId, IReadOnlyList<TestCase> Cases, SourceFile File);

/// <summary>
/// One case: the subjects given, the as-of date (the case's or else the file's), the baseline subjects that
/// <c>baseline(expr)</c> reads (empty when none), and what is expected. Expectations for targets with
/// <c>scope: all</c> use the subject id <see cref="WholeDataSet"/>.
/// </summary>
public sealed record TestCase(
    string Name,
    DateOnly AsOf,
    IReadOnlyList<TestSubject> Subjects,
    IReadOnlyList<TestSubject> Baseline,
    IReadOnlyList<TestExpectation> Expectations,
    SourceLocation Location)
{
    public const string WholeDataSet = "all";
}

/// <summary>
/// A subject of a case. <see cref="Values"/> holds the fixture it extends overlaid with its own values, keyed by
/// catalogue indicator (plus <c>name</c> and <c>&lt;parent&gt;_id</c> columns); a null value means missing.
/// </summary>
public sealed record TestSubject(string Kind, string Id, IReadOnlyDictionary<string, TestValue> Values, SourceLocation Location);

/// <summary>A value given in a test: double, bool, string or DateOnly — or null for a missing value — and where it is written.</summary>
public sealed record TestValue(object? Value, SourceLocation Location);

public enum ExpectationKind { Indicator, Criterion, Standard, Classification, Target, CriteriaMet, Reason }

/// <summary>
/// One expected result at a line of the test file. Which fields are set depends on <see cref="Kind"/>:
/// verdicts for indicators, criteria, standards and targets; <see cref="Label"/> for classifications;
/// <see cref="Count"/> for <c>criteria_met</c>; <see cref="Fragments"/> for reasons.
/// </summary>
public sealed record TestExpectation(
    string SubjectId,
    ExpectationKind Kind,
    string Key,
    Verdict? Verdict,
    string? Label,
    int? Count,
    IReadOnlyList<string> Fragments,
    SourceLocation Location);
