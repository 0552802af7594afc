namespace NtpRules.Language.Expressions.Syntax;

/// <summary>Structural equality of expression trees, ignoring spans and sources.</summary>
public static class SyntaxEquivalence
{
    public static bool AreEquivalent(Expr? a, Expr? b) => (a, b) switch
    {
        (null, null) => true,
        (NumberLiteral x, NumberLiteral y) => x.Value.Equals(y.Value) && x.IsPercent == y.IsPercent,
        (StringLiteral x, StringLiteral y) => x.Value == y.Value,
        (BooleanLiteral x, BooleanLiteral y) => x.Value == y.Value,
        (DateLiteral x, DateLiteral y) => x.Value == y.Value,
        (NameExpr x, NameExpr y) => x.Name == y.Name,
        (LookupExpr x, LookupExpr y) => AreEquivalent(x.Parameter, y.Parameter) && AllEquivalent(x.Keys, y.Keys),
        (UnaryExpr x, UnaryExpr y) => x.Operator == y.Operator && AreEquivalent(x.Operand, y.Operand),
        (BinaryExpr x, BinaryExpr y) => x.Operator == y.Operator && AreEquivalent(x.Left, y.Left) && AreEquivalent(x.Right, y.Right),
        (InExpr x, InExpr y) => AreEquivalent(x.Value, y.Value) && AllEquivalent(x.Items, y.Items),
        (ConditionalExpr x, ConditionalExpr y) =>
            AreEquivalent(x.Condition, y.Condition) && AreEquivalent(x.Then, y.Then) && AreEquivalent(x.Else, y.Else),
        (CallExpr x, CallExpr y) => x.Function == y.Function && AllEquivalent(x.Arguments, y.Arguments),
        _ => false,
    };

    private static bool AllEquivalent(IReadOnlyList<Expr> a, IReadOnlyList<Expr> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (!AreEquivalent(a[i], b[i])) return false;
        return true;
    }
}
