namespace NtpRules.Engine.Rete;

/// <summary>The end of a rule's network: queues an activation when a complete match appears or changes.</summary>
internal sealed class TerminalNode : ITokenSink
{
    public readonly RuleDefinition Rule;
    public readonly int Priority;
    public readonly Action<ActionContext>[] Actions;
    public readonly LinkSlots Links;

    public TerminalNode(RuleDefinition rule)
    {
        Rule = rule;
        Priority = rule.Priority;
        Actions = [.. rule.Actions];
        Links = new LinkSlots(this);
    }

    public void Assert(Session session, Token token)
    {
        Queue(session, token);
        session.Events.OnActivation(ActivationChange.Created, this, token);
    }

    public void Modify(Session session, Token token)
    {
        // Queued already: move it up as the most recent. Fired before: queue it again (the match changed).
        if (Find(token) is { } activation) session.Agenda.Push(activation);
        else Queue(session, token);
        session.Events.OnActivation(ActivationChange.Updated, this, token);
    }

    public void Retract(Session session, Token token)
    {
        if (Find(token) is { } queued)
        {
            token.RemoveActivation(queued);
            queued.Deleted = true;
            session.Agenda.Remove(queued);
        }
        session.MatchRetracted(this, token);
        session.Events.OnActivation(ActivationChange.Deleted, this, token);
    }

    private void Queue(Session session, Token token)
    {
        var activation = new Activation(this, token) { NextForToken = token.FirstActivation };
        token.FirstActivation = activation;
        session.Agenda.Push(activation);
    }

    private Activation? Find(Token token)
    {
        for (var a = token.FirstActivation; a is not null; a = a.NextForToken)
            if (ReferenceEquals(a.Terminal, this)) return a;
        return null;
    }
}
