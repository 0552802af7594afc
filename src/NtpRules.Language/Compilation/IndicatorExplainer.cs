using NtpRules.Language.Diagnostics;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Compilation;

/// <summary>
/// Evaluates one criterion indicator for a subject: fast (no trace) for the verdict alone, or traced into an
/// <see cref="IndicatorExplanation"/> with the values read, thresholds in force, gap, reason and citation.
/// The gap of a top-level comparison <c>a &gt;= b</c> (or &gt;, &lt;=, &lt;) is <c>b − a</c> when not met.
/// </summary>
internal sealed class IndicatorExplainer
{
    private readonly CheckedExpression _condition;
    private readonly CompiledExpression _compiled;
    private readonly CheckedExpression? _appliesIf;
    private readonly CompiledExpression? _appliesCompiled;
    private readonly CompiledExpression? _left, _right;
    private readonly string? _gapUnit;

    public IndicatorExplainer(string id, string name, string citation, CheckedExpression condition, CheckedExpression? appliesIf, IExpressionScope scope)
    {
        Id = id;
        Name = name;
        Citation = citation;
        _condition = condition;
        _compiled = condition.Compile();
        _appliesIf = appliesIf;
        _appliesCompiled = appliesIf?.Compile();
        if (condition.Syntax is BinaryExpr { Operator: BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual } cmp)
        {
            var bag = new DiagnosticBag();
            var left = ExpressionChecker.Check(cmp.Left, scope, bag);
            var right = ExpressionChecker.Check(cmp.Right, scope, bag);
            if (left is { Type.IsNumeric: true } && right is { Type.IsNumeric: true })
            {
                (_left, _right) = (left.Compile(), right.Compile());
                _gapUnit = left.Unit;
            }
        }
    }

    public string Id { get; }
    public string Name { get; }
    public string Citation { get; }

    /// <summary>The verdict alone (no trace): not applicable counts as met; an unknown <c>applies_if</c> leaves only a met condition decided.</summary>
    public Truth Verdict(IEvaluationContext context)
    {
        var applies = _appliesCompiled?.EvaluateTruth(context) ?? Truth.True;
        return applies == Truth.False ? Truth.True : Kleene.Or(Kleene.Not(applies), _compiled.EvaluateTruth(context));
    }

    public (Truth Verdict, IndicatorExplanation Explanation) Explain(IEvaluationContext context)
    {
        var trace = new ExpressionTrace();
        var applies = _appliesCompiled?.EvaluateTruth(context, trace) ?? Truth.True;
        if (applies == Truth.False)
            return (Truth.True, Build(Truth.True, trace, null,
                $"Not applicable, counts as met: {_appliesIf!.Text} is false ({TraceText.Values(trace)})."));
        var verdict = Kleene.Or(Kleene.Not(applies), _compiled.EvaluateTruth(context, trace));
        double? gap = null;
        if (verdict == Truth.False && _left is not null && _right is not null)
        {
            var g = _right.EvaluateNumber(context) - _left.EvaluateNumber(context);
            if (!double.IsNaN(g)) gap = Math.Round(g, 6);
        }
        var details = TraceText.Details(trace);
        var reason = verdict switch
        {
            Truth.True => $"Met: {_condition.Text}" + (details.Length > 0 ? $", {details}." : "."),
            Truth.False => $"Not met: {_condition.Text}" + (details.Length > 0 ? $", {details}" : "") +
                           (gap is { } x ? $"; gap {TraceText.Number(x)}{(_gapUnit is null ? "" : " " + _gapUnit)}." : "."),
            _ => $"Unknown: {_condition.Text} cannot be decided" + (TraceText.Missing(trace) is { Count: > 0 } m ? $"; missing {string.Join(", ", m)}" : "") +
                 (details.Length > 0 ? $"; {details}." : "."),
        };
        return (verdict, Build(verdict, trace, gap, reason));
    }

    private IndicatorExplanation Build(Truth verdict, ExpressionTrace trace, double? gap, string reason)
    {
        var values = new Dictionary<string, object?>();
        foreach (var (name, value) in trace.Values) values[name] = value.ToObject();
        var thresholds = trace.Thresholds.Select(t => new ThresholdUse(
            t.Parameter.Name,
            t.Value.Value.ToObject(),
            Enumerable.Range(0, t.Keys.Count).ToDictionary(i => i < t.Parameter.Keys.Count ? t.Parameter.Keys[i] : "key" + i, i => t.Keys[i].ToString()),
            t.Parameter.Unit,
            t.Value.Source?.Citation,
            t.Value.Source?.Confidence ?? "none")).ToArray();
        return new IndicatorExplanation(Id, Name, verdict.ToVerdict(), _condition.Text, values, thresholds, gap, reason, Citation, TraceText.Missing(trace));
    }
}
