using System.Globalization;
using NtpRules.Engine;
using NtpRules.Language.Compilation;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Engines;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Testing;

/// <summary>
/// Runs rule-set test files (format section 4) against a library: each case assesses its subjects with every rule
/// set in force on the case's as-of date (so <c>requires</c> and <c>met('…')</c> work across sets), then checks
/// each expectation. Compiled networks are shared between cases that use the same versions.
/// </summary>
public sealed class RuleSetTestRunner
{
    private readonly RuleLibrary _library;
    private readonly Dictionary<string, CompiledRules?> _compiled = new();
    private readonly Dictionary<(string, string, string, string), IndicatorCoverage> _coverage = new();
    private readonly DiagnosticBag _diagnostics = new();

    private readonly RuleEngineKind _engine;

    public RuleSetTestRunner(RuleLibrary library, RuleEngineKind engine = RuleEngineKind.NRules)
    {
        _library = library;
        _engine = engine;
    }

    /// <summary>Runs every test file of the library.</summary>
    public TestRunReport RunAll() => Run(_library.Tests);

    public TestRunReport Run(IEnumerable<RuleSetTestFile> files)
    {
        var results = files.Select(RunFile).ToList();
        return new TestRunReport(results, _diagnostics.ToList(), Coverage());
    }

    /// <summary>Coverage of every indicator of the versions the tests named, including those no case reached.</summary>
    private IReadOnlyList<IndicatorCoverage> Coverage()
    {
        var tested = _library.Tests.Select(t => t.RuleSetId).ToHashSet();
        var all = _library.RuleSets.Where(s => tested.Contains(s.Id))
            .SelectMany(s => s.AllIndicators.Select(x => (s, x.Criterion, x.Indicator)))
            .Select(x => _coverage.GetValueOrDefault((x.s.Id, x.s.Version, x.Criterion.Id, x.Indicator.Id)) ??
                         new IndicatorCoverage(x.s.Id, x.s.Version, x.Criterion.Id, x.Indicator.Id, false, false, false));
        return all.ToArray();
    }

    public TestFileResult RunFile(RuleSetTestFile file)
    {
        var failures = new List<TestFailure>();
        var passed = 0;
        foreach (var c in file.Cases)
        {
            var caseFailures = RunCase(file, c);
            if (caseFailures.Count == 0) passed++;
            failures.AddRange(caseFailures);
        }
        return new TestFileResult(file.File.Path, file.RuleSetId, file.Cases.Count, passed, failures);
    }

    public IReadOnlyList<TestFailure> RunCase(RuleSetTestFile file, TestCase c)
    {
        var failures = new List<TestFailure>();
        void Fail(string message, SourceLocation at) => failures.Add(new TestFailure(file.File.Path, c.Name, message, at));

        var tested = _library.InForce(file.RuleSetId, c.AsOf);
        if (tested is null)
        {
            Fail($"no version of rule set '{file.RuleSetId}' is in force on {c.AsOf:yyyy-MM-dd}", c.Location);
            return failures;
        }
        var rules = Compiled(c.AsOf, c.Location);
        if (rules is null)
        {
            Fail("the rules in force could not be compiled (see the diagnostics)", c.Location);
            return failures;
        }
        var baseline = c.Baseline.Count > 0 ? Assess(rules, c.AsOf, c.Baseline, null, out _) : null;
        var session = Assess(rules, c.AsOf, c.Subjects, baseline, out var subjects);
        var results = session.Results();

        foreach (var (id, record) in subjects)
            foreach (var o in results.Indicators(record).Where(o => o.RuleSetId == tested.Id))
            {
                var key = (tested.Id, tested.Version, o.CriterionId, o.IndicatorId);
                _coverage[key] = (_coverage.GetValueOrDefault(key) ?? new IndicatorCoverage(tested.Id, tested.Version, o.CriterionId, o.IndicatorId, false, false, false))
                    .With(o.Verdict.ToVerdict());
            }

        foreach (var e in c.Expectations)
        {
            Record? subject = null;
            if (e.SubjectId != TestCase.WholeDataSet && !subjects.TryGetValue(e.SubjectId, out subject))
            {
                Fail($"'{e.SubjectId}' is not a subject of this case", e.Location);
                continue;
            }
            if (Check(e, subject, tested, results) is { } message) Fail(message, e.Location);
        }
        return failures;
    }

    /// <summary>
    /// The session a case's subjects were assessed in (baseline included), fired, on this runner's engine; null when
    /// no rules are in force or they cannot be compiled.
    /// </summary>
    public RuleSession? AssessCase(TestCase c)
    {
        if (Compiled(c.AsOf, c.Location) is not { } rules) return null;
        var baseline = c.Baseline.Count > 0 ? Assess(rules, c.AsOf, c.Baseline, null, out _) : null;
        return Assess(rules, c.AsOf, c.Subjects, baseline, out _);
    }

    private static string? Check(TestExpectation e, Record? subject, RuleSet tested, SessionResults results)
    {
        var who = subject?.Id ?? TestCase.WholeDataSet;
        switch (e.Kind)
        {
            case ExpectationKind.Indicator:
            {
                var o = subject is null ? null : FindIndicator(results, subject, tested, e.Key);
                return o is null ? $"indicator '{e.Key}' of {who} was not assessed"
                    : Compare($"indicator '{e.Key}' of {who}", e.Verdict, o.Verdict.ToVerdict(), o.Explanation?.Reason);
            }
            case ExpectationKind.Criterion:
            {
                var o = subject is null ? null : results.Criteria(subject).Where(x => x.CriterionId == e.Key).OrderBy(x => x.RuleSetId == tested.Id ? 0 : 1).FirstOrDefault();
                return o is null ? $"criterion '{e.Key}' of {who} was not assessed"
                    : Compare($"criterion '{e.Key}' of {who}", e.Verdict, o.Verdict.ToVerdict(), IndicatorSummary(results, subject!, o));
            }
            case ExpectationKind.Standard:
            {
                var o = subject is null ? null : results.Standard(subject, e.Key);
                return o is null ? $"standard '{e.Key}' of {who} was not assessed (is its rule set in force?)"
                    : Compare($"standard '{e.Key}' of {who}", e.Verdict, o.Verdict.ToVerdict(), o.Reason);
            }
            case ExpectationKind.Classification:
            {
                var o = subject is null ? null : results.Classifications(subject).FirstOrDefault(x => x.ClassificationId == e.Key);
                if (o is null) return $"classification '{e.Key}' of {who} was not assessed";
                var label = o.Label ?? "unknown";
                return string.Equals(label, e.Label, StringComparison.OrdinalIgnoreCase) ? null
                    : $"expected classification '{e.Key}' of {who} to be '{e.Label}', got '{label}' ({o.Reason})";
            }
            case ExpectationKind.Target:
            {
                var o = results.Targets.FirstOrDefault(t => t.TargetId == e.Key && ReferenceEquals(t.Subject, subject));
                return o is null ? $"target '{e.Key}' for {who} was not assessed"
                    : Compare($"target '{e.Key}' for {who}", e.Verdict, o.Verdict.ToVerdict(), o.Reason);
            }
            case ExpectationKind.CriteriaMet:
            {
                var standard = tested.Standards.FirstOrDefault();
                var o = subject is null || standard is null ? null : results.Standard(subject, standard.Id);
                if (o is null) return $"criteria_met of {who}: rule set '{tested.Id}' has no standard assessed for it";
                return o.CriteriaMet == e.Count ? null : $"expected {who} to meet {e.Count} criteria of '{standard!.Id}', got {o.CriteriaMet} ({o.Reason})";
            }
            case ExpectationKind.Reason:
            {
                var reason = subject is null ? null : ReasonOf(results, subject, tested, e.Key);
                reason ??= results.Targets.FirstOrDefault(t => t.TargetId == e.Key && ReferenceEquals(t.Subject, subject))?.Reason;
                if (reason is null) return $"no reason was given for '{e.Key}' of {who}";
                var missing = e.Fragments.Where(f => !reason.Contains(f, StringComparison.OrdinalIgnoreCase)).ToArray();
                return missing.Length == 0 ? null : $"the reason for '{e.Key}' of {who} lacks {string.Join(", ", missing.Select(m => $"'{m}'"))}: {reason}";
            }
            default:
                return null;
        }
    }

    private static IndicatorOutcome? FindIndicator(SessionResults results, Record subject, RuleSet tested, string id) =>
        results.Indicators(subject).Where(x => x.IndicatorId == id).OrderBy(x => x.RuleSetId == tested.Id ? 0 : 1).FirstOrDefault();

    private static string? ReasonOf(SessionResults results, Record subject, RuleSet tested, string key) =>
        FindIndicator(results, subject, tested, key)?.Explanation?.Reason
        ?? results.Classifications(subject).FirstOrDefault(x => x.ClassificationId == key)?.Reason
        ?? results.Standard(subject, key)?.Reason;

    private static string IndicatorSummary(SessionResults results, Record subject, CriterionOutcome criterion) =>
        string.Join("; ", results.Indicators(subject).Where(i => i.RuleSetId == criterion.RuleSetId && i.CriterionId == criterion.CriterionId)
            .Select(i => $"{i.IndicatorId} {i.Verdict.ToVerdict().ToText()}"));

    private static string? Compare(string what, Verdict? expected, Verdict actual, string? reason) =>
        expected is null || expected == actual ? null
            : $"expected {what} to be {expected.Value.ToText()}, got {actual.ToText()}" + (string.IsNullOrEmpty(reason) ? "" : $" ({reason})");

    private RuleSession Assess(CompiledRules rules, DateOnly asOf, IReadOnlyList<TestSubject> given, RuleSession? baseline,
        out Dictionary<string, Record> byId)
    {
        var session = rules.CreateSession(asOf, explain: true, _engine);
        session.Baseline = baseline;
        byId = new Dictionary<string, Record>();
        foreach (var s in given)
        {
            if (!rules.Schemas.TryGetValue(s.Kind, out var schema)) continue;
            var parents = schema.Parents
                .Select(p => (p, s.Values.GetValueOrDefault(SubjectSchema.ParentColumn(p))?.Value))
                .Where(x => x.Value is not null)
                .Select(x => KeyValuePair.Create(x.p, Convert.ToString(x.Value, CultureInfo.InvariantCulture)!));
            var values = s.Values.Select(v => KeyValuePair.Create(v.Key, v.Value.Value));
            byId[s.Id] = SubjectRecords.Create(rules, s.Kind, s.Id, parents, values);
        }
        SubjectRecords.FillAncestors(rules, byId.Values);
        session.InsertAll(byId.Values);
        session.Fire();
        return session;
    }

    private CompiledRules? Compiled(DateOnly asOf, SourceLocation at)
    {
        var sets = _library.AllInForce(asOf);
        var key = string.Join("|", sets.Select(s => $"{s.Id}@{s.Version}"));
        if (_compiled.TryGetValue(key, out var rules)) return rules;
        var bag = new DiagnosticBag();
        rules = CompiledRules.Compile(_library, sets, bag);
        foreach (var d in bag) _diagnostics.Add(d);
        return _compiled[key] = rules;
    }
}
