namespace NtpRules.Engine;

/// <summary>
/// A test on one fact (an alpha condition). Conditions with the same non-empty <see cref="Key"/> on the same fact
/// type are evaluated once, in one shared network node; so equal keys must mean equal tests.
/// </summary>
public sealed class FactCondition
{
    public FactCondition(string? key, Func<object, bool> test)
    {
        Key = string.IsNullOrEmpty(key) ? null : key;
        Test = test ?? throw new ArgumentNullException(nameof(test));
    }

    /// <summary>
    /// The condition "<paramref name="selector"/> of the fact equals <paramref name="value"/>" (by
    /// <see cref="object.Equals(object, object)"/>). Conditions on the same fact type with the same
    /// <paramref name="selectorKey"/> are decided together: the selector runs once per fact and a hash lookup finds the
    /// one condition that holds, instead of testing each (e.g. which criterion an indicator outcome belongs to).
    /// </summary>
    public static FactCondition Equal(string selectorKey, Func<object, object?> selector, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(selectorKey);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(value);
        return new FactCondition($"{selectorKey} == {value}", f => Equals(selector(f), value))
        {
            Selector = new EqualitySelector(selectorKey, selector, value),
        };
    }

    /// <summary>For a condition made by <see cref="Equal"/>: its selector and value; null otherwise.</summary>
    internal EqualitySelector? Selector { get; private init; }

    /// <summary>The sharing key, also the condition's identity in traces; null when not shared.</summary>
    public string? Key { get; }

    public Func<object, bool> Test { get; }

    public override string ToString() => Key ?? "<condition>";
}

/// <summary>What an equality condition compares: a keyed selector on the fact, and the value it must equal.</summary>
internal sealed record EqualitySelector(string Key, Func<object, object?> Select, object Value);
