using System.Text;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Binding;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Expressions.Explain;

/// <summary>
/// Decides and explains one indicator's condition for a subject. Build it once per indicator (it compiles the
/// condition); call <see cref="Verdict"/> on the hot path (no tracing) and <see cref="Explain"/> when a reviewer needs
/// the values read, the thresholds in force, the gap and a sentence.
/// </summary>
/// <remarks>
/// With <c>applies_if</c> the indicator is met when it does not apply: verdict = (not applies) or condition, in Kleene logic.
/// The gap is taken from the first failing comparison among the condition's top-level <c>and</c> operands:
/// for <c>a &gt;= b</c> or <c>a &gt; b</c> it is b − a, for <c>a &lt;= b</c> or <c>a &lt; b</c> it is a − b, for <c>a == b</c> |a − b|.
/// </remarks>
public sealed class ExplanationBuilder
{
    private readonly CheckedExpression? _appliesIf;
    private readonly CompiledExpression _compiled;
    private readonly CompiledExpression? _compiledAppliesIf;
    private readonly IReadOnlyList<BoundExpr> _conjuncts;
    private readonly HashSet<string> _indicatorNames;
    private readonly string _text;
    private readonly bool _allComparisons;

    public ExplanationBuilder(CheckedExpression condition, CheckedExpression? appliesIf = null) : this(condition, appliesIf, e => e.Compile())
    {
    }

    /// <param name="compile">Compiles an expression (the rule compiler passes one that shares delegates between identical expressions).</param>
    internal ExplanationBuilder(CheckedExpression condition, CheckedExpression? appliesIf, Func<CheckedExpression, CompiledExpression> compile)
    {
        if (condition.Type.Kind != TypeKind.Boolean) throw new ArgumentException($"the condition is {condition.Type}, not true/false", nameof(condition));
        if (appliesIf is not null && appliesIf.Type.Kind != TypeKind.Boolean) throw new ArgumentException("applies_if must be true/false", nameof(appliesIf));
        _text = condition.Text;
        _appliesIf = appliesIf;
        _compiled = compile(condition);
        _compiledAppliesIf = appliesIf is null ? null : compile(appliesIf);
        var conjuncts = new List<BoundExpr>();
        Conjuncts(condition.Root, conjuncts);
        _conjuncts = conjuncts;
        _allComparisons = conjuncts.All(c => c is BoundBinary { IsComparison: true });
        _indicatorNames = condition.Indicators.Concat(appliesIf?.Indicators ?? []).Select(i => i.Name).ToHashSet();
    }

    private static void Conjuncts(BoundExpr e, List<BoundExpr> into)
    {
        while (e is BoundDefinition d) e = d.Body;
        if (e is BoundBinary { Operator: BinaryOperator.And } and)
        {
            Conjuncts(and.Left, into);
            Conjuncts(and.Right, into);
        }
        else into.Add(e);
    }

    /// <summary>The verdict without tracing: the fast path.</summary>
    public Truth Verdict(IEvaluationContext context)
    {
        if (_compiledAppliesIf is null) return _compiled.EvaluateTruth(context);
        var applies = _compiledAppliesIf.EvaluateTruth(context);
        return applies == Truth.False ? Truth.True : Kleene.Or(Kleene.Not(applies), _compiled.EvaluateTruth(context));
    }

    public IndicatorExplanation Explain(IEvaluationContext context, string id, string name, string citation)
    {
        // The trace and the text buffer are reused (one each per thread): explanations are read by the thousand, and
        // their garbage cost more than the evaluation itself.
        var trace = ExpressionTrace.Rent();
        var text = TextBuffers.Rent();
        try
        {
            return Explain(context, id, name, citation, trace, text);
        }
        finally
        {
            ExpressionTrace.Return(trace);
            TextBuffers.Return(text);
        }
    }

    private static readonly object BoxedTrue = true, BoxedFalse = false;

    private IndicatorExplanation Explain(IEvaluationContext context, string id, string name, string citation, ExpressionTrace trace, StringBuilder text)
    {
        var applies = _compiledAppliesIf?.EvaluateTruth(context, trace) ?? Truth.True;
        Truth verdict;
        double? gap = null;
        if (applies == Truth.False)
        {
            verdict = Truth.True;
            text.Append("Not applicable: ").Append(_appliesIf!.Text).Append(" is false, so the indicator counts as met.");
        }
        else
        {
            var condition = _compiled.EvaluateTruth(context, trace);
            verdict = Kleene.Or(Kleene.Not(applies), condition);
            switch (verdict)
            {
                case Truth.True: Met(text, context, trace); break;
                case Truth.False: gap = NotMet(text, context, trace); break;
                default: text.Append(Unknown(trace)); break;
            }
        }
        // Indexed loops over the trace's lists: a foreach through the interface would box an enumerator per explanation.
        for (var i = 0; i < trace.Thresholds.Count; i++)
        {
            var (parameter, keys, lookup) = trace.Thresholds[i];
            DefaultRowNote.Append(text, " ", parameter, keys, lookup, sentence: true);
        }
        var values = new KeyValuePair<string, object?>[trace.Values.Count]; // names are unique: the trace keeps the first read
        List<string>? missing = null;
        for (var i = 0; i < values.Length; i++)
        {
            var (n, v) = trace.Values[i];
            values[i] = new(n, v.Kind == ValueKind.Boolean ? (v.AsTruth == Truth.True ? BoxedTrue : BoxedFalse) : v.ToObject());
            if (v.IsMissing && _indicatorNames.Contains(n)) (missing ??= new List<string>()).Add(n);
        }
        var thresholds = trace.Thresholds.Count == 0 ? [] : new ThresholdUse[trace.Thresholds.Count];
        for (var i = 0; i < thresholds.Length; i++) thresholds[i] = Threshold(trace.Thresholds[i]);
        return new IndicatorExplanation(id, name, verdict.ToVerdict(), _text, new NamedValues(values), thresholds, gap, text.ToString(), citation,
            missing ?? (IReadOnlyList<string>)[]) { NotApplicable = applies == Truth.False };
    }

    /// <summary>
    /// Thresholds already described by this builder. A <see cref="ThresholdUse"/> is immutable and most subjects read
    /// the same rows, so explanations share them: fewer objects built and kept. Copied on write (readers never lock);
    /// a write lost to a race only loses a cache entry.
    /// </summary>
    private (ParameterSymbol Parameter, ParameterKeys Keys, ParameterLookup Value, ThresholdUse Use)[] _thresholds = [];
    private const int MaxSharedThresholds = 32;

    private ThresholdUse Threshold((ParameterSymbol Parameter, ParameterKeys Keys, ParameterLookup Value) t)
    {
        var known = Volatile.Read(ref _thresholds);
        foreach (var k in known)
            if (k.Parameter == t.Parameter && k.Keys.SameAs(t.Keys) && k.Value == t.Value) return k.Use;
        var use = Describe(t.Parameter, t.Keys, t.Value);
        if (known.Length < MaxSharedThresholds) Volatile.Write(ref _thresholds, [.. known, (t.Parameter, t.Keys, t.Value, use)]);
        return use;
    }

    private static ThresholdUse Describe(ParameterSymbol parameter, ParameterKeys keyValues, ParameterLookup value)
    {
        IReadOnlyDictionary<string, string> keys = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
        if (keyValues.Count > 0)
        {
            var table = new Dictionary<string, string>(keyValues.Count);
            for (var i = 0; i < keyValues.Count && i < parameter.Keys.Count; i++) table[parameter.Keys[i]] = keyValues[i].ToString();
            keys = table;
        }
        var note = new StringBuilder();
        DefaultRowNote.Append(note, "", parameter, keyValues, value, sentence: true);
        return new ThresholdUse(parameter.Name, value.Value.ToObject(), keys, parameter.Unit, value.Source?.Citation,
            value.Source?.Confidence ?? "none", value.Source?.Derivation,
            note.Length > 0 ? note.ToString(0, note.Length - 1) : null, value.Source?.Row);
    }

    private void Met(StringBuilder text, IEvaluationContext context, ExpressionTrace trace)
    {
        text.Append("Met: ");
        if (_allComparisons)
        {
            for (var i = 0; i < _conjuncts.Count; i++)
            {
                if (i > 0) text.Append(" and ");
                Comparison(text, (BoundBinary)_conjuncts[i], context, trace, met: true);
            }
        }
        else
        {
            text.Append(_text).Append(" holds");
            With(text, trace, _text);
        }
        text.Append('.');
    }

    /// <summary>Appends why the condition is not met; returns the gap, if any.</summary>
    private double? NotMet(StringBuilder text, IEvaluationContext context, ExpressionTrace trace)
    {
        text.Append("Not met: ");
        double? gap = null;
        var failing = _text;
        foreach (var c in _conjuncts)
        {
            // With one conjunct it is the condition, already known to be false.
            if (_conjuncts.Count > 1 && Interpreter.Decide(c, context, null) != Truth.False) continue;
            if (c is BoundBinary { IsComparison: true } cmp)
            {
                gap = Comparison(text, cmp, context, trace, met: false);
                text.Append('.');
                return gap;
            }
            failing = c.Text;
            break;
        }
        text.Append(failing).Append(" is false");
        With(text, trace, failing);
        text.Append('.');
        return gap;
    }

    /// <summary>" with x = 5, y = 2": the values read, unless the text is just the one value read.</summary>
    private static void With(StringBuilder text, ExpressionTrace trace, string expression)
    {
        var read = trace.Values;
        if (read.Count == 0 || (read.Count == 1 && read[0].Name == expression)) return;
        trace.AppendValues(text.Append(" with "));
    }

    /// <summary>Appends "irrigated_land_pct = 72 is below irrigation_min = 80 (gap 8 %)"; returns the gap when not met.</summary>
    private static double? Comparison(StringBuilder text, BoundBinary c, IEvaluationContext context, ExpressionTrace trace, bool met)
    {
        var left = SideValue(c.Left, context, trace);
        var right = SideValue(c.Right, context, trace);
        var phrase = (c.Operator, met) switch
        {
            (BinaryOperator.GreaterOrEqual, true) => " is at least ",
            (BinaryOperator.GreaterOrEqual, false) => " is below ",
            (BinaryOperator.Greater, true) => " is above ",
            (BinaryOperator.Greater, false) => " is not above ",
            (BinaryOperator.LessOrEqual, true) => " is at most ",
            (BinaryOperator.LessOrEqual, false) => " is above ",
            (BinaryOperator.Less, true) => " is below ",
            (BinaryOperator.Less, false) => " is not below ",
            (BinaryOperator.Equal, true) or (BinaryOperator.NotEqual, false) => " equals ",
            _ => " differs from ",
        };
        // A partly known count reads as its bound, and the gap is taken from its nearer end.
        var bounded = c.Comparison == Binding.Comparison.Numeric && (c.Left.IsBounded || c.Right.IsBounded);
        var lb = bounded ? Interpreter.Bound(c.Left, context, null, null) : default;
        var rb = bounded ? Interpreter.Bound(c.Right, context, null, null) : default;
        Side(text, c.Left, left, lb);
        text.Append(phrase);
        Side(text, c.Right, right, rb);
        if (met || c.Comparison != Binding.Comparison.Numeric) return null;
        double a = Number(left), b = Number(right);
        if (bounded)
            (a, b) = c.Operator is BinaryOperator.GreaterOrEqual or BinaryOperator.Greater ? (lb.Hi, rb.Lo)
                : c.Operator is BinaryOperator.LessOrEqual or BinaryOperator.Less ? (lb.Lo, rb.Hi) : (lb.Value, rb.Value);
        double? gap = c.Operator switch
        {
            BinaryOperator.GreaterOrEqual or BinaryOperator.Greater => b - a,
            BinaryOperator.LessOrEqual or BinaryOperator.Less => a - b,
            BinaryOperator.Equal => Math.Abs(a - b),
            _ => null,
        };
        if (gap is not { } g || double.IsNaN(g)) return null;
        var unit = left.Kind == ValueKind.Date ? "days" : c.Left.Unit ?? c.Right.Unit;
        Value.AppendNumber(text.Append(" (gap "), g);
        if (unit is not null) text.Append(' ').Append(unit);
        text.Append(')');
        return g;
    }

    /// <summary>A comparison operand's value: from the trace when it was read or computed there, else evaluated again.</summary>
    private static Value SideValue(BoundExpr side, IEvaluationContext context, ExpressionTrace trace)
    {
        switch (side)
        {
            case BoundLiteral l:
                return l.Value;
            case BoundParameter p:
                Value? found = null;
                for (var i = 0; i < trace.Thresholds.Count; i++)
                {
                    var t = trace.Thresholds[i];
                    // By name: the delegate may be shared with the same condition in another version, whose symbol is an equal copy.
                    if (t.Parameter.Name != p.Symbol.Name) continue;
                    if (found is not null) return Interpreter.Evaluate(side, context, null); // looked up with several keys
                    found = Interpreter.Normalize(p.Type, t.Value.Value);
                }
                if (found is { } v) return v;
                break;
            default:
                // Indicators, aggregates and met(…) are traced under their text.
                for (var i = 0; i < trace.Values.Count; i++)
                    if (trace.Values[i].Name == side.Text) return trace.Values[i].Value;
                break;
        }
        return Interpreter.Evaluate(side, context, null);
    }

    private static double Number(Value v) => v.Kind == ValueKind.Date ? v.AsDayNumber : v.AsNumber;

    private static void Side(StringBuilder text, BoundExpr side, Value value, NumberBound bound)
    {
        text.Append(side.Text);
        if (side is BoundLiteral) return;
        if (value.IsMissing && side.IsBounded && !bound.IsUnknown) text.Append(" = ").Append(bound.ToString());
        else value.AppendTo(text.Append(" = "));
    }

    private string Unknown(ExpressionTrace trace)
    {
        var parts = new List<string>();
        List<string>? missing = null, unknown = null;
        for (var i = 0; i < trace.Values.Count; i++)
        {
            var (name, value) = trace.Values[i];
            if (!value.IsMissing) continue;
            if (_indicatorNames.Contains(name)) (missing ??= []).Add(name);
            // A partly known count is said by its note ("share(…): between 40 and 52 (3 of 25 unknown)"), not as unknown.
            else if (!HasNoteAbout(trace, name)) (unknown ??= []).Add(name);
        }
        if (missing is not null) parts.Add($"{Join(missing)} {(missing.Count == 1 ? "is" : "are")} missing");
        if (unknown is not null) parts.Add($"{Join(unknown)} {(unknown.Count == 1 ? "is" : "are")} unknown");
        parts.AddRange(trace.Notes);
        return parts.Count == 0 ? "Unknown: the condition could not be decided." : $"Unknown: {string.Join("; ", parts)}.";
    }

    /// <summary>Whether a note starts with "<paramref name="name"/>: ".</summary>
    private static bool HasNoteAbout(ExpressionTrace trace, string name)
    {
        for (var i = 0; i < trace.Notes.Count; i++)
        {
            var note = trace.Notes[i];
            if (note.Length > name.Length + 1 && note.StartsWith(name, StringComparison.Ordinal) && note[name.Length] == ':' && note[name.Length + 1] == ' ')
                return true;
        }
        return false;
    }

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
