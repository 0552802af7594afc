using System.Globalization;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Explanations;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;
using NtpRules.Language.Testing;

namespace NtpRules.RuleSets.Tests;

/// <summary>
/// Runs rule-set test cases with the language's own expression checker and interpreter: classifications, derived
/// indicators, indicators (with applies_if), criteria (Kleene AND), standards (criteria, at_least, requires,
/// conditions) for every rule set in force on the case's date, children before parents. It checks verdict,
/// classification and criteria_met expectations; targets (with baseline subjects and the whole data set as `all`) are
/// assessed too; reason fragments need the assessment's explanations, so they are counted as not checked here.
/// </summary>
internal sealed class CaseRunner(RuleLibrary library)
{
    /// <summary>A subject to assess: values by column (catalogue keys and parent ids); null or absent means missing.</summary>
    public sealed record Subject(string Kind, string Id, IReadOnlyDictionary<string, object?> Values);

    private static readonly string[] KindOrder = ["household", "village", "commune", "district", "province"];
    private readonly ScopeBuilder _scopes = new(library);
    private readonly Dictionary<(string?, string?, string, string, bool), CheckedExpression?> _compiled = new();

    public List<string> Failures { get; } = [];
    public int Checked { get; private set; }
    public int NotChecked { get; private set; }

    public void Run(RuleSetTestFile file, TestCase testCase)
    {
        var where = $"{file.File.Path}:{testCase.Location.Line}: '{testCase.Name}'";
        static Subject[] Subjects(IEnumerable<TestSubject> given) =>
            given.Select(x => new Subject(x.Kind, x.Id, x.Values.ToDictionary(v => v.Key, v => v.Value.Value))).ToArray();
        var tested = library.InForce(file.RuleSetId, testCase.AsOf);
        var results = Assess(Subjects(testCase.Subjects), testCase.AsOf, where, Subjects(testCase.Baseline), tested);
        foreach (var e in testCase.Expectations)
        {
            if (e.Kind is ExpectationKind.Reason) { NotChecked++; continue; }
            Checked++;
            var r = results.GetValueOrDefault(e.SubjectId);
            string? actual = r is null ? null : e.Kind switch
            {
                ExpectationKind.Indicator => Text(r.Indicators, (tested?.Id ?? "", e.Key)),
                ExpectationKind.Criterion => Text(r.Criteria, (tested?.Id ?? "", e.Key)),
                ExpectationKind.Standard => r.Standards.TryGetValue(e.Key, out var sv) ? sv.ToText() : null,
                ExpectationKind.Target => r.Targets.TryGetValue(e.Key, out var tv) ? tv.ToText() : null,
                ExpectationKind.Classification => r.Classifications.GetValueOrDefault(e.Key),
                ExpectationKind.CriteriaMet => tested is null ? null : tested.Criteria.Count(c => r.Criteria.GetValueOrDefault((tested.Id, c.Id), Verdict.Unknown) == Verdict.Met).ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            var expected = e.Kind switch
            {
                ExpectationKind.Classification => e.Label,
                ExpectationKind.CriteriaMet => e.Count?.ToString(CultureInfo.InvariantCulture),
                _ => e.Verdict?.ToText(),
            };
            if (actual != expected)
                Failures.Add($"{where}: {e.SubjectId} {e.Kind} {e.Key}: expected {expected}, got {actual ?? "nothing"} (line {e.Location.Line})");
        }
    }

    private static string? Text<TKey>(Dictionary<TKey, Verdict> d, TKey key) where TKey : notnull =>
        d.TryGetValue(key, out var v) ? v.ToText() : null;

    /// <summary>Assesses subjects (children linked through their <c>&lt;kind&gt;_id</c> columns) against every rule set in force.</summary>
    /// <remarks>
    /// With <paramref name="targets"/>, its targets are assessed too, for each subject of their scope (or for the whole
    /// data set, reported under <see cref="TestCase.WholeDataSet"/>), reading <paramref name="baseline"/> for <c>baseline(…)</c>.
    /// </remarks>
    public Dictionary<string, SubjectResults> Assess(IReadOnlyList<Subject> subjects, DateOnly asOf, string where,
        IReadOnlyList<Subject>? baseline = null, RuleSet? targets = null)
    {
        var (results, contexts) = AssessAll(subjects, asOf, where);
        var whole = Whole(contexts, asOf);
        if (baseline is { Count: > 0 })
        {
            var (_, before) = AssessAll(baseline, asOf, where + " (baseline)");
            foreach (var (id, ctx) in contexts) ctx.BaselineContext = before.GetValueOrDefault(id);
            whole.BaselineContext = Whole(before, asOf);
        }
        results[TestCase.WholeDataSet] = new SubjectResults();
        foreach (var t in targets?.Targets ?? [])
            foreach (var ctx in t.Scope == TestCase.WholeDataSet ? [whole] : contexts.Values.Where(c => c.Kind == t.Scope))
                results[ctx.Id].Targets[t.Id] = TargetVerdict(ctx, targets!, t, where);
        return results;
    }

    private (Dictionary<string, SubjectResults> Results, Dictionary<string, SubjectContext> Contexts) AssessAll(IReadOnlyList<Subject> subjects, DateOnly asOf, string where)
    {
        var contexts = subjects.ToDictionary(s => s.Id, s => Context(s, asOf));
        foreach (var s in subjects)
            foreach (var (column, value) in s.Values)
                if (column.EndsWith("_id", StringComparison.Ordinal) && value is string parent && contexts.TryGetValue(parent, out var p))
                    (p.ChildrenByKind.TryGetValue(s.Kind, out var l) ? l : p.ChildrenByKind[s.Kind] = []).Add(contexts[s.Id]);

        var results = new Dictionary<string, SubjectResults>(StringComparer.Ordinal);
        var inForce = library.AllInForce(asOf);
        foreach (var kind in KindOrder)
            foreach (var ctx in contexts.Values.Where(c => c.Kind == kind))
            {
                var r = results[ctx.Id] = new SubjectResults();
                Classify(ctx, inForce, r, where);
                Derive(ctx, where);
                foreach (var set in Ordered(inForce.Where(s => s.Subject == kind)))
                    Assess(ctx, set, r, where);
            }
        return (results, contexts);
    }

    /// <summary>The whole data set as one subject whose children are all subjects, by kind.</summary>
    private static SubjectContext Whole(Dictionary<string, SubjectContext> contexts, DateOnly asOf)
    {
        var whole = new SubjectContext(TestCase.WholeDataSet, TestCase.WholeDataSet, asOf, []);
        foreach (var g in contexts.Values.GroupBy(c => c.Kind)) whole.ChildrenByKind[g.Key] = [.. g];
        return whole;
    }

    private Verdict TargetVerdict(SubjectContext ctx, RuleSet set, Target t, string where)
    {
        var actual = Evaluate(ctx, set, t.Actual.Text, where, condition: false);
        if (actual.IsMissing) return Verdict.Unknown;
        var a = actual.AsNumber;
        var met = t.Op switch { ">=" => a >= t.Value, "<=" => a <= t.Value, ">" => a > t.Value, "<" => a < t.Value, _ => a == t.Value };
        return met ? Verdict.Met : Verdict.NotMet;
    }

    internal sealed class SubjectResults
    {
        public Dictionary<(string Set, string Id), Verdict> Indicators { get; } = new();
        public Dictionary<(string Set, string Id), Verdict> Criteria { get; } = new();
        public Dictionary<string, Verdict> Standards { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Classifications { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Verdict> Targets { get; } = new(StringComparer.Ordinal);
    }

    private SubjectContext Context(Subject s, DateOnly asOf)
    {
        var slots = _scopes.Slots(s.Kind);
        var values = new Value[slots.Count];
        for (var i = 0; i < slots.Count; i++)
            values[i] = s.Values.TryGetValue(slots[i], out var v) ? Value.FromObject(v) : Value.Missing;
        return new SubjectContext(s.Kind, s.Id, asOf, values);
    }

    private void Classify(SubjectContext ctx, IReadOnlyList<RuleSet> inForce, SubjectResults r, string where)
    {
        foreach (var set in inForce)
            foreach (var c in set.Classifications.Where(c => c.Subject == ctx.Kind))
            {
                string? label = c.Otherwise;
                foreach (var @case in c.Cases)
                {
                    var t = Truth(ctx, set, @case.When.Text, where, condition: true);
                    if (t == NtpRules.Language.Expressions.Evaluation.Truth.False) continue;
                    label = t == NtpRules.Language.Expressions.Evaluation.Truth.True ? @case.Label : null;
                    break;
                }
                r.Classifications[c.Id] = label ?? "unknown";
                ctx.Values[Slot(ctx.Kind, c.Id)] = label is null ? Value.Missing : Value.Text(label);
            }
    }

    private void Derive(SubjectContext ctx, string where)
    {
        foreach (var d in library.Catalogue.DerivedOf(ctx.Kind))
            ctx.Values[Slot(ctx.Kind, d.Key)] = Evaluate(ctx, null, d.Expr.Text, where, condition: false);
    }

    private void Assess(SubjectContext ctx, RuleSet set, SubjectResults r, string where)
    {
        foreach (var c in set.Criteria)
        {
            var verdicts = new List<Verdict>();
            foreach (var i in c.Indicators)
            {
                var applies = i.AppliesIf is null ? Language.Expressions.Evaluation.Truth.True : Truth(ctx, set, i.AppliesIf.Text, where, true);
                var met = Truth(ctx, set, i.Condition.Text, where, true);
                var v = ToVerdict(Kleene.Or(Kleene.Not(applies), met));
                r.Indicators[(set.Id, i.Id)] = v;
                verdicts.Add(v);
            }
            r.Criteria[(set.Id, c.Id)] = And(verdicts);
        }
        foreach (var s in set.Standards)
        {
            var criteria = s.CriteriaIn(set).Select(id => r.Criteria.GetValueOrDefault((set.Id, id), Verdict.Unknown)).ToArray();
            var fromCriteria = s.AtLeast is { } k
                ? criteria.Count(v => v == Verdict.Met) >= k ? Verdict.Met : criteria.Count(v => v != Verdict.NotMet) < k ? Verdict.NotMet : Verdict.Unknown
                : And(criteria);
            var parts = new List<Verdict> { fromCriteria };
            parts.AddRange(s.Requires.Select(q => r.Standards.GetValueOrDefault(q, Verdict.Unknown)));
            parts.AddRange(s.Conditions.Select(q => ToVerdict(Truth(ctx, set, q.Expr.Text, where, true))));
            var verdict = And(parts);
            r.Standards[s.Id] = verdict;
            ctx.StandardCriteriaMet[s.Id] = criteria.Count(v => v == Verdict.Met);
            ctx.Standards[s.Id] = verdict switch { Verdict.Met => Language.Expressions.Evaluation.Truth.True, Verdict.NotMet => Language.Expressions.Evaluation.Truth.False, _ => Language.Expressions.Evaluation.Truth.Unknown };
        }
    }

    /// <summary>Rule sets whose standards require another set's standards come after that set.</summary>
    private static IEnumerable<RuleSet> Ordered(IEnumerable<RuleSet> sets)
    {
        var left = sets.ToList();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(s => s.Standards.SelectMany(x => x.Requires).All(q => done.Contains(q) || s.Standards.Any(x => x.Id == q) || !left.Any(o => o.Standards.Any(x => x.Id == q))))
                       ?? left[0];
            left.Remove(next);
            foreach (var x in next.Standards) done.Add(x.Id);
            yield return next;
        }
    }

    private static Verdict And(IEnumerable<Verdict> verdicts)
    {
        var list = verdicts.ToArray();
        return list.Contains(Verdict.NotMet) ? Verdict.NotMet : list.Contains(Verdict.Unknown) ? Verdict.Unknown : Verdict.Met;
    }

    private static Verdict ToVerdict(Truth t) => t switch
    {
        Language.Expressions.Evaluation.Truth.True => Verdict.Met,
        Language.Expressions.Evaluation.Truth.False => Verdict.NotMet,
        _ => Verdict.Unknown,
    };

    private int Slot(string kind, string name) => ((IndicatorSymbol)_scopes.For(kind, null).Lookup(name)!).Slot;

    private Truth Truth(SubjectContext ctx, RuleSet set, string text, string where, bool condition) =>
        Evaluate(ctx, set, text, where, condition).AsTruth;

    private Value Evaluate(SubjectContext ctx, RuleSet? set, string text, string where, bool condition)
    {
        var key = (set?.Id, set?.Version, ctx.Kind, text, condition);   // not the record itself: its hash reads the whole file text
        if (!_compiled.TryGetValue(key, out var expr))
        {
            var bag = new DiagnosticBag();
            expr = ExpressionChecker.Check(text, SourceLocation.None(set?.File.Path ?? "catalogue"), _scopes.For(ctx.Kind, set), bag, condition);
            if (bag.HasErrors || expr is null)
            {
                Failures.Add($"{where}: '{text}' ({set?.ToString() ?? "catalogue"}) does not check: {string.Join("; ", bag.Select(d => d.Message))}");
                expr = null;
            }
            _compiled[key] = expr;
        }
        if (expr is null) return Value.Missing;
        ctx.Set = set;
        return expr.Evaluate(ctx);
    }
}
