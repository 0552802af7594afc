namespace NtpRules.Engine;

/// <summary>Builds one left-hand side element: its fact conditions, joins and (for aggregates) grouping.</summary>
public sealed class ElementBuilder
{
    internal readonly List<FactCondition> Conditions = [];
    internal readonly List<JoinKey> JoinKeys = [];
    internal readonly List<JoinCondition> JoinConditions = [];
    internal Func<object, object?>? GroupByKeySelector;
    internal string? GroupBySharingKey;

    internal ElementBuilder(ElementKind kind, string? name, int index, FactType type, Aggregator? aggregator)
    {
        Kind = kind;
        Name = name;
        Index = index;
        Type = type;
        Aggregator = aggregator;
    }

    internal ElementKind Kind { get; }

    internal Aggregator? Aggregator { get; }

    public string? Name { get; }

    /// <summary>The declaration index, or -1 for <c>not</c> and <c>exists</c>.</summary>
    public int Index { get; }

    public FactType Type { get; }

    public ElementBuilder Where(FactCondition condition)
    {
        Conditions.Add(condition ?? throw new ArgumentNullException(nameof(condition)));
        return this;
    }

    public ElementBuilder Where(string? key, Func<object, bool> test) => Where(new FactCondition(key, test));

    public ElementBuilder Where<T>(Func<T, bool> test, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(test);
        return Where(new FactCondition(key, f => test((T)f)));
    }

    public ElementBuilder JoinOn(JoinKey join)
    {
        JoinKeys.Add(join ?? throw new ArgumentNullException(nameof(join)));
        return this;
    }

    /// <summary>Equality join: <paramref name="rightKey"/> of this fact equals <paramref name="leftKey"/> of the fact
    /// bound by <paramref name="left"/>.</summary>
    public ElementBuilder JoinOn<TLeft, T>(ElementBuilder left, Func<TLeft, object?> leftKey, Func<T, object?> rightKey,
        string? key = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        if (left.Index < 0) throw new ArgumentException("Only a pattern or an aggregate can be joined on.", nameof(left));
        return JoinOn(JoinKey.On(left.Index, f => leftKey((TLeft)f), f => rightKey((T)f), key));
    }

    public ElementBuilder WhereJoined(JoinCondition condition)
    {
        JoinConditions.Add(condition ?? throw new ArgumentNullException(nameof(condition)));
        return this;
    }

    public ElementBuilder WhereJoined(string? key, Func<Bindings, object, bool> test) =>
        WhereJoined(new JoinCondition(key, test));

    /// <summary>Groups an aggregate's source facts by a key: one result per group.</summary>
    public ElementBuilder GroupBy(Func<object, object?> keySelector, string? key = null)
    {
        if (Kind != ElementKind.Aggregate) throw new InvalidOperationException("Only an aggregate can be grouped.");
        GroupByKeySelector = keySelector ?? throw new ArgumentNullException(nameof(keySelector));
        GroupBySharingKey = string.IsNullOrEmpty(key) ? null : key;
        return this;
    }

    public ElementBuilder GroupBy<T>(Func<T, object?> keySelector, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        return GroupBy(f => keySelector((T)f), key);
    }

    internal RuleElement Build() => Kind switch
    {
        ElementKind.Pattern => new PatternElement(Name!, Index, Type, [.. Conditions], [.. JoinKeys], [.. JoinConditions]),
        ElementKind.Aggregate => new AggregateElement(Name!, Index, Type, [.. Conditions], [.. JoinKeys],
            [.. JoinConditions], Aggregator!, GroupByKeySelector, GroupBySharingKey),
        _ => new ExistenceElement(Kind == ElementKind.Not, Type, [.. Conditions], [.. JoinKeys], [.. JoinConditions]),
    };

    internal enum ElementKind
    {
        Pattern,
        Not,
        Exists,
        Aggregate,
    }
}
