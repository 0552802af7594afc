using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace NtpRules.Language.Expressions.Explain;

/// <summary>
/// The few values an explanation read, in the order read: an array searched in order. An explanation holds three to
/// six of them, for which a hash table takes about twice the memory, and reports keep every explanation.
/// </summary>
internal sealed class NamedValues(KeyValuePair<string, object?>[] entries) : IReadOnlyDictionary<string, object?>
{
    public int Count => entries.Length;

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no value named '{key}'");

    public IEnumerable<string> Keys => entries.Select(e => e.Key);
    public IEnumerable<object?> Values => entries.Select(e => e.Value);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? entries[i].Value : null;
        return i >= 0;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < entries.Length; i++)
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)entries).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
