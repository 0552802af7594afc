using System.Diagnostics.CodeAnalysis;

namespace NtpRules.Assessment.Data;

/// <summary>
/// A row's indicator values (<see cref="DataRecord.Values"/>) as one array under keys that every row of the same
/// columns shares (<see cref="Layout"/>): a row of a file has the keys of the row before it, so a data set's hundreds
/// of thousands of rows hold one array each instead of a hash table each. Keys enumerate in column order, as a
/// dictionary filled column by column enumerates them.
/// </summary>
internal sealed class RowValues : IReadOnlyDictionary<string, object?>
{
    /// <summary>Keys in order, with the position of each; no key twice.</summary>
    internal sealed class Layout
    {
        private Layout(string[] keys, Dictionary<string, int> positions)
        {
            Keys = keys;
            Positions = positions;
        }

        public string[] Keys { get; }
        public Dictionary<string, int> Positions { get; }

        /// <summary>The layout of <paramref name="keys"/>, or null when a key comes twice.</summary>
        public static Layout? Of(ReadOnlySpan<string> keys)
        {
            var positions = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
                if (!positions.TryAdd(keys[i], i)) return null;
            return new Layout(keys.ToArray(), positions);
        }

        /// <summary>True when <paramref name="keys"/> are this layout's keys, in order (the same strings: no text compared).</summary>
        public bool Fits(ReadOnlySpan<string> keys)
        {
            if (keys.Length != Keys.Length) return false;
            for (var i = 0; i < keys.Length; i++)
                if (!ReferenceEquals(keys[i], Keys[i])) return false;
            return true;
        }
    }

    private readonly Layout _layout;
    private readonly object?[] _values;

    public RowValues(Layout layout, object?[] values)
    {
        if (values.Length != layout.Keys.Length) throw new ArgumentException("one value per key", nameof(values));
        _layout = layout;
        _values = values;
    }

    public int Count => _values.Length;

    /// <summary>The key at <paramref name="position"/> (column order).</summary>
    public string KeyAt(int position) => _layout.Keys[position];

    /// <summary>The value at <paramref name="position"/> (column order).</summary>
    public object? ValueAt(int position) => _values[position];

    public object? this[string key] => _layout.Positions.TryGetValue(key, out var i) ? _values[i] : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _layout.Keys;
    public IEnumerable<object?> Values => _values;

    public bool ContainsKey(string key) => _layout.Positions.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (_layout.Positions.TryGetValue(key, out var i))
        {
            value = _values[i];
            return true;
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++) yield return new(_layout.Keys[i], _values[i]);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
