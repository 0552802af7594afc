using System.Globalization;
using System.Text;

namespace NtpRules.Language.Expressions.Syntax;

/// <summary>
/// Prints a tree as canonical text: single-quoted strings, one space around binary operators, and only the
/// parentheses the grammar needs. Parsing the printed text gives back an equivalent tree.
/// </summary>
public static class ExpressionPrinter
{
    // Binding strength, loosest first; an operand printed where a stronger one is required gets parentheses.
    private const int Conditional = 0, Or = 1, And = 2, Not = 3, Comparison = 4, Additive = 5, Multiplicative = 6, Unary = 7, Primary = 8;

    public static string Print(Expr expr)
    {
        var sb = new StringBuilder();
        Write(sb, expr, Conditional);
        return sb.ToString();
    }

    public static string OperatorText(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "and",
        _ => "or",
    };

    public static string NumberText(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string StringText(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    private static int Strength(Expr e) => e switch
    {
        ConditionalExpr => Conditional,
        BinaryExpr b => Strength(b.Operator),
        UnaryExpr { Operator: UnaryOperator.Not } => Not,
        UnaryExpr => Unary,
        InExpr => Comparison,
        _ => Primary,
    };

    private static int Strength(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => Or,
        BinaryOperator.And => And,
        BinaryOperator.Add or BinaryOperator.Subtract => Additive,
        BinaryOperator.Multiply or BinaryOperator.Divide => Multiplicative,
        _ => Comparison,
    };

    private static void Write(StringBuilder sb, Expr e, int required)
    {
        var strength = Strength(e);
        var parens = strength < required;
        if (parens) sb.Append('(');
        switch (e)
        {
            case NumberLiteral n:
                sb.Append(NumberText(n.Value));
                if (n.IsPercent) sb.Append('%');
                break;
            case StringLiteral s: sb.Append(StringText(s.Value)); break;
            case BooleanLiteral b: sb.Append(b.Value ? "true" : "false"); break;
            case DateLiteral d: sb.Append("date('").Append(d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("')"); break;
            case NameExpr n: sb.Append(n.Name); break;
            case LookupExpr l:
                sb.Append(l.Parameter.Name);
                foreach (var k in l.Keys)
                {
                    sb.Append('[');
                    Write(sb, k, Conditional);
                    sb.Append(']');
                }
                break;
            case UnaryExpr { Operator: UnaryOperator.Not } u:
                sb.Append("not ");
                Write(sb, u.Operand, Not);
                break;
            case UnaryExpr u:
                sb.Append('-');
                Write(sb, u.Operand, Unary);
                break;
            case BinaryExpr b:
                {
                    // Left-associative: the right operand needs a strictly stronger binding; comparisons do not chain.
                    var left = strength == Comparison ? Additive : strength;
                    Write(sb, b.Left, left);
                    sb.Append(' ').Append(OperatorText(b.Operator)).Append(' ');
                    Write(sb, b.Right, strength == Comparison ? Additive : strength + 1);
                    break;
                }
            case InExpr i:
                Write(sb, i.Value, Additive);
                sb.Append(" in [");
                WriteList(sb, i.Items);
                sb.Append(']');
                break;
            case ConditionalExpr c:
                sb.Append("if ");
                Write(sb, c.Condition, Conditional);
                sb.Append(" then ");
                Write(sb, c.Then, Conditional);
                sb.Append(" else ");
                Write(sb, c.Else, Conditional);
                break;
            case CallExpr c:
                sb.Append(c.Function).Append('(');
                WriteList(sb, c.Arguments);
                sb.Append(')');
                break;
        }
        if (parens) sb.Append(')');
    }

    private static void WriteList(StringBuilder sb, IReadOnlyList<Expr> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            Write(sb, items[i], Conditional);
        }
    }
}
