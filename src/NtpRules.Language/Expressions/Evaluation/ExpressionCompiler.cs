using System.Linq.Expressions;
using System.Reflection;
using NtpRules.Language.Expressions.Binding;
using NtpRules.Language.Expressions.Syntax;
using L = System.Linq.Expressions.Expression;

namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>
/// Compiles a checked tree to a <see cref="System.Linq.Expressions"/> delegate. Generated code only does arithmetic,
/// calls <see cref="Runtime"/> helpers, the evaluation context and the trace: nothing named by the rule text is ever
/// looked up by reflection. Values are typed: double (NaN = unknown) for numbers and dates, <see cref="Truth"/>, string
/// (null = unknown). The trace argument is null on the fast path; each read checks it once.
/// </summary>
internal static class ExpressionCompiler
{
    private static readonly ParameterExpression Ctx = L.Parameter(typeof(IEvaluationContext), "ctx");
    private static readonly ParameterExpression Trace = L.Parameter(typeof(ExpressionTrace), "trace");

    private static MethodInfo R(string name, params Type[] types) =>
        typeof(Runtime).GetMethod(name, BindingFlags.Public | BindingFlags.Static, types) ?? throw new MissingMethodException(nameof(Runtime), name);

    public static CompiledExpression Compile(CheckedExpression checkedExpression)
    {
        var root = checkedExpression.Root;
        var body = Emit(root);
        return root.Type.Kind switch
        {
            TypeKind.Boolean => new CompiledExpression(root.Type, Lambda<Truth>(body), null, null),
            TypeKind.Number or TypeKind.Integer or TypeKind.Date => new CompiledExpression(root.Type, null, Lambda<double>(body), null,
                root.IsBounded ? Lambda<NumberBound>(EmitBound(root, null)) : null),
            _ => new CompiledExpression(root.Type, null, null, Lambda<string?>(body)),
        };
    }

    /// <summary>The generated code before compilation, for inspection (tests check it calls only the whitelist).</summary>
    internal static L Body(CheckedExpression checkedExpression) => Emit(checkedExpression.Root);

    private static Func<IEvaluationContext, ExpressionTrace?, T> Lambda<T>(L body) =>
        L.Lambda<Func<IEvaluationContext, ExpressionTrace?, T>>(body, Ctx, Trace).Compile();

    internal static Type ClrType(ExprType t) => t.Kind switch
    {
        TypeKind.Boolean => typeof(Truth),
        TypeKind.Number or TypeKind.Integer or TypeKind.Date => typeof(double),
        _ => typeof(string),
    };

    private static L Unknown(ExprType t) => t.Kind switch
    {
        TypeKind.Boolean => L.Constant(Truth.Unknown),
        TypeKind.Number or TypeKind.Integer or TypeKind.Date => L.Constant(double.NaN),
        _ => L.Constant(null, typeof(string)),
    };

    private static L Known(L typed) => L.Call(R(nameof(Runtime.IsKnown), typed.Type), typed);

    /// <summary>A typed value boxed into <see cref="Value"/> (for parameter keys and traces).</summary>
    private static L ToValue(L typed, ExprType t) => t.Kind switch
    {
        TypeKind.Boolean => L.Call(R(nameof(Runtime.TruthValue), typeof(Truth)), typed),
        TypeKind.Date => L.Call(R(nameof(Runtime.DateValue), typeof(double)), typed),
        TypeKind.Number or TypeKind.Integer => L.Call(R(nameof(Runtime.NumberValue), typeof(double)), typed),
        _ => L.Call(R(nameof(Runtime.TextValue), typeof(string)), typed),
    };

    private static L FromValue(L value, ExprType t) => t.Kind switch
    {
        TypeKind.Boolean => L.Property(value, nameof(Value.AsTruth)),
        TypeKind.Date => L.Property(value, nameof(Value.AsDayNumber)),
        TypeKind.Number or TypeKind.Integer => L.Property(value, nameof(Value.AsNumber)),
        _ => L.Property(value, nameof(Value.AsText)),
    };

    private static L Emit(BoundExpr e) => e.IsBounded ? L.Call(R(nameof(Runtime.BoundValue), typeof(NumberBound)), EmitBound(e, null)) : e switch
    {
        BoundLiteral l => Literal(l),
        BoundIndicator i => L.Call(R(i.Type.Kind switch
        {
            TypeKind.Boolean => nameof(Runtime.ReadTruth),
            TypeKind.Date => nameof(Runtime.ReadDate),
            TypeKind.Number or TypeKind.Integer => nameof(Runtime.ReadNumber),
            _ => nameof(Runtime.ReadText),
        }, typeof(IEvaluationContext), typeof(IndicatorSymbol), typeof(ExpressionTrace)), Ctx, L.Constant(i.Symbol), Trace),
        BoundParameter p => Parameter(p),
        BoundDefinition d => Emit(d.Body),
        BoundBuiltin { Builtin: Builtin.Year } => L.Call(R(nameof(Runtime.Year), typeof(IEvaluationContext)), Ctx),
        BoundBuiltin => L.Call(R(nameof(Runtime.AsOf), typeof(IEvaluationContext)), Ctx),
        BoundUnary { Operator: UnaryOperator.Not } u => L.Call(R(nameof(Runtime.Not), typeof(Truth)), Emit(u.Operand)),
        BoundUnary u => L.Negate(Emit(u.Operand)),
        BoundBinary b => Binary(b),
        BoundIn i => In(i),
        BoundConditional c => Conditional(c),
        BoundCall c => Call(c),
        BoundAggregate a => Aggregate(a),
        BoundMet m => L.Call(R(nameof(Runtime.Met), typeof(IEvaluationContext), typeof(ExpressionTrace), typeof(string), typeof(string)),
            Ctx, Trace, L.Constant(m.Standard), L.Constant(m.Text)),
        BoundBaseline b => FromValue(L.Call(R(nameof(Runtime.Baseline), typeof(IEvaluationContext), typeof(ExpressionTrace),
                typeof(Func<IEvaluationContext, ExpressionTrace?, Value>), typeof(string)),
            Ctx, Trace, L.Constant(Lambda<Value>(ToValue(Emit(b.Body), b.Body.Type))), L.Constant(b.Text)), b.Type),
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    private static L Literal(BoundLiteral l) => l.Type.Kind switch
    {
        TypeKind.Boolean => L.Constant(l.Value.AsTruth),
        TypeKind.Date => L.Constant(l.Value.AsDayNumber),
        TypeKind.Number or TypeKind.Integer => L.Constant(l.Value.AsNumber),
        _ => L.Constant(l.Value.AsText, typeof(string)),
    };

    private static L Parameter(BoundParameter p)
    {
        var keys = new L[ParameterKeys.MaxKeys];
        for (var i = 0; i < keys.Length; i++)
            keys[i] = i < p.Keys.Count ? ToValue(Emit(p.Keys[i]), p.Keys[i].Type) : L.Default(typeof(Value));
        var value = L.Call(R(nameof(Runtime.Parameter), typeof(IEvaluationContext), typeof(ExpressionTrace), typeof(ParameterSymbol), typeof(int),
            typeof(Value), typeof(Value), typeof(Value), typeof(Value)), [Ctx, Trace, L.Constant(p.Symbol), L.Constant(p.Keys.Count), .. keys]);
        return FromValue(value, p.Type);
    }

    private static L Binary(BoundBinary b)
    {
        if (b.Operator is BinaryOperator.And or BinaryOperator.Or)
        {
            // Short-circuit like the interpreter: false and … = false, true or … = true.
            var left = L.Variable(typeof(Truth), "l");
            var decisive = L.Constant(b.Operator == BinaryOperator.And ? Truth.False : Truth.True);
            var combine = R(b.Operator == BinaryOperator.And ? nameof(Runtime.And) : nameof(Runtime.Or), typeof(Truth), typeof(Truth));
            return L.Block(typeof(Truth), [left],
                L.Assign(left, Emit(b.Left)),
                L.Condition(L.Equal(left, decisive), decisive, L.Call(combine, left, Emit(b.Right))));
        }
        if (b.IsComparison && b.Comparison == Binding.Comparison.Numeric && (b.Left.IsBounded || b.Right.IsBounded))
            return L.Call(R(nameof(Runtime.BoundCompare), typeof(string), typeof(NumberBound), typeof(NumberBound)),
                L.Constant(NumberBound.OperatorText(b.Operator)), EmitBound(b.Left, null), EmitBound(b.Right, null));
        var x = Emit(b.Left);
        var y = Emit(b.Right);
        if (b.IsComparison) return Comparison(b.Operator, b.Comparison, x, y);
        return b.Operator switch
        {
            BinaryOperator.Add => L.Add(x, y),
            BinaryOperator.Subtract => L.Subtract(x, y),
            BinaryOperator.Multiply => L.Multiply(x, y),
            _ => L.Call(R(nameof(Runtime.Divide), typeof(double), typeof(double), typeof(ExpressionTrace), typeof(string)),
                x, y, Trace, L.Constant(b.ZeroDivisorNote)),
        };
    }

    private static L Comparison(BinaryOperator op, Binding.Comparison comparison, L x, L y)
    {
        if (comparison != Binding.Comparison.Numeric)
        {
            var equal = comparison == Binding.Comparison.Textual
                ? L.Call(R(nameof(Runtime.TextEqual), typeof(string), typeof(string)), x, y)
                : L.Call(R(nameof(Runtime.TruthEqual), typeof(Truth), typeof(Truth)), x, y);
            return op == BinaryOperator.Equal ? equal : L.Call(R(nameof(Runtime.Not), typeof(Truth)), equal);
        }
        var name = op switch
        {
            BinaryOperator.Equal => nameof(Runtime.Equal),
            BinaryOperator.NotEqual => nameof(Runtime.NotEqual),
            BinaryOperator.Less => nameof(Runtime.Less),
            BinaryOperator.LessOrEqual => nameof(Runtime.LessOrEqual),
            BinaryOperator.Greater => nameof(Runtime.Greater),
            _ => nameof(Runtime.GreaterOrEqual),
        };
        return L.Call(R(name, typeof(double), typeof(double)), x, y);
    }

    private static L In(BoundIn i)
    {
        var value = L.Variable(ClrType(i.Value.Type), "v");
        L acc = L.Constant(Truth.False);
        var step = R(nameof(Runtime.InStep), typeof(Truth), typeof(Truth));
        foreach (var item in i.Items) acc = L.Call(step, acc, Comparison(BinaryOperator.Equal, i.Comparison, value, Emit(item)));
        return L.Block(typeof(Truth), [value],
            L.Assign(value, Emit(i.Value)),
            L.Condition(Known(value), acc, L.Constant(Truth.Unknown)));
    }

    private static L Conditional(BoundConditional c)
    {
        var condition = L.Variable(typeof(Truth), "c");
        var type = ClrType(c.Type);
        return L.Block(type, [condition],
            L.Assign(condition, Emit(c.Condition)),
            L.Condition(L.Equal(condition, L.Constant(Truth.True)), Emit(c.Then),
                L.Condition(L.Equal(condition, L.Constant(Truth.False)), Emit(c.Else), Unknown(c.Type), type), type));
    }

    private static L Call(BoundCall c)
    {
        var args = c.Arguments;
        switch (c.Function)
        {
            case Function.Known:
                return L.Call(R(nameof(Runtime.Known), typeof(bool)), Known(Emit(args[0])));
            case Function.Coalesce:
                {
                    // First known argument, left to right; each argument is evaluated only if those before it were unknown.
                    var type = ClrType(c.Type);
                    L result = Unknown(c.Type);
                    var variables = new List<ParameterExpression>();
                    for (var i = args.Count - 1; i >= 0; i--)
                    {
                        var v = L.Variable(type, "a" + i);
                        variables.Add(v);
                        result = L.Block(type, L.Assign(v, Emit(args[i])), L.Condition(Known(v), v, result, type));
                    }
                    return L.Block(type, variables, result);
                }
            case Function.Year:
                return L.Call(R(nameof(Runtime.YearOf), typeof(double)), Emit(args[0]));
            case Function.CountTrue:
                {
                    L acc = L.Constant(0.0);
                    var step = R(nameof(Runtime.CountTrueStep), typeof(double), typeof(Truth));
                    foreach (var a in args) acc = L.Call(step, acc, Emit(a));
                    return acc;
                }
            case Function.Abs:
                return L.Call(R(nameof(Runtime.Abs), typeof(double)), Emit(args[0]));
            case Function.Round:
                return L.Call(R(nameof(Runtime.Round), typeof(double), typeof(double)), Emit(args[0]), args.Count > 1 ? Emit(args[1]) : L.Constant(0.0));
            default:
                {
                    var fold = R(c.Function == Function.Min ? nameof(Runtime.Min) : nameof(Runtime.Max), typeof(double), typeof(double));
                    var acc = Emit(args[0]);
                    for (var i = 1; i < args.Count; i++) acc = L.Call(fold, acc, Emit(args[i]));
                    return acc;
                }
        }
    }

    /// <summary>A number as a <see cref="NumberBound"/>; mirrors <see cref="Interpreter.Bound"/>.</summary>
    private static L EmitBound(BoundExpr e, string? label)
    {
        if (!e.IsBounded) return L.Call(R(nameof(Runtime.PointBound), typeof(double)), Emit(e));
        var b2 = new[] { typeof(NumberBound), typeof(NumberBound) };
        switch (e)
        {
            case BoundDefinition d:
                return EmitBound(d.Body, label ?? d.Text);
            case BoundUnary u:
                return L.Call(R(nameof(Runtime.BoundNegate), typeof(NumberBound)), EmitBound(u.Operand, null));
            case BoundBinary b:
                {
                    var x = EmitBound(b.Left, null);
                    var y = EmitBound(b.Right, null);
                    return b.Operator switch
                    {
                        BinaryOperator.Add => L.Call(R(nameof(Runtime.BoundAdd), b2), x, y),
                        BinaryOperator.Subtract => L.Call(R(nameof(Runtime.BoundSubtract), b2), x, y),
                        BinaryOperator.Multiply => L.Call(R(nameof(Runtime.BoundMultiply), b2), x, y),
                        _ => L.Call(R(nameof(Runtime.BoundDivide), typeof(NumberBound), typeof(NumberBound), typeof(ExpressionTrace), typeof(string)),
                            x, y, Trace, L.Constant(b.ZeroDivisorNote)),
                    };
                }
            case BoundConditional c:
                {
                    var condition = L.Variable(typeof(Truth), "c");
                    return L.Block(typeof(NumberBound), [condition],
                        L.Assign(condition, Emit(c.Condition)),
                        L.Condition(L.Equal(condition, L.Constant(Truth.True)), EmitBound(c.Then, null),
                            L.Condition(L.Equal(condition, L.Constant(Truth.False)), EmitBound(c.Else, null),
                                L.Call(R(nameof(Runtime.BoundHull), b2), EmitBound(c.Then, null), EmitBound(c.Else, null)))));
                }
            case BoundCall { Function: Function.CountTrue } c:
                {
                    L acc = L.Call(R(nameof(Runtime.EmptyCount)));
                    var step = R(nameof(Runtime.CountTrueBoundStep), typeof(NumberBound), typeof(Truth));
                    foreach (var a in c.Arguments) acc = L.Call(step, acc, Emit(a));
                    return TraceBound(label ?? c.Text, false, acc);
                }
            case BoundCall { Function: Function.Abs } c:
                return L.Call(R(nameof(Runtime.BoundAbs), typeof(NumberBound)), EmitBound(c.Arguments[0], null));
            case BoundMet m:
                return TraceBound(m.Text, true, L.Call(R(nameof(Runtime.CriteriaMet), typeof(IEvaluationContext), typeof(string)), Ctx, L.Constant(m.Standard)));
            case BoundCall { Function: Function.Round } c:
                return L.Call(R(nameof(Runtime.BoundRound), typeof(NumberBound), typeof(double)), EmitBound(c.Arguments[0], null),
                    c.Arguments.Count > 1 ? Emit(c.Arguments[1]) : L.Constant(0.0));
            case BoundCall c:
                {
                    var fold = R(c.Function == Function.Min ? nameof(Runtime.BoundMin) : nameof(Runtime.BoundMax), b2);
                    var acc = EmitBound(c.Arguments[0], null);
                    for (var i = 1; i < c.Arguments.Count; i++) acc = L.Call(fold, acc, EmitBound(c.Arguments[i], null));
                    return acc;
                }
            case BoundAggregate a when a.Body!.Type.Kind == TypeKind.Boolean:
                return TraceBound(a.Text, true, L.Call(R(nameof(Runtime.AggregateTruthBound), typeof(IEvaluationContext), typeof(string), typeof(Aggregate),
                        typeof(Func<IEvaluationContext, ExpressionTrace?, Truth>)),
                    Ctx, L.Constant(a.ChildKind), L.Constant(a.Aggregate), L.Constant(Lambda<Truth>(Emit(a.Body)))));
            case BoundAggregate a:
                return TraceBound(a.Text, true, L.Call(R(nameof(Runtime.AggregateBound), typeof(IEvaluationContext), typeof(string), typeof(Aggregate),
                        typeof(Func<IEvaluationContext, ExpressionTrace?, NumberBound>)),
                    Ctx, L.Constant(a.ChildKind), L.Constant(a.Aggregate), L.Constant(Lambda<NumberBound>(EmitBound(a.Body!, null)))));
            default:
                throw new InvalidOperationException(e.GetType().Name);
        }
    }

    private static L TraceBound(string text, bool read, L bound) =>
        L.Call(R(nameof(Runtime.TraceBound), typeof(ExpressionTrace), typeof(string), typeof(bool), typeof(NumberBound)),
            Trace, L.Constant(text), L.Constant(read), bound);

    private static L Aggregate(BoundAggregate a)
    {
        L value;
        if (a.Body is null)
            value = L.Call(R(nameof(Runtime.CountChildren), typeof(IEvaluationContext), typeof(string)), Ctx, L.Constant(a.ChildKind));
        else if (a.Body.Type.Kind == TypeKind.Boolean)
            value = L.Call(R(nameof(Runtime.AggregateTruth), typeof(IEvaluationContext), typeof(string), typeof(Aggregate),
                    typeof(Func<IEvaluationContext, ExpressionTrace?, Truth>)),
                Ctx, L.Constant(a.ChildKind), L.Constant(a.Aggregate), L.Constant(Lambda<Truth>(Emit(a.Body))));
        else
            value = L.Call(R(nameof(Runtime.AggregateNumber), typeof(IEvaluationContext), typeof(string), typeof(Aggregate),
                    typeof(Func<IEvaluationContext, ExpressionTrace?, double>)),
                Ctx, L.Constant(a.ChildKind), L.Constant(a.Aggregate), L.Constant(Lambda<double>(Emit(a.Body))));
        return L.Call(R(nameof(Runtime.TraceNumber), typeof(ExpressionTrace), typeof(string), typeof(double)), Trace, L.Constant(a.Text), value);
    }
}
