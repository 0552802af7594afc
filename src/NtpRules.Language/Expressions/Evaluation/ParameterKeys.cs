namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>
/// The key values of one parameter lookup (at most <see cref="MaxKeys"/>), held in a struct so that a lookup does not allocate.
/// </summary>
public readonly struct ParameterKeys
{
    public const int MaxKeys = 4;

    private readonly Value _k0, _k1, _k2, _k3;

    public ParameterKeys(int count, Value k0 = default, Value k1 = default, Value k2 = default, Value k3 = default)
    {
        if (count is < 0 or > MaxKeys) throw new ArgumentOutOfRangeException(nameof(count));
        Count = count;
        (_k0, _k1, _k2, _k3) = (k0, k1, k2, k3);
    }

    public static ParameterKeys None => default;

    public int Count { get; }

    public Value this[int i] => i switch
    {
        0 when Count > 0 => _k0,
        1 when Count > 1 => _k1,
        2 when Count > 2 => _k2,
        3 when Count > 3 => _k3,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    /// <summary>Whether any key value is missing (then no row can be chosen).</summary>
    public bool AnyMissing
    {
        get
        {
            for (var i = 0; i < Count; i++) if (this[i].IsMissing) return true;
            return false;
        }
    }

    /// <summary>The same number of keys with equal values.</summary>
    internal bool SameAs(ParameterKeys other)
    {
        if (Count != other.Count) return false;
        for (var i = 0; i < Count; i++) if (this[i] != other[i]) return false;
        return true;
    }

    /// <summary>"region=TDMNPB, year=2024" for the parameter's key names.</summary>
    public string Describe(IReadOnlyList<string> names)
    {
        var parts = new string[Count];
        for (var i = 0; i < Count; i++) parts[i] = $"{(i < names.Count ? names[i] : "key" + i)}={this[i]}";
        return string.Join(", ", parts);
    }
}
