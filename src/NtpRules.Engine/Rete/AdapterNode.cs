namespace NtpRules.Engine.Rete;

/// <summary>Turns the facts of an alpha memory into one-fact partial matches (a rule's first pattern).</summary>
internal sealed class AdapterNode(int id) : BetaNode(id), IFactSink
{
    public void Assert(Session session, TrackedFact fact)
    {
        var token = new Token(null, fact.Value, this, binding: true);
        session.WorkingMemory.AddRootToken(fact, token);
        foreach (var sink in Sinks) sink.Assert(session, token);
    }

    public void Modify(Session session, TrackedFact fact)
    {
        if (session.WorkingMemory.FindRootToken(fact, this) is { } token) EmitModify(session, token);
    }

    public void Retract(Session session, TrackedFact fact)
    {
        if (session.WorkingMemory.RemoveRootToken(fact, this) is not { } token) return;
        foreach (var sink in Sinks) sink.Retract(session, token);
    }
}
