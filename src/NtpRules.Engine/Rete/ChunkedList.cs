namespace NtpRules.Engine.Rete;

/// <summary>
/// A list stored in fixed-size chunks, growing and shrinking at the end only. A session's lists (queued activations,
/// facts) can hold millions of items: one growing array would be copied at every doubling, leave each outgrown copy
/// as garbage and stay at its largest once emptied. Chunks are never copied, and one emptied chunk is kept for reuse
/// so that a list hovering at a chunk boundary does not allocate each time.
/// </summary>
internal sealed class ChunkedList<T>
{
    private const int ChunkBits = 10;
    private const int ChunkSize = 1 << ChunkBits;
    private T[]?[] _chunks = new T[]?[4];
    private T[]? _spare;

    public int Count { get; private set; }

    public T this[int index]
    {
        get => _chunks[index >> ChunkBits]![index & (ChunkSize - 1)];
        set => _chunks[index >> ChunkBits]![index & (ChunkSize - 1)] = value;
    }

    public void Add(T item)
    {
        var chunk = Count >> ChunkBits;
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, chunk * 2);
        var items = _chunks[chunk];
        if (items is null)
        {
            items = _spare ?? new T[ChunkSize];
            _spare = null;
            _chunks[chunk] = items;
        }
        items[Count & (ChunkSize - 1)] = item;
        Count++;
    }

    public T RemoveLast()
    {
        Count--;
        var chunk = Count >> ChunkBits;
        var items = _chunks[chunk]!;
        var i = Count & (ChunkSize - 1);
        var item = items[i];
        items[i] = default!;
        if (i == 0 && chunk > 0)
        {
            _spare = items;
            _chunks[chunk] = null;
        }
        return item;
    }
}
