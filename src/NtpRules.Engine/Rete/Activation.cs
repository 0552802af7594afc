namespace NtpRules.Engine.Rete;

/// <summary>
/// A rule firing for a match. Queued activations are agenda entries (see <see cref="Agenda"/>); this object exists
/// only while the rule's actions run. Once fired, nothing is kept: refraction needs no record, because only a change
/// to the match queues the rule again, and the facts the rule linked hang off the match's <see cref="Token"/>.
/// </summary>
internal sealed class Activation(TerminalNode terminal, Token token, bool fresh)
{
    public readonly TerminalNode Terminal = terminal;
    public readonly Token Token = token;
    /// <summary>The rule fires for the match the first time: it has linked nothing to it yet.</summary>
    public readonly bool Fresh = fresh;
    /// <summary>How many facts this firing has linked so far.</summary>
    public int Linked;
    /// <summary>The match went away while the rule was firing.</summary>
    public bool Deleted;
}
