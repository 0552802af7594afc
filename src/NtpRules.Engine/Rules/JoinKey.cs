namespace NtpRules.Engine;

/// <summary>
/// An equality join: the new fact matches a partial match when <see cref="Right"/> of the fact equals
/// <see cref="Left"/> of the bindings. Both sides are hash-indexed, so a join costs the matching pairs, not the
/// product of the inputs. A null key on either side never matches.
/// </summary>
public sealed class JoinKey
{
    public JoinKey(string? key, Func<Bindings, object?> left, Func<object, object?> right)
    {
        Key = string.IsNullOrEmpty(key) ? null : key;
        Left = left ?? throw new ArgumentNullException(nameof(left));
        Right = right ?? throw new ArgumentNullException(nameof(right));
    }

    /// <summary>Joins on a value of one earlier declaration.</summary>
    public static JoinKey On(int declaration, Func<object, object?> left, Func<object, object?> right, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        return new JoinKey(key, b => b[declaration] is { } fact ? left(fact) : null, right);
    }

    /// <summary>The sharing key, also the join's identity in traces; null when not shared.</summary>
    public string? Key { get; }

    public Func<Bindings, object?> Left { get; }

    public Func<object, object?> Right { get; }

    public override string ToString() => Key ?? "<join>";
}
