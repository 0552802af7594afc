namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>
/// A checked expression compiled to a delegate. Pass a trace only when building an explanation; with null it runs
/// the fast path. Results agree with <see cref="CheckedExpression.Evaluate"/> on every input.
/// </summary>
public sealed class CompiledExpression
{
    private readonly Func<IEvaluationContext, ExpressionTrace?, Truth>? _truth;
    private readonly Func<IEvaluationContext, ExpressionTrace?, double>? _number;
    private readonly Func<IEvaluationContext, ExpressionTrace?, string?>? _text;
    private readonly Func<IEvaluationContext, ExpressionTrace?, NumberBound>? _bound;

    internal CompiledExpression(ExprType type, Func<IEvaluationContext, ExpressionTrace?, Truth>? truth,
        Func<IEvaluationContext, ExpressionTrace?, double>? number, Func<IEvaluationContext, ExpressionTrace?, string?>? text,
        Func<IEvaluationContext, ExpressionTrace?, NumberBound>? bound = null)
    {
        _bound = bound;
        Type = type;
        _truth = truth;
        _number = number;
        _text = text;
    }

    public ExprType Type { get; }

    /// <summary>The verdict of a condition (the expression must be boolean).</summary>
    public Truth EvaluateTruth(IEvaluationContext context, ExpressionTrace? trace = null) =>
        (_truth ?? throw new InvalidOperationException($"the expression is {Type}, not a condition"))(context, trace);

    /// <summary>A number (or a date's day number); NaN when unknown. The expression must be a number or a date.</summary>
    public double EvaluateNumber(IEvaluationContext context, ExpressionTrace? trace = null) =>
        (_number ?? throw new InvalidOperationException($"the expression is {Type}, not a number"))(context, trace);

    /// <summary>
    /// A number as a <see cref="NumberBound"/>: a count with unknowns (or a value computed from one) gives its known lower
    /// and upper ends, so a comparison can be decided before every input is known. Other numbers are points.
    /// </summary>
    public NumberBound EvaluateBound(IEvaluationContext context, ExpressionTrace? trace = null) =>
        _bound is not null ? _bound(context, trace) : NumberBound.Point(EvaluateNumber(context, trace));

    public Value Evaluate(IEvaluationContext context, ExpressionTrace? trace = null)
    {
        if (_truth is not null) return Value.Of(_truth(context, trace));
        if (_number is not null)
        {
            var n = _number(context, trace);
            return Type.Kind == TypeKind.Date ? Runtime.DateValue(n) : Value.Number(n);
        }
        return Value.Text(_text!(context, trace));
    }
}
