namespace NtpRules.Engine.Rete;

/// <summary>A compact unordered list with swap-remove, embedded in its owner (a struct: no object of its own).</summary>
internal struct Bucket<T> where T : class
{
    private T[]? _items;

    public int Count { get; private set; }

    public readonly ReadOnlySpan<T> Items => new(_items, 0, Count);

    /// <summary>Adds an item; the first one allocates room for <paramref name="expected"/> (at least two).</summary>
    public void Add(T item, int expected = 2)
    {
        if (_items is null) _items = new T[Math.Max(expected, 2)];
        else if (Count == _items.Length) Array.Resize(ref _items, Count < 16 ? Count * 2 : Count + Count / 2);
        _items[Count++] = item;
    }

    public bool Remove(T item)
    {
        for (var i = 0; i < Count; i++)
        {
            if (!ReferenceEquals(_items![i], item)) continue;
            _items[i] = _items[--Count];
            _items[Count] = null!;
            return true;
        }
        return false;
    }

    public readonly bool Contains(T item)
    {
        for (var i = 0; i < Count; i++)
            if (ReferenceEquals(_items![i], item)) return true;
        return false;
    }

    /// <summary>The first item matching, or null.</summary>
    public readonly T? Find<TState>(TState state, Func<T, TState, bool> match)
    {
        for (var i = 0; i < Count; i++)
            if (match(_items![i], state)) return _items[i];
        return null;
    }
}
