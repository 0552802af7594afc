namespace NtpRules.Engine.Rete;

/// <summary>
/// Items indexed by a join key. Items whose key is null are kept apart and never match. Removal looks under the
/// current key first and falls back to a scan, because a fact's key may have changed in place before an update.
/// </summary>
internal sealed class KeyIndex<T> where T : class
{
    private static readonly object NullKey = new();
    private readonly Dictionary<object, Bucket<T>> _buckets = new();

    public int BucketCount => _buckets.Count;

    public void Add(object? key, T item)
    {
        key ??= NullKey;
        if (!_buckets.TryGetValue(key, out var bucket)) _buckets[key] = bucket = new Bucket<T>();
        bucket.Add(item);
    }

    /// <summary>The items under <paramref name="key"/>; empty for a null key.</summary>
    public Bucket<T>? Get(object? key) => key is not null && _buckets.TryGetValue(key, out var b) && b.Count > 0 ? b : null;

    public bool Contains(object? key, T item) => _buckets.TryGetValue(key ?? NullKey, out var b) && b.Contains(item);

    /// <summary>Removes the item, returning the key it was found under (null when under the null key or absent).</summary>
    public bool Remove(object? likelyKey, T item, out object? foundKey)
    {
        likelyKey ??= NullKey;
        if (TryRemove(likelyKey, item))
        {
            foundKey = likelyKey == NullKey ? null : likelyKey;
            return true;
        }
        foreach (var (key, bucket) in _buckets)
        {
            if (!bucket.Remove(item)) continue;
            if (bucket.Count == 0) _buckets.Remove(key);
            foundKey = key == NullKey ? null : key;
            return true;
        }
        foundKey = null;
        return false;
    }

    /// <summary>Removes and returns the first item under <paramref name="likelyKey"/> (or anywhere) matching.</summary>
    public T? Remove(object? likelyKey, Func<T, bool> match)
    {
        var item = Find(likelyKey ?? NullKey, match);
        if (item is null)
        {
            foreach (var bucket in _buckets.Values)
            {
                foreach (var candidate in bucket.Items)
                {
                    if (!match(candidate)) continue;
                    item = candidate;
                    break;
                }
                if (item is not null) break;
            }
        }
        if (item is not null) Remove(likelyKey, item, out _);
        return item;
    }

    private T? Find(object key, Func<T, bool> match)
    {
        if (!_buckets.TryGetValue(key, out var bucket)) return null;
        foreach (var candidate in bucket.Items)
            if (match(candidate)) return candidate;
        return null;
    }

    private bool TryRemove(object key, T item)
    {
        if (!_buckets.TryGetValue(key, out var bucket) || !bucket.Remove(item)) return false;
        if (bucket.Count == 0) _buckets.Remove(key);
        return true;
    }
}
