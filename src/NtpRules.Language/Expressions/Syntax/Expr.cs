namespace NtpRules.Language.Expressions.Syntax;

/// <summary>
/// A node of a parsed expression. Nodes are immutable; <see cref="Span"/> is the node's place in its text and
/// <see cref="Source"/> the text it came from (null for trees built in code). Two trees with the same shape are
/// compared with <see cref="SyntaxEquivalence.AreEquivalent"/>, which ignores spans.
/// </summary>
public abstract class Expr
{
    public TextSpan Span { get; init; }
    public ExpressionSource? Source { get; init; }

    /// <summary>Levels of the tree under and including this node, and its node count (computed on construction, for limits).</summary>
    public int Height { get; private set; } = 1;
    public int Size { get; private set; } = 1;

    private protected void Over(IEnumerable<Expr> children)
    {
        foreach (var c in children)
        {
            Height = Math.Max(Height, c.Height + 1);
            Size += c.Size;
        }
    }

    public override string ToString() => ExpressionPrinter.Print(this);
}

public enum UnaryOperator { Negate, Not }

public enum BinaryOperator { Add, Subtract, Multiply, Divide, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, And, Or }

/// <summary>A number; <c>80%</c> is 80 with <see cref="IsPercent"/> set (percentages are stored as 0–100).</summary>
public sealed class NumberLiteral(double value, bool isPercent = false) : Expr
{
    public double Value { get; } = value;
    public bool IsPercent { get; } = isPercent;
}

public sealed class StringLiteral(string value) : Expr
{
    public string Value { get; } = value;
}

public sealed class BooleanLiteral(bool value) : Expr
{
    public bool Value { get; } = value;
}

/// <summary><c>date('2026-02-15')</c>.</summary>
public sealed class DateLiteral(DateOnly value) : Expr
{
    public DateOnly Value { get; } = value;
}

/// <summary>An indicator, definition, parameter, subject kind (inside aggregates) or built-in such as <c>year</c>.</summary>
public sealed class NameExpr(string name) : Expr
{
    public string Name { get; } = name;
}

/// <summary><c>income_min[region][year]</c>: a parameter table looked up by explicit key values.</summary>
public sealed class LookupExpr : Expr
{
    public LookupExpr(NameExpr parameter, IReadOnlyList<Expr> keys)
    {
        Parameter = parameter;
        Keys = keys;
        Over([parameter, .. keys]);
    }

    public NameExpr Parameter { get; }
    public IReadOnlyList<Expr> Keys { get; }
}

public sealed class UnaryExpr : Expr
{
    public UnaryExpr(UnaryOperator op, Expr operand)
    {
        Operator = op;
        Operand = operand;
        Over([operand]);
    }

    public UnaryOperator Operator { get; }
    public Expr Operand { get; }
}

public sealed class BinaryExpr : Expr
{
    public BinaryExpr(BinaryOperator op, Expr left, Expr right)
    {
        Operator = op;
        Left = left;
        Right = right;
        Over([left, right]);
    }

    public BinaryOperator Operator { get; }
    public Expr Left { get; }
    public Expr Right { get; }
}

/// <summary><c>region in ['DBSH', 'DNB']</c>.</summary>
public sealed class InExpr : Expr
{
    public InExpr(Expr value, IReadOnlyList<Expr> items)
    {
        Value = value;
        Items = items;
        Over([value, .. items]);
    }

    public Expr Value { get; }
    public IReadOnlyList<Expr> Items { get; }
}

/// <summary><c>if c then a else b</c>.</summary>
public sealed class ConditionalExpr : Expr
{
    public ConditionalExpr(Expr condition, Expr then, Expr otherwise)
    {
        Condition = condition;
        Then = then;
        Else = otherwise;
        Over([condition, then, otherwise]);
    }

    public Expr Condition { get; }
    public Expr Then { get; }
    public Expr Else { get; }
}

/// <summary>A call of a whitelisted function, e.g. <c>min(a, b)</c> or <c>share(household, poor)</c>.</summary>
public sealed class CallExpr : Expr
{
    public CallExpr(string function, IReadOnlyList<Expr> arguments)
    {
        Function = function;
        Arguments = arguments;
        Over(arguments);
    }

    public string Function { get; }
    public IReadOnlyList<Expr> Arguments { get; }
}
