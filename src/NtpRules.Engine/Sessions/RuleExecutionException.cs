namespace NtpRules.Engine;

/// <summary>A condition or an action of a rule threw. The session stays usable.</summary>
public abstract class RuleExecutionException : Exception
{
    private protected RuleExecutionException(string message, IReadOnlyList<string> rules, IReadOnlyList<object> facts,
        Exception inner) : base(message, inner)
    {
        Rules = rules;
        Facts = facts;
    }

    /// <summary>The rules the failing element belongs to (a shared condition may belong to several).</summary>
    public IReadOnlyList<string> Rules { get; }

    /// <summary>The facts the condition or action was given.</summary>
    public IReadOnlyList<object> Facts { get; }
}

/// <summary>A condition threw while facts propagated. It counted as not matching; the operation completed.</summary>
public sealed class RuleConditionException(IReadOnlyList<string> rules, string? condition, IReadOnlyList<object> facts,
    Exception inner) : RuleExecutionException(
        $"Condition '{condition ?? "?"}' of rule {string.Join(", ", rules)} failed on [{string.Join(", ", facts)}]: {inner.Message}",
        rules, facts, inner)
{
    public string? Condition { get; } = condition;
}

/// <summary>An action threw while its rule fired. The activation counts as fired.</summary>
public sealed class RuleActionException(RuleDefinition rule, IReadOnlyList<object> facts, Exception inner)
    : RuleExecutionException($"Action of rule '{rule.Name}' failed on [{string.Join(", ", facts)}]: {inner.Message}",
        [rule.Name], facts, inner)
{
    public RuleDefinition Rule { get; } = rule;
}
