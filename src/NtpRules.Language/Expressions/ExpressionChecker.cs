using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions.Binding;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Expressions;

/// <summary>Type-checks parsed expressions against a scope, reporting every problem with its file position.</summary>
public static class ExpressionChecker
{
    /// <summary>Checks an expression of any type; returns null (with diagnostics added) when it has errors.</summary>
    public static CheckedExpression? Check(Expr expr, IExpressionScope scope, DiagnosticBag diagnostics, ExpressionLimits? limits = null) =>
        new Binder(diagnostics, limits ?? ExpressionLimits.Default).BindRoot(expr, scope, requireBoolean: false);

    /// <summary>Checks a condition: like <see cref="Check(Expr, IExpressionScope, DiagnosticBag, ExpressionLimits?)"/>, and it must be true/false.</summary>
    public static CheckedExpression? CheckCondition(Expr expr, IExpressionScope scope, DiagnosticBag diagnostics, ExpressionLimits? limits = null) =>
        new Binder(diagnostics, limits ?? ExpressionLimits.Default).BindRoot(expr, scope, requireBoolean: true);

    /// <summary>Parses and checks text that starts at <paramref name="origin"/> in its file.</summary>
    public static CheckedExpression? Check(string text, SourceLocation origin, IExpressionScope scope, DiagnosticBag diagnostics,
        bool condition = false, ExpressionLimits? limits = null)
    {
        var expr = ExpressionParser.Parse(text, origin, diagnostics, limits);
        if (expr is null) return null;
        return condition ? CheckCondition(expr, scope, diagnostics, limits) : Check(expr, scope, diagnostics, limits);
    }
}
