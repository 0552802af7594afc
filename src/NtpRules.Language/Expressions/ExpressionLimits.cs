namespace NtpRules.Language.Expressions;

/// <summary>
/// Bounds that keep a rule file from making the checker, compiler or evaluator do unbounded work.
/// <see cref="MaxExpandedNodes"/> bounds an expression after its definitions are expanded (definitions may use definitions).
/// </summary>
public sealed record ExpressionLimits(int MaxDepth = 64, int MaxNodes = 1000, int MaxTextLength = 10_000, int MaxExpandedNodes = 20_000)
{
    public static ExpressionLimits Default { get; } = new();
}
