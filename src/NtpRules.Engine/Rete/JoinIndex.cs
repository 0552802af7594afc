namespace NtpRules.Engine.Rete;

/// <summary>
/// The memory of a node joining partial matches (left) with facts (right): both sides hash-indexed by the join key,
/// under one entry per key, so that a fact arriving on either side finds its partners with one lookup. Items whose
/// key is null are kept apart and never match. Removal looks under the given key first and falls back to a scan,
/// because a fact's key may have changed in place before an update.
/// </summary>
internal sealed class JoinIndex<TLeft> where TLeft : class
{
    private static readonly object NullKey = new();
    /// <summary>Largest initial room for a side of a new key (see <see cref="_previous"/>).</summary>
    private const int MaxExpected = 32;
    private readonly Dictionary<object, Group> _groups = new();
    /// <summary>The key entry created last. Keys tend to fill alike (every commune gets its 19 results), so a new
    /// key's sides start with room for as many items as the previous key's have: growing from two would leave four
    /// outgrown arrays behind for each of millions of keys.</summary>
    private Group? _previous;
    private Group? _current;
    /// <summary>The key looked up last and its entry: facts for one key tend to arrive together (a commune's
    /// results, one after another), and then the dictionary is not consulted at all.</summary>
    private object? _lastKey;
    private Group? _lastGroup;

    /// <summary>From this many facts under one key, the key also keeps them in a set, so that asking whether a
    /// changed fact is still there (every update in place) does not scan a large group.</summary>
    private const int RightSetFrom = 32;

    /// <summary>The items of one key.</summary>
    internal sealed class Group
    {
        public Bucket<TLeft> Left;
        public Bucket<TrackedFact> Right;
        private HashSet<TrackedFact>? _rightSet;

        public void AddRight(TrackedFact fact, int expected)
        {
            Right.Add(fact, expected);
            if (_rightSet is not null) _rightSet.Add(fact);
            else if (Right.Count >= RightSetFrom) _rightSet = new HashSet<TrackedFact>(Right.Items.ToArray(), ReferenceEqualityComparer.Instance);
        }

        public bool RemoveRight(TrackedFact fact)
        {
            if (_rightSet is not null && !_rightSet.Remove(fact)) return false;
            return Right.Remove(fact);
        }

        public bool ContainsRight(TrackedFact fact) => _rightSet?.Contains(fact) ?? Right.Contains(fact);
    }

    /// <summary>The partial matches under <paramref name="key"/>; empty for a null key.</summary>
    public ReadOnlySpan<TLeft> Left(object? key) => Find(key) is { } g ? g.Left.Items : default;

    /// <summary>The facts under <paramref name="key"/>; empty for a null key.</summary>
    public ReadOnlySpan<TrackedFact> Right(object? key) => Find(key) is { } g ? g.Right.Items : default;

    public void AddLeft(object? key, TLeft item) => GroupOf(key).Left.Add(item, Expected(_previous?.Left.Count));

    /// <summary>Adds a fact and returns the partial matches under its key.</summary>
    public ReadOnlySpan<TLeft> AddRight(object? key, TrackedFact fact)
    {
        var group = GroupOf(key);
        group.AddRight(fact, Expected(_previous?.Right.Count));
        return key is null ? default : group.Left.Items;
    }

    public bool ContainsLeft(object? key, TLeft item) =>
        _groups.TryGetValue(key ?? NullKey, out var g) && g.Left.Contains(item);

    public bool ContainsRight(object? key, TrackedFact fact) =>
        _groups.TryGetValue(key ?? NullKey, out var g) && g.ContainsRight(fact);

    /// <summary>Removes a partial match, returning the key it was found under (null when under the null key or absent).</summary>
    public bool RemoveLeft(object? likelyKey, TLeft item, out object? foundKey) =>
        Remove(likelyKey, item, left: true, out foundKey);

    /// <summary>Removes a fact, returning the key it was found under (null when under the null key or absent).</summary>
    public bool RemoveRight(object? likelyKey, TrackedFact fact, out object? foundKey) =>
        Remove(likelyKey, fact, left: false, out foundKey);

    /// <summary>The first partial match under <paramref name="likelyKey"/> (or anywhere) matching, or null.
    /// (<paramref name="state"/> lets callers pass a static lambda, which allocates nothing.)</summary>
    public TLeft? FindLeft<TState>(object? likelyKey, TState state, Func<TLeft, TState, bool> match)
    {
        if (_groups.TryGetValue(likelyKey ?? NullKey, out var group) && group.Left.Find(state, match) is { } found) return found;
        foreach (var g in _groups.Values)
            if (g.Left.Find(state, match) is { } item) return item;
        return null;
    }

    /// <summary>Makes sure <paramref name="item"/> is on the left under <paramref name="key"/>, wherever it was before.</summary>
    public void RelocateLeft(object? key, TLeft item)
    {
        if (ContainsLeft(key, item)) return;
        RemoveLeft(key, item, out _);
        AddLeft(key, item);
    }

    /// <summary>Makes sure the fact is on the right under <paramref name="key"/>; true, with the key it had, when it moved.</summary>
    public bool RelocateRight(object? key, TrackedFact fact, out object? oldKey)
    {
        oldKey = key;
        if (ContainsRight(key, fact)) return false;
        RemoveRight(key, fact, out oldKey);
        GroupOf(key).AddRight(fact, Expected(_previous?.Right.Count));
        return true;
    }

    private Group? Find(object? key)
    {
        if (key is null) return null;
        if (ReferenceEquals(key, _lastKey)) return _lastGroup;
        return _groups.TryGetValue(key, out var g) ? Remember(key, g) : null;
    }

    private Group Remember(object key, Group group)
    {
        _lastKey = key;
        _lastGroup = group;
        return group;
    }

    private Group GroupOf(object? key)
    {
        key ??= NullKey;
        if (ReferenceEquals(key, _lastKey)) return _lastGroup!;
        if (_groups.TryGetValue(key, out var group)) return Remember(key, group);
        group = new Group();
        _groups[key] = group;
        Remember(key, group);
        // The previous key's sizes are read when this key's sides are first filled, so remember it until then.
        (_previous, _current) = (_current, group);
        return group;
    }

    private static int Expected(int? previousCount) => Math.Min(previousCount ?? 2, MaxExpected);

    private bool Remove(object? likelyKey, object item, bool left, out object? foundKey)
    {
        likelyKey ??= NullKey;
        if (_groups.TryGetValue(likelyKey, out var group) && RemoveFrom(group, item, left))
        {
            Drop(likelyKey, group);
            foundKey = likelyKey == NullKey ? null : likelyKey;
            return true;
        }
        foreach (var (key, g) in _groups)
        {
            if (!RemoveFrom(g, item, left)) continue;
            Drop(key, g);
            foundKey = key == NullKey ? null : key;
            return true;
        }
        foundKey = null;
        return false;
    }

    private static bool RemoveFrom(Group group, object item, bool left) =>
        left ? group.Left.Remove((TLeft)item) : group.RemoveRight((TrackedFact)item);

    private void Drop(object key, Group group)
    {
        if (group.Left.Count != 0 || group.Right.Count != 0) return;
        _groups.Remove(key);
        if (ReferenceEquals(group, _lastGroup)) _lastKey = _lastGroup = null;
    }
}
