namespace NtpRules.Engine.Rete;

/// <summary>A rule's complete match. It stays attached to its token after firing (refraction) and owns the facts
/// the rule inserted as linked.</summary>
internal sealed class Activation(TerminalNode terminal, Token token)
{
    public readonly TerminalNode Terminal = terminal;
    public readonly Token Token = token;
    public Activation? NextForToken;
    public FactHandle? FirstLinked;
    public long Sequence;
    public int HeapIndex = -1;
    public bool Deleted;

    public int Priority => Terminal.Priority;

    public void AddLinked(FactHandle handle)
    {
        handle.NextLinked = FirstLinked;
        FirstLinked = handle;
    }

    public void RemoveLinked(FactHandle handle)
    {
        if (ReferenceEquals(FirstLinked, handle))
        {
            FirstLinked = handle.NextLinked;
        }
        else
        {
            for (var h = FirstLinked; h is not null; h = h.NextLinked)
            {
                if (!ReferenceEquals(h.NextLinked, handle)) continue;
                h.NextLinked = handle.NextLinked;
                break;
            }
        }
        handle.NextLinked = null;
    }

    public FactHandle? FindLinked(object key)
    {
        for (var h = FirstLinked; h is not null; h = h.NextLinked)
            if (Equals(h.LinkKey, key)) return h;
        return null;
    }
}
