namespace NtpRules.Engine.Rete;

/// <summary>A compact unordered list with swap-remove.</summary>
internal sealed class Bucket<T> where T : class
{
    private T[] _items;

    public Bucket(int capacity = 2) => _items = new T[capacity];

    public int Count { get; private set; }

    public T this[int index] => _items[index];

    public ReadOnlySpan<T> Items => new(_items, 0, Count);

    public void Add(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Count < 16 ? Count * 2 : Count + Count / 2);
        _items[Count++] = item;
    }

    public bool Remove(T item)
    {
        for (var i = 0; i < Count; i++)
        {
            if (!ReferenceEquals(_items[i], item)) continue;
            _items[i] = _items[--Count];
            _items[Count] = null!;
            return true;
        }
        return false;
    }

    public bool Contains(T item)
    {
        for (var i = 0; i < Count; i++)
            if (ReferenceEquals(_items[i], item)) return true;
        return false;
    }

    /// <summary>A copy, for loops whose body may change the bucket.</summary>
    public T[] Snapshot() => Items.ToArray();
}
