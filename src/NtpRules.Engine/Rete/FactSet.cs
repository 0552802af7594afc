using System.Runtime.CompilerServices;

namespace NtpRules.Engine.Rete;

/// <summary>
/// Working memory: the fact handles, found by their fact's identity. Open addressing over an array of handles
/// (8 bytes a slot) instead of a dictionary entry per fact, because working memory holds every fact of a session.
/// Each slot's identity hash is kept beside it (4 bytes) so that a probe past another fact compares two integers
/// instead of loading that fact's handle: with millions of facts, every such load is a cache miss.
/// </summary>
internal sealed class FactSet
{
    private static readonly TrackedFact Removed = new WrappedFact(new object());
    private TrackedFact?[] _slots = new TrackedFact?[16];
    private int[] _hashes = new int[16];
    private int _used; // live and removed slots

    public int Count { get; private set; }

    public TrackedFact? Find(object fact)
    {
        var mask = _slots.Length - 1;
        var hash = RuntimeHelpers.GetHashCode(fact);
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot is null) return null;
            if (_hashes[i] == hash && ReferenceEquals(slot.Value, fact)) return slot;
        }
    }

    /// <summary>Adds the handle; false when its fact is already present.</summary>
    public bool Add(TrackedFact handle)
    {
        // At most 65 % full, so that probe chains stay short.
        if ((_used + 1) * 20 > _slots.Length * 13) Grow();
        var mask = _slots.Length - 1;
        var hash = RuntimeHelpers.GetHashCode(handle.Value);
        var reuse = -1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot is null)
            {
                if (reuse < 0)
                {
                    reuse = i;
                    _used++;
                }
                _slots[reuse] = handle;
                _hashes[reuse] = hash;
                Count++;
                return true;
            }
            if (ReferenceEquals(slot, Removed))
            {
                if (reuse < 0) reuse = i;
            }
            else if (_hashes[i] == hash && ReferenceEquals(slot.Value, handle.Value))
            {
                return false;
            }
        }
    }

    public bool Remove(TrackedFact handle)
    {
        var mask = _slots.Length - 1;
        var hash = RuntimeHelpers.GetHashCode(handle.Value);
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot is null) return false;
            if (!ReferenceEquals(slot, handle)) continue;
            _slots[i] = Removed;
            Count--;
            return true;
        }
    }

    /// <summary>The facts, in no particular order.</summary>
    public IEnumerable<object> Facts()
    {
        foreach (var slot in _slots)
            if (slot is not null && !ReferenceEquals(slot, Removed)) yield return slot.Value;
    }

    private void Grow()
    {
        var old = _slots;
        var oldHashes = _hashes;
        // Double when mostly live; otherwise rebuild at the same size to drop removed slots.
        var size = Count * 4 >= old.Length ? old.Length * 2 : old.Length;
        _slots = new TrackedFact?[size];
        _hashes = new int[size];
        _used = Count;
        var mask = size - 1;
        for (var k = 0; k < old.Length; k++)
        {
            var slot = old[k];
            if (slot is null || ReferenceEquals(slot, Removed)) continue;
            var i = oldHashes[k] & mask;
            while (_slots[i] is not null) i = (i + 1) & mask;
            _slots[i] = slot;
            _hashes[i] = oldHashes[k];
        }
    }
}
