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

    public ExplanationBuilder(CheckedExpression condition, CheckedExpression? appliesIf = null)
    {
        if (condition.Type.Kind != TypeKind.Boolean) throw new ArgumentException($"the condition is {condition.Type}, not true/false", nameof(condition));
        if (appliesIf is not null && appliesIf.Type.Kind != TypeKind.Boolean) throw new ArgumentException("applies_if must be true/false", nameof(appliesIf));
        _text = condition.Text;
        _appliesIf = appliesIf;
        _compiled = condition.Compile();
        _compiledAppliesIf = appliesIf?.Compile();
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
        var trace = new ExpressionTrace();
        var applies = _compiledAppliesIf?.EvaluateTruth(context, trace) ?? Truth.True;
        Truth verdict;
        double? gap = null;
        string reason;
        if (applies == Truth.False)
        {
            verdict = Truth.True;
            reason = $"Not applicable: {_appliesIf!.Text} is false, so the indicator counts as met.";
        }
        else
        {
            var condition = _compiled.EvaluateTruth(context, trace);
            verdict = Kleene.Or(Kleene.Not(applies), condition);
            (reason, gap) = verdict switch
            {
                Truth.True => (Met(context, trace), null),
                Truth.False => NotMet(context, trace),
                _ => (Unknown(trace), null),
            };
        }
        var values = new Dictionary<string, object?>(trace.Values.Count);
        var missing = new List<string>();
        foreach (var (n, v) in trace.Values)
        {
            values[n] = v.ToObject();
            if (v.IsMissing && _indicatorNames.Contains(n)) missing.Add(n);
        }
        var thresholds = new ThresholdUse[trace.Thresholds.Count];
        for (var i = 0; i < thresholds.Length; i++) thresholds[i] = Threshold(trace.Thresholds[i]);
        return new IndicatorExplanation(id, name, verdict.ToVerdict(), _text, values, thresholds, gap, reason, citation, missing);
    }

    private static ThresholdUse Threshold((ParameterSymbol Parameter, ParameterKeys Keys, ParameterLookup Value) t)
    {
        IReadOnlyDictionary<string, string> keys = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
        if (t.Keys.Count > 0)
        {
            var table = new Dictionary<string, string>(t.Keys.Count);
            for (var i = 0; i < t.Keys.Count && i < t.Parameter.Keys.Count; i++) table[t.Parameter.Keys[i]] = t.Keys[i].ToString();
            keys = table;
        }
        return new ThresholdUse(t.Parameter.Name, t.Value.Value.ToObject(), keys, t.Parameter.Unit, t.Value.Source?.Citation,
            t.Value.Source?.Confidence ?? "none");
    }

    private string Met(IEvaluationContext context, ExpressionTrace trace)
    {
        if (_allComparisons)
        {
            if (_conjuncts.Count == 1) return $"Met: {Comparison((BoundBinary)_conjuncts[0], context, trace, met: true).Text}.";
            return "Met: " + string.Join(" and ", _conjuncts.Select(c => Comparison((BoundBinary)c, context, trace, met: true).Text)) + ".";
        }
        return $"Met: {_text} holds{With(trace, _text)}.";
    }

    private (string, double?) NotMet(IEvaluationContext context, ExpressionTrace trace)
    {
        foreach (var c in _conjuncts)
        {
            // With one conjunct it is the condition, already known to be false.
            if (_conjuncts.Count > 1 && Interpreter.Decide(c, context, null) != Truth.False) continue;
            if (c is BoundBinary { IsComparison: true } cmp)
            {
                var (text, gap) = Comparison(cmp, context, trace, met: false);
                return ($"Not met: {text}.", gap);
            }
            var conjunct = c.Text;
            return ($"Not met: {conjunct} is false{With(trace, conjunct)}.", null);
        }
        return ($"Not met: {_text} is false{With(trace, _text)}.", null);
    }

    /// <summary>" with x = 5, y = 2": the values read, unless the text is just the one value read.</summary>
    private static string With(ExpressionTrace trace, string text) =>
        trace.Values.Count == 0 || (trace.Values.Count == 1 && trace.Values[0].Name == text) ? ""
            : " with " + string.Join(", ", trace.Values.Select(v => $"{v.Name} = {v.Value}"));

    /// <summary>"irrigated_land_pct = 72 is below irrigation_min = 80 (gap 8 %)".</summary>
    private static (string Text, double? Gap) Comparison(BoundBinary c, IEvaluationContext context, ExpressionTrace trace, bool met)
    {
        var left = SideValue(c.Left, context, trace);
        var right = SideValue(c.Right, context, trace);
        var phrase = (c.Operator, met) switch
        {
            (BinaryOperator.GreaterOrEqual, true) => "is at least",
            (BinaryOperator.GreaterOrEqual, false) => "is below",
            (BinaryOperator.Greater, true) => "is above",
            (BinaryOperator.Greater, false) => "is not above",
            (BinaryOperator.LessOrEqual, true) => "is at most",
            (BinaryOperator.LessOrEqual, false) => "is above",
            (BinaryOperator.Less, true) => "is below",
            (BinaryOperator.Less, false) => "is not below",
            (BinaryOperator.Equal, true) or (BinaryOperator.NotEqual, false) => "equals",
            _ => "differs from",
        };
        var text = $"{Side(c.Left, left)} {phrase} {Side(c.Right, right)}";
        if (met || c.Comparison != Binding.Comparison.Numeric) return (text, null);
        double a = Number(left), b = Number(right);
        double? gap = c.Operator switch
        {
            BinaryOperator.GreaterOrEqual or BinaryOperator.Greater => b - a,
            BinaryOperator.LessOrEqual or BinaryOperator.Less => a - b,
            BinaryOperator.Equal => Math.Abs(a - b),
            _ => null,
        };
        if (gap is not { } g || double.IsNaN(g)) return (text, null);
        var unit = left.Kind == ValueKind.Date ? "days" : c.Left.Unit ?? c.Right.Unit;
        return ($"{text} (gap {Value.FormatNumber(g)}{(unit is null ? "" : " " + unit)})", g);
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
                foreach (var t in trace.Thresholds)
                {
                    if (t.Parameter != p.Symbol) continue;
                    if (found is not null) return Interpreter.Evaluate(side, context, null); // looked up with several keys
                    found = Interpreter.Normalize(p.Type, t.Value.Value);
                }
                if (found is { } v) return v;
                break;
            default:
                // Indicators, aggregates and met(…) are traced under their text.
                foreach (var (name, value) in trace.Values)
                    if (name == side.Text) return value;
                break;
        }
        return Interpreter.Evaluate(side, context, null);
    }

    private static double Number(Value v) => v.Kind == ValueKind.Date ? v.AsDayNumber : v.AsNumber;

    private static string Side(BoundExpr side, Value value) =>
        side is BoundLiteral ? side.Text : $"{side.Text} = {value}";

    private string Unknown(ExpressionTrace trace)
    {
        var parts = new List<string>();
        var missing = trace.Values.Where(v => v.Value.IsMissing && _indicatorNames.Contains(v.Name)).Select(v => v.Name).ToList();
        if (missing.Count > 0) parts.Add($"{Join(missing)} {(missing.Count == 1 ? "is" : "are")} missing");
        var unknown = trace.Values.Where(v => v.Value.IsMissing && !_indicatorNames.Contains(v.Name)).Select(v => v.Name).ToList();
        if (unknown.Count > 0) parts.Add($"{Join(unknown)} {(unknown.Count == 1 ? "is" : "are")} unknown");
        parts.AddRange(trace.Notes);
        return parts.Count == 0 ? "Unknown: the condition could not be decided." : $"Unknown: {string.Join("; ", parts)}.";
    }

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
