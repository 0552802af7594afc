using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NtpRules.Engine;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Explain;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Compilation;

/// <summary>
/// Turns a library's catalogue and rule sets into engine rules. Each rule matches a subject record and joins, by
/// hash-indexed keys, the facts it depends on (child records by parent id, outcomes by subject), so that a changed
/// record re-derives exactly what depends on it. Priorities order a first pass so that most rules fire once:
/// classifications, then derived indicators, indicators, criteria, standards (deepest requirement last), targets.
/// </summary>
internal sealed class RuleSetCompiler
{
    private const int ClassificationPriority = 1000, DerivedPriority = 900, IndicatorPriority = 500, CriterionPriority = 400,
        StandardPriority = 300, TargetPriority = 0;

    private readonly RuleLibrary _library;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, SubjectSchema> _schemas = new();
    private readonly List<RuleDefinition> _rules = new();
    private readonly Dictionary<string, int> _standardDepth = new();
    private bool _failed;

    private RuleSetCompiler(RuleLibrary library, DiagnosticBag diagnostics)
    {
        _library = library;
        _diagnostics = diagnostics;
    }

    public static CompiledRules? Compile(RuleLibrary library, IReadOnlyList<RuleSet> sets, DiagnosticBag diagnostics)
    {
        if (library.HasErrors)
        {
            foreach (var d in library.Diagnostics.Where(d => d.IsError)) diagnostics.Add(d);
            return null;
        }
        var compiler = new RuleSetCompiler(library, diagnostics);
        foreach (var kind in library.Catalogue.Subjects)
            if (library.LayoutOf(kind.Kind) is { } layout)
                compiler._schemas[kind.Kind] = SubjectSchema.Build(kind.Kind, kind.Parents, layout);
        compiler.CompileDerived();
        foreach (var set in sets)
        {
            foreach (var c in set.Classifications) compiler.CompileClassification(set, c);
            foreach (var c in set.Criteria) compiler.CompileCriterion(set, c);
        }
        foreach (var set in sets)
            foreach (var s in set.Standards) compiler.CompileStandard(set, s, sets);
        foreach (var set in sets)
            foreach (var t in set.Targets) compiler.CompileTarget(set, t);
        if (compiler._failed) return null;
        var network = Network.Compile(compiler._rules);
        return new CompiledRules(library, sets, compiler._schemas, network, compiler._rules);
    }

    // Delegates are immutable and thread-safe: networks compiled for other periods from the same library reuse them,
    // and expressions that generate the same code (a condition repeated word for word in another version) share one.
    private static readonly ConditionalWeakTable<CheckedExpression, CompiledExpression> Delegates = new();
    private static readonly ConditionalWeakTable<RuleLibrary, ConcurrentDictionary<string, CompiledExpression>> SameCode = new();
    private static readonly ConditionalWeakTable<CriterionIndicator, ExplanationBuilder> Explainers = new();

    private CompiledExpression Delegate(CheckedExpression e) =>
        Delegates.GetValue(e, x => SameCode.GetOrCreateValue(_library).GetOrAdd(ExpressionKey.Of(x), _ => x.Compile()));

    private CheckedExpression? Checked(ExpressionText text)
    {
        if (_library.Checked(text) is { } e) return e;
        _diagnostics.Error("NTP5001", $"the expression '{text.Text}' has not been checked, so it cannot be compiled", text.Location);
        _failed = true;
        return null;
    }

    private SubjectSchema? Schema(string kind, SourceLocation at)
    {
        if (_schemas.TryGetValue(kind, out var s)) return s;
        _diagnostics.Error("NTP5002", $"the subject kind '{kind}' is not in the catalogue", at);
        _failed = true;
        return null;
    }

    // ---- dependencies joined into a rule -------------------------------------------------------------------------

    /// <summary>Collects the records of <paramref name="childKind"/> whose parent id of <paramref name="parentKind"/> is the subject's id
    /// (every record of the kind for the whole data set). Returns -1 when the kind is not a direct child.</summary>
    private int CollectChildren(RuleBuilder rule, string childKind, string parentKind, int subject)
    {
        if (!_schemas.TryGetValue(childKind, out var child)) return -1;
        var agg = rule.Aggregate(childKind, FactType.Of(child.Schema), Aggregator.Collect());
        if (parentKind == Scopes.RuleScope.AllKind) return agg.Index;
        var slot = child.ParentSlot(parentKind);
        if (slot < 0) return -1;
        agg.JoinOn(JoinKey.On(subject, f => ((Record)f).Id, f => ((Record)f).GetText(slot), key: $"{childKind}.{parentKind}_id=#{subject}.id"));
        return agg.Index;
    }

    /// <summary>Collects the outcomes of <paramref name="standards"/> for the subject, or for its children of <paramref name="childKind"/>.</summary>
    private int CollectStandards(RuleBuilder rule, IReadOnlyCollection<string> standards, int subject, string? childKind = null, string? parentKind = null)
    {
        var ids = standards.ToHashSet();
        var agg = rule.Aggregate("standards", FactType.Of<StandardOutcome>(), Aggregator.Collect())
            .Where($"standard in [{string.Join(",", ids.Order())}]" + (childKind is null ? "" : $" of {childKind}"),
                f => ids.Contains(((StandardOutcome)f).StandardId) && (childKind is null || ((StandardOutcome)f).Subject.Schema.Name == childKind));
        if (childKind is null)
            agg.JoinOn(JoinKey.On(subject, f => f, f => ((StandardOutcome)f).Subject, key: $"standard.subject=#{subject}"));
        else if (parentKind != Scopes.RuleScope.AllKind && _schemas.TryGetValue(childKind, out var child) && child.ParentSlot(parentKind!) is >= 0 and var slot)
            agg.JoinOn(JoinKey.On(subject, f => ((Record)f).Id, f => ((StandardOutcome)f).Subject.GetText(slot),
                key: $"standard.subject.{parentKind}_id=#{subject}.id"));
        return agg.Index;
    }

    /// <summary>Joins what the expressions read besides the subject's own slots; returns the child aggregates to bind.</summary>
    private List<(string Kind, int Index)> Dependencies(RuleBuilder rule, string kind, int subject, IEnumerable<CheckedExpression> expressions)
    {
        var list = expressions.ToList();
        var children = new List<(string, int)>();
        foreach (var childKind in list.SelectMany(e => e.ChildKinds).Distinct())
        {
            var index = CollectChildren(rule, childKind, kind, subject);
            if (index >= 0) children.Add((childKind, index));
        }
        var standards = list.SelectMany(e => e.Standards).Distinct().ToArray();
        if (standards.Length > 0)
        {
            if (list.Any(e => e.ChildKinds.Count > 0))
                foreach (var childKind in list.SelectMany(e => e.ChildKinds).Distinct())
                    CollectStandards(rule, standards, subject, childKind, kind);
            else
                CollectStandards(rule, standards, subject);
        }
        return children;
    }

    private static RecordContext Context(SessionState state, RuleSet? set, string kind, ActionContext ctx, List<(string Kind, int Index)> children)
    {
        var record = ctx.Facts[0] as Record;
        var context = new RecordContext(state, state.Parameters(set), kind, record);
        foreach (var (k, i) in children) context.Bind(k, ctx.Get<AggregateResult>(i).Items);
        return context;
    }

    // ---- derived indicators ----------------------------------------------------------------------------------------

    private void CompileDerived()
    {
        foreach (var group in _library.Catalogue.Derived.GroupBy(d => d.Subject))
        {
            if (Schema(group.Key, group.First().Location) is not { } schema) continue;
            var items = group.Select(d => (Derived: d, Expr: Checked(d.Expr), Slot: schema.Layout.Find(d.Key)?.Slot ?? -1))
                .Where(x => x.Expr is not null && x.Slot >= 0).Select(x => (x.Derived, Expr: x.Expr!, x.Slot)).ToArray();
            // Children before parents (households → commune → district → province), so each parent sums settled children once.
            var rule = new RuleBuilder($"derive {group.Key}").Description($"derived indicators of {group.Key}").Priority(DerivedPriority + 10 * KindDepth(group.Key));
            var subject = rule.Pattern(group.Key, FactType.Of(schema.Schema));
            var children = Dependencies(rule, group.Key, subject.Index, items.Select(i => i.Expr));
            var compiled = items.Select(i => Delegate(i.Expr)).ToArray();
            var kind = group.Key;
            rule.Then(ctx =>
            {
                var state = RuleSession.Current;
                var context = Context(state, null, kind, ctx, children);
                var record = context.Record!;
                var changed = false;
                for (var i = 0; i < items.Length; i++)
                {
                    var value = compiled[i].Evaluate(context);
                    changed |= RecordValues.Write(record, items[i].Slot, value);
                    ctx.InsertLinked(items[i].Derived.Key, new DerivedValue(record, items[i].Derived.Key, value));
                }
                if (changed) ctx.Update(record);
            });
            _rules.Add(rule.Build());
        }
    }

    /// <summary>How many parent links separate a kind from the top (province 0, district 1, commune 2, household 3).</summary>
    private int KindDepth(string kind, int guard = 0)
    {
        var parents = _library.Catalogue.FindKind(kind)?.Parents ?? [];
        return parents.Count == 0 || guard > 16 ? 0 : 1 + parents.Max(p => KindDepth(p, guard + 1));
    }

    // ---- classifications -------------------------------------------------------------------------------------------

    private void CompileClassification(RuleSet set, Classification classification)
    {
        if (Schema(classification.Subject, classification.Location) is not { } schema) return;
        var slot = schema.Layout.Find(classification.Id)?.Slot ?? -1;
        var cases = classification.Cases.Select(c => (Case: c, Expr: Checked(c.When))).ToArray();
        if (slot < 0 || cases.Any(c => c.Expr is null)) return;
        var compiled = cases.Select(c => Delegate(c.Expr!)).ToArray();
        var rule = new RuleBuilder($"{set.Id}/{classification.Id}").Priority(ClassificationPriority).Metadata("citation", classification.Citation);
        var subject = rule.Pattern(classification.Subject, FactType.Of(schema.Schema));
        var children = Dependencies(rule, classification.Subject, subject.Index, cases.Select(c => c.Expr!));
        rule.Then(ctx =>
        {
            var state = RuleSession.Current;
            var context = Context(state, set, classification.Subject, ctx, children);
            var trace = state.Explain ? ExpressionTrace.Rent() : null;
            string? label = classification.Otherwise;
            string reason = $"{label ?? "unknown"}: no case applies";
            var citation = classification.Citation;
            for (var i = 0; i < cases.Length; i++)
            {
                trace?.Clear();
                var t = compiled[i].EvaluateTruth(context, trace);
                if (t == Truth.False) continue;
                var c = cases[i].Case;
                label = t == Truth.True ? c.Label : null;
                citation = c.Citation.Length > 0 ? c.Citation : citation;
                reason = t == Truth.True ? $"{c.Label}: {c.When.Text}" : $"unknown: cannot tell whether {c.When.Text}";
                break;
            }
            if (trace is not null)
            {
                if (TraceText.Details(trace) is { Length: > 0 } details) reason += $" ({details})";
                ExpressionTrace.Return(trace);
            }
            var record = context.Record!;
            var changed = RecordValues.Write(record, slot, Value.Text(label));
            ctx.InsertLinked("o", new ClassificationOutcome(record, set.Id, classification.Id, label, reason, citation));
            if (changed) ctx.Update(record);
        });
        _rules.Add(rule.Build());
    }

    // ---- indicators and criteria -----------------------------------------------------------------------------------

    private void CompileCriterion(RuleSet set, Criterion criterion)
    {
        if (Schema(set.Subject, criterion.Location) is not { } schema) return;
        foreach (var indicator in criterion.Indicators) CompileIndicator(set, criterion, indicator);

        var rule = new RuleBuilder($"{set.Id}/{criterion.Id}").Priority(CriterionPriority).Metadata("citation", criterion.Citation);
        var subject = rule.Pattern(set.Subject, FactType.Of(schema.Schema));
        var (setId, criterionId, expected) = (set.Id, criterion.Id, criterion.Indicators.Count);
        var outcomes = rule.Aggregate("indicators", FactType.Of<IndicatorOutcome>(), Aggregator.Collect())
            // One lookup per outcome finds its criterion rule, rather than a test by every criterion rule.
            .Where(FactCondition.Equal("indicator.criterion", f => (f as IndicatorOutcome)?.CriterionKey,
                IndicatorRule.CriterionKeyOf(setId, criterionId)))
            .JoinOn(JoinKey.On(subject.Index, f => f, f => ((IndicatorOutcome)f).Subject, key: $"indicator.subject=#{subject.Index}"));
        rule.Then(ctx =>
        {
            var items = ctx.Get<AggregateResult>(outcomes.Index).Items;
            var verdict = items.Count < expected ? Truth.Unknown : Truth.True;
            foreach (var o in items) verdict = Kleene.And(verdict, ((IndicatorOutcome)o).Verdict);
            ctx.InsertLinked("o", new CriterionOutcome(ctx.Get<Record>(0), setId, criterionId, verdict));
        });
        _rules.Add(rule.Build());
    }

    private void CompileIndicator(RuleSet set, Criterion criterion, CriterionIndicator indicator)
    {
        if (Schema(indicator.Subject, indicator.Location) is not { } schema) return;
        if (indicator.Subject != set.Subject)
        {
            _diagnostics.Error("NTP5003", $"indicator '{indicator.Id}' is about {indicator.Subject}, but its criterion is about {set.Subject}; " +
                "put it in a rule set about that subject", indicator.Location);
            _failed = true;
            return;
        }
        var condition = Checked(indicator.Condition);
        var appliesIf = indicator.AppliesIf is { } a ? Checked(a) : null;
        if (condition is null || (indicator.AppliesIf is not null && appliesIf is null)) return;
        var explainer = Explainers.GetValue(indicator, _ => new ExplanationBuilder(condition, appliesIf, Delegate));
        var indicatorRule = new IndicatorRule(set.Id, criterion.Id, indicator.Id, indicator.Name.Get(), indicator.Citation, explainer);
        var rule = new RuleBuilder($"{set.Id}/{criterion.Id}/{indicator.Id}").Priority(IndicatorPriority).Metadata("citation", indicator.Citation);
        var subject = rule.Pattern(indicator.Subject, FactType.Of(schema.Schema));
        var children = Dependencies(rule, indicator.Subject, subject.Index, appliesIf is null ? [condition] : [condition, appliesIf]);
        rule.Then(ctx =>
        {
            var state = RuleSession.Current;
            var context = Context(state, set, indicator.Subject, ctx, children);
            var verdict = explainer.Verdict(context);
            ctx.InsertLinked("o", new IndicatorOutcome(context.Record!, indicatorRule, verdict, state.Explain ? context : null));
        });
        _rules.Add(rule.Build());
    }

    // ---- standards -------------------------------------------------------------------------------------------------

    private int Depth(string standard, IReadOnlyList<RuleSet> sets, int guard = 0)
    {
        if (_standardDepth.TryGetValue(standard, out var d)) return d;
        var s = sets.SelectMany(x => x.Standards).FirstOrDefault(x => x.Id == standard);
        d = s is null || guard > 32 ? 0 : 1 + s.Requires.Select(r => Depth(r, sets, guard + 1)).DefaultIfEmpty(0).Max();
        return _standardDepth[standard] = d;
    }

    private void CompileStandard(RuleSet set, Standard standard, IReadOnlyList<RuleSet> sets)
    {
        if (Schema(set.Subject, standard.Location) is not { } schema) return;
        var conditions = standard.Conditions.Select(c => (Condition: c, Expr: Checked(c.Expr))).ToArray();
        if (conditions.Any(c => c.Expr is null)) return;
        var compiled = conditions.Select(c => Delegate(c.Expr!)).ToArray();
        var criteria = standard.CriteriaIn(set).ToHashSet();
        var total = criteria.Count;
        var needed = standard.AtLeast ?? total;
        var setId = set.Id;

        var rule = new RuleBuilder($"standard {standard.Id}").Priority(StandardPriority - Depth(standard.Id, sets)).Metadata("citation", standard.Citation);
        var subject = rule.Pattern(set.Subject, FactType.Of(schema.Schema));
        var outcomes = rule.Aggregate("criteria", FactType.Of<CriterionOutcome>(), Aggregator.Collect())
            .Where($"criterion of {standard.Id}", f => f is CriterionOutcome o && o.RuleSetId == setId && criteria.Contains(o.CriterionId))
            .JoinOn(JoinKey.On(subject.Index, f => f, f => ((CriterionOutcome)f).Subject, key: $"criterion.subject=#{subject.Index}"));
        var required = standard.Requires.Concat(conditions.SelectMany(c => c.Expr!.Standards)).Distinct().ToArray();
        if (required.Length > 0) CollectStandards(rule, required, subject.Index);
        var children = Dependencies(rule, set.Subject, subject.Index, conditions.Select(c => c.Expr!).Where(e => e.ChildKinds.Count > 0));
        rule.Then(ctx =>
        {
            var state = RuleSession.Current;
            var context = Context(state, set, set.Subject, ctx, children);
            var record = context.Record!;
            var items = ctx.Get<AggregateResult>(outcomes.Index).Items;
            int met = 0, unknown = total - items.Count;
            foreach (var o in items)
                switch (((CriterionOutcome)o).Verdict)
                {
                    case Truth.True: met++; break;
                    case Truth.Unknown: unknown++; break;
                }
            var verdict = met >= needed ? Truth.True : met + unknown < needed ? Truth.False : Truth.Unknown;
            var reasons = new List<string>
            {
                needed == total ? $"{met} of {total} criteria met" + (unknown > 0 ? $", {unknown} unknown" : "")
                                : $"{met} of {total} criteria met, at least {needed} needed" + (unknown > 0 ? $", {unknown} unknown" : ""),
            };
            var unmet = new List<string>();
            foreach (var req in standard.Requires)
            {
                var t = state.Standard(record, req)?.Verdict ?? Truth.Unknown;
                verdict = Kleene.And(verdict, t);
                if (t != Truth.True)
                {
                    unmet.Add(req);
                    reasons.Add($"requires {req}: {t.ToVerdict().ToText()}");
                }
            }
            var trace = state.Explain && compiled.Length > 0 ? ExpressionTrace.Rent() : null;
            for (var i = 0; i < compiled.Length; i++)
            {
                trace?.Clear();
                var t = compiled[i].EvaluateTruth(context, trace);
                verdict = Kleene.And(verdict, t);
                if (t != Truth.True)
                    reasons.Add($"condition {conditions[i].Condition.Id} ({conditions[i].Condition.Expr.Text}) is {t.ToVerdict().ToText()}" +
                                (trace is not null && TraceText.Details(trace) is { Length: > 0 } d ? $": {d}" : ""));
            }
            if (trace is not null) ExpressionTrace.Return(trace);
            var outcome = new StandardOutcome(record, setId, standard.Id, verdict, met, total, unmet, string.Join("; ", reasons));
            state.SetStandard(outcome);
            ctx.InsertLinked("o", outcome);
        });
        _rules.Add(rule.Build());
    }

    // ---- targets ---------------------------------------------------------------------------------------------------

    private void CompileTarget(RuleSet set, Target target)
    {
        var actual = Checked(target.Actual);
        if (actual is null) return;
        var compiled = Delegate(actual);
        var scope = target.Scope;
        var rule = new RuleBuilder($"target {target.Id}").Priority(TargetPriority).Metadata("citation", target.Citation);
        if (scope == Scopes.RuleScope.AllKind) rule.Pattern("all", FactType.Of<WholeDataSet>());
        else if (Schema(scope, target.Location) is { } schema) rule.Pattern(scope, FactType.Of(schema.Schema));
        else return;
        var children = Dependencies(rule, scope, 0, [actual]);
        rule.Then(ctx =>
        {
            var state = RuleSession.Current;
            var context = Context(state, set, scope, ctx, children);
            var trace = state.Explain ? ExpressionTrace.Rent() : null;
            // A count with unknowns decides the target as soon as its known part does (NumberBound).
            var bound = compiled.EvaluateBound(context, trace);
            var value = bound.Value;
            var verdict = NumberBound.Compare(target.Op, bound, NumberBound.Point(target.Value));
            double? gap = verdict == Truth.False ? Math.Round(target.Value - (bound.IsPoint || target.Op is "<=" or "<" ? bound.Lo : bound.Hi), 6) : null;
            var details = trace is null ? "" : TraceText.Details(trace);
            if (trace is not null) ExpressionTrace.Return(trace);
            var reason = verdict == Truth.Unknown
                ? (bound.IsUnknown ? $"Unknown: {target.Actual.Text} cannot be computed" : $"Unknown: actual {bound} does not decide {target.Op} {TraceText.Number(target.Value)}") +
                  (details.Length > 0 ? $" ({details})" : "")
                : $"{(verdict == Truth.True ? "Met" : "Not met")}: actual {bound} {target.Op} {TraceText.Number(target.Value)}" +
                  (gap is { } g ? $", gap {TraceText.Number(g)}" : "");
            ctx.InsertLinked("o", new TargetOutcome(context.Record, set.Id, target.Id, verdict, double.IsNaN(value) ? null : value, target.Value, gap, reason));
        });
        _rules.Add(rule.Build());
    }
}
