namespace NtpRules.Engine;

/// <summary>One element of a rule's left-hand side. Built with <see cref="RuleBuilder"/>.</summary>
public abstract class RuleElement
{
    private protected RuleElement()
    {
    }
}

/// <summary>A pattern matching facts of one type; binds the fact as declaration <see cref="Index"/>.</summary>
public sealed class PatternElement : RuleElement
{
    internal PatternElement(string name, int index, FactType type, IReadOnlyList<FactCondition> conditions,
        IReadOnlyList<JoinKey> joinKeys, IReadOnlyList<JoinCondition> joinConditions)
    {
        Name = name;
        Index = index;
        Type = type;
        Conditions = conditions;
        JoinKeys = joinKeys;
        JoinConditions = joinConditions;
    }

    public string Name { get; }

    public int Index { get; }

    public FactType Type { get; }

    public IReadOnlyList<FactCondition> Conditions { get; }

    public IReadOnlyList<JoinKey> JoinKeys { get; }

    public IReadOnlyList<JoinCondition> JoinConditions { get; }
}

/// <summary><c>not</c> (no matching fact) or <c>exists</c> (at least one); binds nothing.</summary>
public sealed class ExistenceElement : RuleElement
{
    internal ExistenceElement(bool negated, FactType type, IReadOnlyList<FactCondition> conditions,
        IReadOnlyList<JoinKey> joinKeys, IReadOnlyList<JoinCondition> joinConditions)
    {
        Negated = negated;
        Type = type;
        Conditions = conditions;
        JoinKeys = joinKeys;
        JoinConditions = joinConditions;
    }

    /// <summary>True for <c>not</c>, false for <c>exists</c>.</summary>
    public bool Negated { get; }

    public FactType Type { get; }

    public IReadOnlyList<FactCondition> Conditions { get; }

    public IReadOnlyList<JoinKey> JoinKeys { get; }

    public IReadOnlyList<JoinCondition> JoinConditions { get; }
}

/// <summary>
/// An aggregate over source facts correlated with the earlier bindings; binds an <see cref="AggregateResult"/> per
/// partial match, or per group when <see cref="GroupBy"/> is set.
/// </summary>
public sealed class AggregateElement : RuleElement
{
    internal AggregateElement(string name, int index, FactType source, IReadOnlyList<FactCondition> conditions,
        IReadOnlyList<JoinKey> joinKeys, IReadOnlyList<JoinCondition> joinConditions, Aggregator aggregator,
        Func<object, object?>? groupBy, string? groupByKey)
    {
        Name = name;
        Index = index;
        Source = source;
        Conditions = conditions;
        JoinKeys = joinKeys;
        JoinConditions = joinConditions;
        Aggregator = aggregator;
        GroupBy = groupBy;
        GroupByKey = groupByKey;
    }

    public string Name { get; }

    public int Index { get; }

    public FactType Source { get; }

    public IReadOnlyList<FactCondition> Conditions { get; }

    public IReadOnlyList<JoinKey> JoinKeys { get; }

    public IReadOnlyList<JoinCondition> JoinConditions { get; }

    public Aggregator Aggregator { get; }

    public Func<object, object?>? GroupBy { get; }

    public string? GroupByKey { get; }
}

/// <summary>A test over the bindings so far; binds nothing.</summary>
public sealed class TestElement : RuleElement
{
    internal TestElement(TupleCondition condition) => Condition = condition;

    public TupleCondition Condition { get; }
}
