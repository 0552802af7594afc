using System.Collections.Concurrent;

namespace NtpRules.Engine.Rete;

/// <summary>
/// The rule and key under which a fact is linked to a match. Interned per rule and key, so that a linked fact's
/// handle needs one reference for both and finding "the fact this rule linked under this key" compares references.
/// Immutable: shared by every session of the network.
/// </summary>
internal sealed class LinkSlot(TerminalNode terminal, object key)
{
    public readonly TerminalNode Terminal = terminal;
    public readonly object Key = key;
}

/// <summary>A rule's interned <see cref="LinkSlot"/>s, looked up by key (by <see cref="object.Equals(object)"/>).</summary>
internal sealed class LinkSlots(TerminalNode terminal)
{
    private readonly ConcurrentDictionary<object, LinkSlot> _slots = new();
    /// <summary>The slot used last: rules nearly always link under one constant key.</summary>
    private volatile LinkSlot? _last;

    public LinkSlot For(object key)
    {
        var last = _last;
        if (last is not null && (ReferenceEquals(last.Key, key) || last.Key.Equals(key))) return last;
        last = _slots.GetOrAdd(key, k => new LinkSlot(terminal, k));
        _last = last;
        return last;
    }
}
