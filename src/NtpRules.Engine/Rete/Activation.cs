namespace NtpRules.Engine.Rete;

/// <summary>A rule's complete match. It stays attached to its token after firing (refraction) and owns the facts
/// the rule inserted as linked.</summary>
internal sealed class Activation(TerminalNode terminal, Token token)
{
    public readonly TerminalNode Terminal = terminal;
    public readonly Token Token = token;
    public Activation? NextForToken;
    public FactHandle? FirstLinked;
    /// <summary>Changes whenever the activation is queued or dequeued; see <see cref="Agenda"/>.</summary>
    public int Version;
    public bool Queued;
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
            handle.NextLinked = null;
            return;
        }
        for (var h = FirstLinked; h is not null; h = h.NextLinked)
        {
            if (!ReferenceEquals(h.NextLinked, handle)) continue;
            h.NextLinked = handle.NextLinked;
            handle.NextLinked = null;
            return;
        }
    }

    public FactHandle? FindLinked(object key)
    {
        for (var h = FirstLinked; h is not null; h = h.NextLinked)
            if (Equals(h.LinkKey, key)) return h;
        return null;
    }
}
