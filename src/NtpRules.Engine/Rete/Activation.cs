namespace NtpRules.Engine.Rete;

/// <summary>
/// A rule firing for a match. Queued activations are agenda entries (see <see cref="Agenda"/>); this object exists
/// only while the rule's actions run. Once fired, nothing is kept: refraction needs no record, because only a change
/// to the match queues the rule again, and the facts the rule linked hang off the match's <see cref="Token"/>.
/// </summary>
/// <remarks>A session reuses one instance for all its firings (they cannot nest).</remarks>
internal sealed class Activation
{
    public TerminalNode Terminal = null!;
    public Token Token = null!;
    /// <summary>The rule fires for the match the first time: it has linked nothing to it yet.</summary>
    public bool Fresh;
    /// <summary>How many facts this firing has linked so far.</summary>
    public int Linked;
    /// <summary>The match went away while the rule was firing.</summary>
    public bool Deleted;

    public Activation Start(in Agenda.Entry entry)
    {
        Terminal = entry.Terminal;
        Token = entry.Token;
        Fresh = entry.Fresh;
        Linked = 0;
        Deleted = false;
        return this;
    }
}
