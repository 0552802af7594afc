namespace NtpRules.Engine.Rete;

/// <summary>Pending activations: a binary heap ordered by rule priority, then recency.</summary>
internal sealed class Agenda
{
    private Activation[] _heap = new Activation[64];

    public int Count { get; private set; }

    public void Add(Activation a)
    {
        if (Count == _heap.Length) Array.Resize(ref _heap, Count * 2);
        _heap[Count] = a;
        a.HeapIndex = Count++;
        Up(a.HeapIndex);
    }

    public Activation Pop()
    {
        var top = _heap[0];
        RemoveAt(0);
        return top;
    }

    public void Remove(Activation a)
    {
        if (a.HeapIndex >= 0) RemoveAt(a.HeapIndex);
    }

    /// <summary>Restores order after the activation's recency changed.</summary>
    public void Changed(Activation a)
    {
        Up(a.HeapIndex);
        Down(a.HeapIndex);
    }

    private void RemoveAt(int i)
    {
        var removed = _heap[i];
        removed.HeapIndex = -1;
        var last = _heap[--Count];
        _heap[Count] = null!;
        if (i == Count) return;
        _heap[i] = last;
        last.HeapIndex = i;
        Up(i);
        Down(last.HeapIndex);
    }

    private static bool Before(Activation a, Activation b) =>
        a.Priority > b.Priority || (a.Priority == b.Priority && a.Sequence > b.Sequence);

    private void Up(int i)
    {
        var a = _heap[i];
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Before(a, _heap[parent])) break;
            _heap[i] = _heap[parent];
            _heap[i].HeapIndex = i;
            i = parent;
        }
        _heap[i] = a;
        a.HeapIndex = i;
    }

    private void Down(int i)
    {
        var a = _heap[i];
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count) break;
            if (child + 1 < Count && Before(_heap[child + 1], _heap[child])) child++;
            if (!Before(_heap[child], a)) break;
            _heap[i] = _heap[child];
            _heap[i].HeapIndex = i;
            i = child;
        }
        _heap[i] = a;
        a.HeapIndex = i;
    }
}
