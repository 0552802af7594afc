using NtpRules.Language.Expressions.Binding;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>
/// The reference semantics: a direct walk over the checked tree. Missing values propagate as unknown (Kleene logic
/// for and/or/not); the compiler must agree with this on every input.
/// </summary>
internal static class Interpreter
{
    public static Value Evaluate(BoundExpr e, IEvaluationContext ctx, ExpressionTrace? trace) => e.IsBounded
        ? Value.Number(Bound(e, ctx, trace, null).Value)
        : e switch
    {
        BoundLiteral l => l.Value,
        BoundIndicator i => ExpressionTrace.Indicator(trace, i.Symbol, Normalize(i.Type, ctx.Indicator(i.Symbol.Slot))),
        BoundParameter p => Parameter(p, ctx, trace),
        BoundDefinition d => Evaluate(d.Body, ctx, trace),
        BoundBuiltin { Builtin: Builtin.Year } => Value.Number(ctx.AsOf.Year),
        BoundBuiltin => Value.Date(ctx.AsOf),
        BoundUnary u => Unary(u, ctx, trace),
        BoundBinary b => Binary(b, ctx, trace),
        BoundIn i => Value.Of(In(i, ctx, trace)),
        BoundConditional c => Decide(c.Condition, ctx, trace) switch
        {
            Truth.True => Evaluate(c.Then, ctx, trace),
            Truth.False => Evaluate(c.Else, ctx, trace),
            _ => Value.Missing,
        },
        BoundCall c => Call(c, ctx, trace),
        BoundAggregate a => ExpressionTrace.Computed(trace, a.Text, Aggregate(a, ctx)),
        BoundMet { CountCriteria: true } m => Value.Number(Bound(m, ctx, trace, null).Value),
        BoundMet m => ExpressionTrace.Computed(trace, m.Text, Value.Of(ctx.Met(m.Standard))),
        BoundBaseline b => Baseline(b, ctx, trace),
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    public static Truth Decide(BoundExpr e, IEvaluationContext ctx, ExpressionTrace? trace) => Evaluate(e, ctx, trace).AsTruth;

    /// <summary>A value of the wrong kind for the declared type reads as missing (the reader validates data; this is the backstop).</summary>
    public static Value Normalize(ExprType type, Value v) => type.Kind switch
    {
        TypeKind.Number or TypeKind.Integer => v.Kind == ValueKind.Number ? v : Value.Missing,
        TypeKind.Boolean => v.Kind == ValueKind.Boolean ? v : Value.Missing,
        TypeKind.Date => v.Kind == ValueKind.Date ? v : Value.Missing,
        _ => v.Kind == ValueKind.Text ? v : Value.Missing,
    };

    private static Value Parameter(BoundParameter p, IEvaluationContext ctx, ExpressionTrace? trace)
    {
        var k = new Value[ParameterKeys.MaxKeys];
        for (var i = 0; i < p.Keys.Count; i++) k[i] = Evaluate(p.Keys[i], ctx, trace);
        for (var i = 0; i < p.Keys.Count; i++)
            if (k[i].IsMissing) return Value.Missing; // the missing key is already traced as a missing read
        var keys = new ParameterKeys(p.Keys.Count, k[0], k[1], k[2], k[3]);
        var value = ExpressionTrace.Parameter(trace, p.Symbol, keys, ctx.Parameter(p.Symbol, keys));
        return Normalize(p.Type, value.Value);
    }

    private static Value Unary(BoundUnary u, IEvaluationContext ctx, ExpressionTrace? trace)
    {
        var v = Evaluate(u.Operand, ctx, trace);
        return u.Operator == UnaryOperator.Not ? Value.Of(Kleene.Not(v.AsTruth)) : Value.Number(-v.AsNumber);
    }

    private static Value Binary(BoundBinary b, IEvaluationContext ctx, ExpressionTrace? trace)
    {
        switch (b.Operator)
        {
            case BinaryOperator.And:
                {
                    var l = Decide(b.Left, ctx, trace);
                    return l == Truth.False ? Value.Boolean(false) : Value.Of(Kleene.And(l, Decide(b.Right, ctx, trace)));
                }
            case BinaryOperator.Or:
                {
                    var l = Decide(b.Left, ctx, trace);
                    return l == Truth.True ? Value.Boolean(true) : Value.Of(Kleene.Or(l, Decide(b.Right, ctx, trace)));
                }
        }
        if (b.IsComparison && b.Comparison == Comparison.Numeric && (b.Left.IsBounded || b.Right.IsBounded))
        {
            var l = Bound(b.Left, ctx, trace, null);
            return Value.Of(NumberBound.Compare(NumberBound.OperatorText(b.Operator), l, Bound(b.Right, ctx, trace, null)));
        }
        var left = Evaluate(b.Left, ctx, trace);
        var right = Evaluate(b.Right, ctx, trace);
        if (b.IsComparison) return Value.Of(Compare(b.Operator, b.Comparison, left, right));
        double x = left.AsNumber, y = right.AsNumber;
        switch (b.Operator)
        {
            case BinaryOperator.Add: return Value.Number(x + y);
            case BinaryOperator.Subtract: return Value.Number(x - y);
            case BinaryOperator.Multiply: return Value.Number(x * y);
            default:
                if (y == 0)
                {
                    trace?.Note(b.ZeroDivisorNote);
                    return Value.Missing;
                }
                return Value.Number(x / y);
        }
    }

    public static Truth Compare(BinaryOperator op, Comparison comparison, Value left, Value right)
    {
        if (left.IsMissing || right.IsMissing) return Truth.Unknown;
        switch (comparison)
        {
            case Comparison.Textual:
                return Kleene.Of((left.AsText == right.AsText) == (op == BinaryOperator.Equal));
            case Comparison.Logical:
                return Kleene.Of((left.AsTruth == right.AsTruth) == (op == BinaryOperator.Equal));
        }
        // Numbers and dates are both held as doubles (dates as day numbers).
        var x = left.Kind == ValueKind.Date ? left.AsDayNumber : left.AsNumber;
        var y = right.Kind == ValueKind.Date ? right.AsDayNumber : right.AsNumber;
        return Kleene.Of(op switch
        {
            BinaryOperator.Equal => x == y,
            BinaryOperator.NotEqual => x != y,
            BinaryOperator.Less => x < y,
            BinaryOperator.LessOrEqual => x <= y,
            BinaryOperator.Greater => x > y,
            _ => x >= y,
        });
    }

    private static Truth In(BoundIn i, IEvaluationContext ctx, ExpressionTrace? trace)
    {
        var value = Evaluate(i.Value, ctx, trace);
        if (value.IsMissing) return Truth.Unknown;
        var result = Truth.False;
        foreach (var item in i.Items)
            result = Runtime.InStep(result, Compare(BinaryOperator.Equal, i.Comparison, value, Evaluate(item, ctx, trace)));
        return result;
    }

    private static Value Call(BoundCall c, IEvaluationContext ctx, ExpressionTrace? trace)
    {
        var args = c.Arguments;
        switch (c.Function)
        {
            case Function.Known:
                return Value.Boolean(!Evaluate(args[0], ctx, trace).IsMissing);
            case Function.Coalesce:
                foreach (var a in args)
                {
                    var v = Evaluate(a, ctx, trace);
                    if (!v.IsMissing) return v;
                }
                return Value.Missing;
            case Function.Year:
                {
                    var d = Evaluate(args[0], ctx, trace);
                    return d.IsMissing ? Value.Missing : Value.Number(DateOnly.FromDayNumber((int)d.AsDayNumber).Year);
                }
            case Function.CountTrue:
                {
                    var count = 0;
                    var unknown = false;
                    foreach (var a in args)
                    {
                        var t = Decide(a, ctx, trace);
                        if (t == Truth.True) count++;
                        else if (t == Truth.Unknown) unknown = true;
                    }
                    return unknown ? Value.Missing : Value.Number(count);
                }
            case Function.Abs:
                return Value.Number(Math.Abs(Evaluate(args[0], ctx, trace).AsNumber));
            case Function.Round:
                return Value.Number(Runtime.Round(Evaluate(args[0], ctx, trace).AsNumber,
                    args.Count > 1 ? Evaluate(args[1], ctx, trace).AsNumber : 0));
            default:
                {
                    var result = Evaluate(args[0], ctx, trace).AsNumber;
                    for (var i = 1; i < args.Count; i++)
                    {
                        var v = Evaluate(args[i], ctx, trace).AsNumber;
                        result = c.Function == Function.Min ? Runtime.Min(result, v) : Runtime.Max(result, v);
                    }
                    return Value.Number(result);
                }
        }
    }

    private static Value Aggregate(BoundAggregate a, IEvaluationContext ctx)
    {
        var children = ctx.Children(a.ChildKind);
        if (a.Body is null) return Value.Number(children.Count);
        var acc = new Runtime.Accumulator(a.Aggregate);
        foreach (var child in children)
        {
            var v = Evaluate(a.Body, child, null);
            if (a.Aggregate is Binding.Aggregate.Count or Binding.Aggregate.Share) acc.AddTruth(v.AsTruth);
            else acc.Add(v.AsNumber);
            if (acc.Unknown) break;
        }
        return Value.Number(acc.Result());
    }

    /// <summary>
    /// The bound of a number (see <see cref="NumberBound"/>); a node that does not count is a point. <paramref name="label"/>
    /// names a count in the trace (the definition it is the body of).
    /// </summary>
    public static NumberBound Bound(BoundExpr e, IEvaluationContext ctx, ExpressionTrace? trace, string? label)
    {
        if (!e.IsBounded) return NumberBound.Point(Evaluate(e, ctx, trace).AsNumber);
        switch (e)
        {
            case BoundDefinition d:
                return Bound(d.Body, ctx, trace, label ?? d.Text);
            case BoundUnary u:
                return -Bound(u.Operand, ctx, trace, null);
            case BoundBinary b:
                {
                    var x = Bound(b.Left, ctx, trace, null);
                    var y = Bound(b.Right, ctx, trace, null);
                    return b.Operator switch
                    {
                        BinaryOperator.Add => x + y,
                        BinaryOperator.Subtract => x - y,
                        BinaryOperator.Multiply => x * y,
                        _ => Runtime.BoundDivide(x, y, trace, b.ZeroDivisorNote),
                    };
                }
            case BoundConditional c:
                return Decide(c.Condition, ctx, trace) switch
                {
                    Truth.True => Bound(c.Then, ctx, trace, null),
                    Truth.False => Bound(c.Else, ctx, trace, null),
                    _ => NumberBound.Hull(Bound(c.Then, ctx, trace, null), Bound(c.Else, ctx, trace, null)),
                };
            case BoundCall { Function: Function.CountTrue } c:
                {
                    var acc = NumberBound.Count(0, 0, 0);
                    foreach (var a in c.Arguments) acc = Runtime.CountTrueBoundStep(acc, Decide(a, ctx, trace));
                    return Runtime.TraceBound(trace, label ?? c.Text, false, acc);
                }
            case BoundCall { Function: Function.Abs } c:
                return NumberBound.Abs(Bound(c.Arguments[0], ctx, trace, null));
            case BoundMet m:
                return Runtime.TraceBound(trace, m.Text, true, ctx.CriteriaMet(m.Standard));
            case BoundCall { Function: Function.Round } c:
                {
                    var x = Bound(c.Arguments[0], ctx, trace, null);
                    return NumberBound.Round(x, c.Arguments.Count > 1 ? Evaluate(c.Arguments[1], ctx, trace).AsNumber : 0);
                }
            case BoundCall c:
                {
                    var acc = Bound(c.Arguments[0], ctx, trace, null);
                    for (var i = 1; i < c.Arguments.Count; i++)
                    {
                        var v = Bound(c.Arguments[i], ctx, trace, null);
                        acc = c.Function == Function.Min ? NumberBound.Min(acc, v) : NumberBound.Max(acc, v);
                    }
                    return acc;
                }
            case BoundAggregate a:
                return Runtime.TraceBound(trace, a.Text, true, AggregateBound(a, ctx));
            default:
                throw new InvalidOperationException(e.GetType().Name);
        }
    }

    private static NumberBound AggregateBound(BoundAggregate a, IEvaluationContext ctx)
    {
        var body = a.Body!;
        return body.Type.Kind == TypeKind.Boolean
            ? Runtime.AggregateTruthBound(ctx, a.ChildKind, a.Aggregate, (child, _) => Decide(body, child, null))
            : Runtime.AggregateBound(ctx, a.ChildKind, a.Aggregate, (child, _) => Bound(body, child, null, null));
    }

    private static Value Baseline(BoundBaseline b, IEvaluationContext ctx, ExpressionTrace? trace)
    {
        var baseline = ctx.Baseline;
        if (baseline is null)
        {
            trace?.Note("there is no baseline data");
            return Value.Missing;
        }
        return ExpressionTrace.Computed(trace, b.Text, Evaluate(b.Body, baseline, null));
    }
}
