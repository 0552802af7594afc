namespace NtpRules.Engine.Rete;

/// <summary>
/// A rule's complete match waiting on the agenda, or firing. It exists only while queued: once fired it is dropped
/// (refraction needs no record, because only a change to the match queues it again), and the facts the rule
/// linked hang off the match's <see cref="Token"/>. Keeping fired activations would cost an object per rule and
/// match for the whole session.
/// </summary>
internal sealed class Activation(TerminalNode terminal, Token token)
{
    public readonly TerminalNode Terminal = terminal;
    public readonly Token Token = token;
    /// <summary>The next queued activation of the same token (another rule sharing the match).</summary>
    public Activation? NextForToken;
    /// <summary>Changes whenever the activation is queued or dequeued; see <see cref="Agenda"/>.</summary>
    public int Version;
    public bool Queued;
    /// <summary>The match went away while the rule was firing.</summary>
    public bool Deleted;

    public int Priority => Terminal.Priority;
}
