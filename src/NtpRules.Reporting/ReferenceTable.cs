using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NtpRules.Reporting;

/// <summary>
/// A table keyed by object reference, holding at most <paramref name="most"/> entries: open addressing, never more
/// than half full, so a lookup hashes the reference and mostly compares one key (a Dictionary with a comparer object
/// costs several times that, on lookups that run a thousand times a commune).
/// </summary>
internal sealed class ReferenceTable<TKey, TValue>(int most) where TKey : class
{
    private TKey?[] _keys = new TKey?[1 << 10];
    private TValue[] _values = new TValue[1 << 10];
    private int _count;

    public bool IsFull => _count >= most;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var keys = _keys;
        var mask = keys.Length - 1;
        for (var i = RuntimeHelpers.GetHashCode(key) & mask; keys[i] is { } k; i = (i + 1) & mask)
        {
            if (!ReferenceEquals(k, key)) continue;
            value = _values[i];
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Adds <paramref name="key"/> (not in the table): false when the table is full.</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        if (IsFull) return false;
        Place(_keys, _values, key, value);
        if (++_count * 2 > _keys.Length) Grow();
        return true;
    }

    private static void Place(TKey?[] keys, TValue[] values, TKey key, TValue value)
    {
        var mask = keys.Length - 1;
        var i = RuntimeHelpers.GetHashCode(key) & mask;
        while (keys[i] is not null) i = (i + 1) & mask;
        keys[i] = key;
        values[i] = value;
    }

    private void Grow()
    {
        var (keys, values) = (new TKey?[_keys.Length * 2], new TValue[_keys.Length * 2]);
        for (var n = 0; n < _keys.Length; n++)
            if (_keys[n] is { } key) Place(keys, values, key, _values[n]);
        (_keys, _values) = (keys, values);
    }
}
