using System.Runtime.CompilerServices;

namespace NtpRules.Engine.Rete;

/// <summary>
/// The entries of facts that are not their own (see <see cref="WorkingMemory"/>), found by their fact's identity.
/// Open addressing over one array of (entry, identity hash) slots instead of a dictionary entry per fact: with millions
/// of facts every probe is a cache miss, so a slot holds the hash beside the entry (a probe past another fact compares
/// integers without loading that fact) and both in one place (one miss, not two).
/// </summary>
internal sealed class FactSet
{
    private static readonly TrackedFact Removed = new WrappedFact(new object());
    private Slot[] _slots = new Slot[16];
    private int _used; // live and removed slots

    private struct Slot
    {
        public TrackedFact? Entry;
        public int Hash;
    }

    public int Count { get; private set; }

    public TrackedFact? Find(object fact)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var hash = RuntimeHelpers.GetHashCode(fact);
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            if (slot.Entry is null) return null;
            if (slot.Hash == hash && ReferenceEquals(slot.Entry.Value, fact)) return slot.Entry;
        }
    }

    /// <summary>Adds the entry; false when its fact is already present.</summary>
    public bool Add(TrackedFact entry)
    {
        // At most 65 % full, so that probe chains stay short.
        if ((_used + 1) * 20 > _slots.Length * 13) Grow();
        var slots = _slots;
        var mask = slots.Length - 1;
        var fact = entry.Value;
        var hash = RuntimeHelpers.GetHashCode(fact);
        var reuse = -1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            if (slot.Entry is null)
            {
                if (reuse < 0)
                {
                    reuse = i;
                    _used++;
                }
                slots[reuse] = new Slot { Entry = entry, Hash = hash };
                Count++;
                return true;
            }
            if (ReferenceEquals(slot.Entry, Removed))
            {
                if (reuse < 0) reuse = i;
            }
            else if (slot.Hash == hash && ReferenceEquals(slot.Entry.Value, fact))
            {
                return false;
            }
        }
    }

    public bool Remove(TrackedFact entry)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var hash = RuntimeHelpers.GetHashCode(entry.Value);
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            if (slot.Entry is null) return false;
            if (!ReferenceEquals(slot.Entry, entry)) continue;
            slot.Entry = Removed;
            Count--;
            return true;
        }
    }

    /// <summary>The facts, in no particular order.</summary>
    public IEnumerable<object> Facts()
    {
        foreach (var slot in _slots)
            if (slot.Entry is not null && !ReferenceEquals(slot.Entry, Removed)) yield return slot.Entry.Value;
    }

    private void Grow()
    {
        var old = _slots;
        // Double when mostly live; otherwise rebuild at the same size to drop removed slots.
        _slots = new Slot[Count * 4 >= old.Length ? old.Length * 2 : old.Length];
        _used = Count;
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Entry is null || ReferenceEquals(slot.Entry, Removed)) continue;
            var i = slot.Hash & mask;
            while (_slots[i].Entry is not null) i = (i + 1) & mask;
            _slots[i] = slot;
        }
    }
}
