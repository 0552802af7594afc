using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NtpRules.Engine;
using NtpRules.Language.Compilation.Model;
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
/// Turns a library's catalogue and rule sets into the engine-neutral <see cref="RuleModel"/>. Each rule matches a
/// subject record and names what else it reads (child records by parent id, outcomes by subject), so that an engine
/// can re-derive exactly what depends on a changed record. Priorities order a first pass so that most rules fire once:
/// classifications, then derived indicators, indicators, criteria, standards (deepest requirement last), targets.
/// </summary>
internal sealed class RuleSetCompiler
{
    private const int ClassificationPriority = 1000, DerivedPriority = 900, IndicatorPriority = 500, CriterionPriority = 400,
        StandardPriority = 300, TargetPriority = 0;

    private readonly RuleLibrary _library;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, SubjectSchema> _schemas = new();
    private readonly List<ModelRule> _rules = new();
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
        var model = new RuleModel(compiler._rules, kind => compiler.KindDepth(kind));
        return new CompiledRules(library, sets, compiler._schemas, model);
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

    // ---- what a rule reads besides its subject ---------------------------------------------------------------------

    /// <summary>The children of <paramref name="childKind"/> an expression of a <paramref name="parentKind"/> rule reads, if the kind is a direct child.</summary>
    private ChildInput? Children(string childKind, string parentKind)
    {
        if (!_schemas.TryGetValue(childKind, out var child)) return null;
        if (parentKind == Scopes.RuleScope.AllKind) return new ChildInput(childKind, null);
        return child.ParentSlot(parentKind) < 0 ? null : new ChildInput(childKind, parentKind);
    }

    /// <summary>The outcomes of <paramref name="standards"/> for the subject, or for its children of <paramref name="childKind"/>.</summary>
    private OutcomeInput Standards(IReadOnlyCollection<string> standards, string? childKind = null, string? parentKind = null)
    {
        var ids = standards.ToHashSet();
        var description = $"standard in [{string.Join(",", ids.Order())}]" + (childKind is null ? "" : $" of {childKind}");
        return new OutcomeInput(typeof(StandardOutcome), description,
            f => ids.Contains(((StandardOutcome)f).StandardId) && (childKind is null || ((StandardOutcome)f).Subject.Schema.Name == childKind),
            childKind, parentKind == Scopes.RuleScope.AllKind ? null : parentKind);
    }

    /// <summary>What the expressions read besides the subject's own slots: child records, and the standards they ask about.</summary>
    private (List<ChildInput> Children, List<OutcomeInput> Outcomes, List<CheckedExpression> Expressions) Dependencies(string kind, IEnumerable<CheckedExpression> expressions)
    {
        var list = expressions.ToList();
        var childKinds = list.SelectMany(e => e.ChildKinds).Distinct().ToArray();
        var children = childKinds.Select(k => Children(k, kind)).OfType<ChildInput>().ToList();
        var outcomes = new List<OutcomeInput>();
        var standards = list.SelectMany(e => e.Standards).Distinct().ToArray();
        if (standards.Length > 0)
        {
            // Standards of children are read through the same links as the children themselves.
            if (childKinds.Length > 0) outcomes.AddRange(children.Select(c => Standards(standards, c.ChildKind, kind)));
            else outcomes.Add(Standards(standards));
        }
        return (children, outcomes, list);
    }

    private static RecordContext Context(SessionState state, RuleSet? set, string kind, RuleFiring firing) => state.Context(set, kind, firing.Subject);

    /// <summary>
    /// Adds a rule whose action evaluates <paramref name="evaluates"/> (the subject's slots they read are the rule's
    /// reads), may write the subject's <paramref name="writes"/>, and reads <paramref name="first"/> before the other outcome inputs.
    /// </summary>
    private void Rule(string name, string description, RuleStage stage, int priority, string citation, SourceLocation location,
        SubjectSchema? subject, (List<ChildInput> Children, List<OutcomeInput> Outcomes, List<CheckedExpression> Expressions) reads,
        IEnumerable<CheckedExpression> evaluates, Action<RuleFiring> action, OutcomeInput? first = null, int[]? writes = null, string? criterionKey = null)
    {
        var slots = subject is null ? [] : evaluates.SelectMany(e => e.Indicators).Where(i => i.SubjectKind == subject.Kind).Select(i => i.Slot).Distinct().ToArray();
        _rules.Add(new ModelRule(name, description, stage, priority, citation, location, subject, _schemas, reads.Children,
            first is null ? reads.Outcomes : [first, .. reads.Outcomes], action, slots, writes ?? [])
        {
            Expressions = reads.Expressions,
            CriterionKey = criterionKey,
        });
    }

    // ---- derived indicators ----------------------------------------------------------------------------------------

    private void CompileDerived()
    {
        foreach (var group in _library.Catalogue.Derived.GroupBy(d => d.Subject))
        {
            if (Schema(group.Key, group.First().Location) is not { } schema) continue;
            var items = group.Select(d => (Derived: d, Expr: Checked(d.Expr), Slot: schema.Layout.Find(d.Key)?.Slot ?? -1))
                .Where(x => x.Expr is not null && x.Slot >= 0).Select(x => (x.Derived, Expr: x.Expr!, x.Slot)).ToArray();
            var compiled = items.Select(i => Delegate(i.Expr)).ToArray();
            var kind = group.Key;
            // Children before parents (households → commune → district → province), so each parent sums settled children once.
            Rule($"derive {kind}", $"derived indicators of {kind}", RuleStage.Derived, DerivedPriority + 10 * KindDepth(kind), "",
                group.First().Location, schema, Dependencies(kind, items.Select(i => i.Expr)), items.Select(i => i.Expr), firing =>
                {
                    var state = RuleSession.Current;
                    var context = Context(state, null, kind, firing);
                    var record = context.Record!;
                    var changed = false;
                    for (var i = 0; i < items.Length; i++)
                    {
                        var value = compiled[i].Evaluate(context);
                        changed |= RecordValues.Write(record, items[i].Slot, value);
                        firing.Emit(items[i].Derived.Key, new DerivedValue(record, items[i].Derived.Key, value));
                    }
                    if (changed) firing.Changed(record);
                }, writes: items.Select(i => i.Slot).ToArray());
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
        // The reasons without their details, made once.
        var applies = cases.Select(c => $"{c.Case.Label}: {c.Case.When.Text}").ToArray();
        var undecided = cases.Select(c => $"unknown: cannot tell whether {c.Case.When.Text}").ToArray();
        var noCase = $"{classification.Otherwise ?? "unknown"}: no case applies";
        Rule($"{set.Id}/{classification.Id}", $"classification {classification.Id}", RuleStage.Classification, ClassificationPriority,
            classification.Citation, classification.Location, schema, Dependencies(classification.Subject, cases.Select(c => c.Expr!)), cases.Select(c => c.Expr!), firing =>
            {
                var state = RuleSession.Current;
                var context = Context(state, set, classification.Subject, firing);
                var trace = state.Explain ? ExpressionTrace.Rent() : null;
                string? label = classification.Otherwise;
                var reason = noCase;
                var citation = classification.Citation;
                for (var i = 0; i < cases.Length; i++)
                {
                    trace?.Clear();
                    var t = compiled[i].EvaluateTruth(context, trace);
                    if (t == Truth.False) continue;
                    var c = cases[i].Case;
                    label = t == Truth.True ? c.Label : null;
                    citation = c.Citation.Length > 0 ? c.Citation : citation;
                    reason = t == Truth.True ? applies[i] : undecided[i];
                    break;
                }
                if (trace is not null)
                {
                    reason = TraceText.WithDetails(reason, trace, " (", ")");
                    ExpressionTrace.Return(trace);
                }
                var record = context.Record!;
                var changed = RecordValues.Write(record, slot, Value.Text(label));
                firing.Emit("o", new ClassificationOutcome(record, set.Id, classification.Id, label, reason, citation));
                if (changed) firing.Changed(record);
            }, writes: [slot]);
    }

    // ---- indicators and criteria -----------------------------------------------------------------------------------

    private void CompileCriterion(RuleSet set, Criterion criterion)
    {
        if (Schema(set.Subject, criterion.Location) is not { } schema) return;
        foreach (var indicator in criterion.Indicators) CompileIndicator(set, criterion, indicator);

        var (setId, criterionId, expected) = (set.Id, criterion.Id, criterion.Indicators.Count);
        // One lookup per outcome finds its criterion rule, rather than a test by every criterion rule.
        var indicators = OutcomeInput.Equal(typeof(IndicatorOutcome), "indicator.criterion", f => (f as IndicatorOutcome)?.CriterionKey,
            IndicatorRule.CriterionKeyOf(setId, criterionId));
        Rule($"{set.Id}/{criterion.Id}", $"criterion {criterion.Id}", RuleStage.Criterion, CriterionPriority, criterion.Citation, criterion.Location,
            schema, ([], [], []), [], firing =>
            {
                var items = firing.Input(0);
                var verdict = items.Count < expected ? Truth.Unknown : Truth.True;
                for (var i = 0; i < items.Count; i++) verdict = Kleene.And(verdict, ((IndicatorOutcome)items[i]).Verdict);
                firing.Emit("o", new CriterionOutcome(firing.Subject!, setId, criterionId, verdict));
            }, first: indicators, criterionKey: IndicatorRule.CriterionKeyOf(setId, criterionId));
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
        CheckedExpression[] expressions = appliesIf is null ? [condition] : [condition, appliesIf];
        var indicatorRule = new IndicatorRule(set.Id, criterion.Id, indicator.Id, indicator.Name.Get(), indicator.Citation, explainer,
            expressions.SelectMany(e => e.Indicators).Where(i => i.SubjectKind == schema.Kind).Select(i => i.Slot));
        Rule($"{set.Id}/{criterion.Id}/{indicator.Id}", $"indicator {indicator.Id}", RuleStage.Indicator, IndicatorPriority, indicator.Citation,
            indicator.Location, schema, Dependencies(indicator.Subject, expressions), expressions, firing =>
            {
                var state = RuleSession.Current;
                var context = Context(state, set, indicator.Subject, firing);
                var verdict = explainer.Verdict(context);
                firing.Emit("o", new IndicatorOutcome(context.Record!, indicatorRule, verdict, state.Explain ? context : null));
            }, criterionKey: indicatorRule.CriterionKey);
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

        // The subject's criterion outcomes of this standard, its required standards, and what its conditions read.
        var criterionOutcomes = new OutcomeInput(typeof(CriterionOutcome), $"criterion of {standard.Id}",
            f => f is CriterionOutcome o && o.RuleSetId == setId && criteria.Contains(o.CriterionId));
        var required = standard.Requires.Concat(conditions.SelectMany(c => c.Expr!.Standards)).Distinct().ToArray();
        var reads = Dependencies(set.Subject, conditions.Select(c => c.Expr!).Where(e => e.ChildKinds.Count > 0));
        if (required.Length > 0) reads.Outcomes.Insert(0, Standards(required));
        Rule($"standard {standard.Id}", $"standard {standard.Id}", RuleStage.Standard, StandardPriority - Depth(standard.Id, sets), standard.Citation,
            standard.Location, schema, reads, conditions.Select(c => c.Expr!), firing =>
        {
            var state = RuleSession.Current;
            var context = Context(state, set, set.Subject, firing);
            var record = context.Record!;
            var items = firing.Input(0);
            int met = 0, unknown = total - items.Count;
            for (var i = 0; i < items.Count; i++)
                switch (((CriterionOutcome)items[i]).Verdict)
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
            var outcome = new StandardOutcome(record, setId, standard.Id, verdict, met, total, unmet, string.Join("; ", reasons), unknown);
            state.SetStandard(outcome);
            firing.Emit("o", outcome);
        }, first: criterionOutcomes);
    }

    // ---- targets ---------------------------------------------------------------------------------------------------

    private void CompileTarget(RuleSet set, Target target)
    {
        var actual = Checked(target.Actual);
        if (actual is null) return;
        var compiled = Delegate(actual);
        var scope = target.Scope;
        SubjectSchema? schema = null;
        if (scope != Scopes.RuleScope.AllKind && (schema = Schema(scope, target.Location)) is null) return;
        Rule($"target {target.Id}", $"target {target.Id}", RuleStage.Target, TargetPriority, target.Citation, target.Location, schema,
            Dependencies(scope, [actual]), [actual], firing =>
        {
            var state = RuleSession.Current;
            var context = Context(state, set, scope, firing);
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
            firing.Emit("o", new TargetOutcome(context.Record, set.Id, target.Id, verdict, double.IsNaN(value) ? null : value, target.Value, gap, reason));
        });
    }
}
