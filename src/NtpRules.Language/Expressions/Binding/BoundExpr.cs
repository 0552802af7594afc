using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Expressions.Binding;

/// <summary>
/// A checked expression node: names resolved to symbols, operators resolved by operand types. The interpreter and the
/// compiler both work on this tree, so they cannot disagree about what a name or an operator means.
/// </summary>
internal abstract class BoundExpr(Expr syntax, ExprType type, string? unit)
{
    public Expr Syntax { get; } = syntax;
    public ExprType Type { get; } = type;
    /// <summary>The unit carried through from indicators and parameters, for explanations ("gap 8 %").</summary>
    public string? Unit { get; } = unit;

    /// <summary>The node printed canonically, computed once: explanations and traces name values by it.</summary>
    public string Text => _text ??= ExpressionPrinter.Print(Syntax);
    private string? _text;

    /// <summary>
    /// A number that counts (<c>count_true</c>, <c>count</c>/<c>share</c> of a condition) or is computed from one:
    /// it is evaluated as a <see cref="NumberBound"/>, so comparing it decides as soon as its known part does.
    /// </summary>
    public bool IsBounded => _bounded ??= Type.Kind is TypeKind.Number or TypeKind.Integer && Counts(this);
    private bool? _bounded;

    private static bool Counts(BoundExpr e) => e switch
    {
        BoundCall { Function: Function.CountTrue } => true,
        BoundCall { Function: Function.Min or Function.Max or Function.Abs } c => c.Arguments.Any(a => a.IsBounded),
        BoundCall { Function: Function.Round } c => c.Arguments[0].IsBounded,
        BoundAggregate { Body: { } body } a => a.Aggregate is Aggregate.Count or Aggregate.Share || body.IsBounded,
        BoundDefinition d => d.Body.IsBounded,
        BoundMet { CountCriteria: true } => true, // criteria met, with the unknown criteria counted as either
        BoundUnary u => u.Operand.IsBounded,
        BoundBinary { IsComparison: false } b => b.Left.IsBounded || b.Right.IsBounded,
        BoundConditional c => c.Then.IsBounded || c.Else.IsBounded,
        _ => false,
    };
}

internal sealed class BoundLiteral(Expr syntax, ExprType type, Value value, string? unit = null) : BoundExpr(syntax, type, unit)
{
    public Value Value { get; } = value;
}

internal sealed class BoundIndicator(Expr syntax, IndicatorSymbol symbol) : BoundExpr(syntax, symbol.Type, symbol.Unit)
{
    public IndicatorSymbol Symbol { get; } = symbol;
}

internal sealed class BoundParameter(Expr syntax, ParameterSymbol symbol, IReadOnlyList<BoundExpr> keys) : BoundExpr(syntax, symbol.Type, symbol.Unit)
{
    public ParameterSymbol Symbol { get; } = symbol;
    public IReadOnlyList<BoundExpr> Keys { get; } = keys;
}

/// <summary>A use of a definition: its body, checked where it is used.</summary>
internal sealed class BoundDefinition(Expr syntax, DefinitionSymbol symbol, BoundExpr body) : BoundExpr(syntax, body.Type, body.Unit)
{
    public DefinitionSymbol Symbol { get; } = symbol;
    public BoundExpr Body { get; } = body;
}

internal enum Builtin { Year, AsOf }

internal sealed class BoundBuiltin(Expr syntax, Builtin builtin)
    : BoundExpr(syntax, builtin == Builtin.Year ? ExprType.Integer : ExprType.Date, null)
{
    public Builtin Builtin { get; } = builtin;
}

internal sealed class BoundUnary(Expr syntax, UnaryOperator op, BoundExpr operand) : BoundExpr(syntax, operand.Type, operand.Unit)
{
    public UnaryOperator Operator { get; } = op;
    public BoundExpr Operand { get; } = operand;
}

/// <summary>How values are compared: numbers and dates (both held as doubles), texts and enums, or truths.</summary>
internal enum Comparison { Numeric, Textual, Logical }

internal sealed class BoundBinary(Expr syntax, BinaryOperator op, Comparison comparison, BoundExpr left, BoundExpr right, ExprType type, string? unit)
    : BoundExpr(syntax, type, unit)
{
    public BinaryOperator Operator { get; } = op;
    public Comparison Comparison { get; } = comparison;
    public BoundExpr Left { get; } = left;
    public BoundExpr Right { get; } = right;

    public bool IsComparison => Operator is >= BinaryOperator.Equal and <= BinaryOperator.GreaterOrEqual;

    /// <summary>
    /// What a zero divisor means, in the words of the data: dividing by a count of children that is 0 means there are
    /// none ("no commune with region == 'TN' in the data"), e.g. a region without communes; otherwise a division by zero.
    /// </summary>
    public string ZeroDivisorNote => Right switch
    {
        BoundAggregate { Aggregate: Aggregate.Count, Body: null } a => $"no {a.ChildKind} in the data ({a.Text} = 0)",
        BoundAggregate { Aggregate: Aggregate.Count } a => $"no {a.ChildKind} with {a.Body!.Text} in the data ({a.Text} = 0)",
        _ => $"division by zero in {Text}",
    };
}

internal sealed class BoundIn(Expr syntax, Comparison comparison, BoundExpr value, IReadOnlyList<BoundExpr> items) : BoundExpr(syntax, ExprType.Boolean, null)
{
    public Comparison Comparison { get; } = comparison;
    public BoundExpr Value { get; } = value;
    public IReadOnlyList<BoundExpr> Items { get; } = items;
}

internal sealed class BoundConditional(Expr syntax, BoundExpr condition, BoundExpr then, BoundExpr otherwise, ExprType type)
    : BoundExpr(syntax, type, then.Unit ?? otherwise.Unit)
{
    public BoundExpr Condition { get; } = condition;
    public BoundExpr Then { get; } = then;
    public BoundExpr Else { get; } = otherwise;
}

internal enum Function { Min, Max, Abs, Round, Coalesce, Known, Year, CountTrue }

internal sealed class BoundCall(Expr syntax, Function function, IReadOnlyList<BoundExpr> args, ExprType type, string? unit)
    : BoundExpr(syntax, type, unit)
{
    public Function Function { get; } = function;
    public IReadOnlyList<BoundExpr> Arguments { get; } = args;
}

internal enum Aggregate { Count, Sum, Avg, MinOf, MaxOf, Share }

/// <summary><c>count/sum/avg/min_of/max_of/share(kind, body)</c>; the body is checked in the child kind's scope.</summary>
internal sealed class BoundAggregate(Expr syntax, Aggregate aggregate, string childKind, BoundExpr? body, ExprType type, string? unit)
    : BoundExpr(syntax, type, unit)
{
    public Aggregate Aggregate { get; } = aggregate;
    public string ChildKind { get; } = childKind;
    public BoundExpr? Body { get; } = body;
}

/// <summary><c>met('id')</c> (true/false) or <c>criteria_met('id')</c> (how many of the standard's criteria are met).</summary>
internal sealed class BoundMet(Expr syntax, string standard, bool countCriteria)
    : BoundExpr(syntax, countCriteria ? ExprType.Integer : ExprType.Boolean, null)
{
    public string Standard { get; } = standard;
    public bool CountCriteria { get; } = countCriteria;
}

/// <summary><c>baseline(expr)</c>: the expression evaluated on the baseline data.</summary>
internal sealed class BoundBaseline(Expr syntax, BoundExpr body) : BoundExpr(syntax, body.Type, body.Unit)
{
    public BoundExpr Body { get; } = body;
}
