namespace NtpRules.Engine;

/// <summary>A fact inserted, updated or retracted.</summary>
public sealed class FactEventArgs(object fact) : EventArgs
{
    public object Fact { get; } = fact;
}

/// <summary>An activation (a rule's complete match) created, updated, deleted, about to fire or fired.</summary>
public sealed class ActivationEventArgs(RuleDefinition rule, IReadOnlyList<object> facts) : EventArgs
{
    public RuleDefinition Rule { get; } = rule;

    /// <summary>The bound facts by declaration index.</summary>
    public IReadOnlyList<object> Facts { get; } = facts;
}

/// <summary>A condition evaluated: its key (identity), the facts it was given, and its result.</summary>
public sealed class ConditionEventArgs(string? condition, IReadOnlyList<object> arguments, bool result) : EventArgs
{
    public string? Condition { get; } = condition;

    public IReadOnlyList<object> Arguments { get; } = arguments;

    public bool Result { get; } = result;
}

/// <summary>A rule action threw. Set <see cref="IsHandled"/> to carry on firing instead of throwing.</summary>
public sealed class ActionFailedEventArgs(RuleActionException exception) : EventArgs
{
    public RuleActionException Exception { get; } = exception;

    public bool IsHandled { get; set; }
}
