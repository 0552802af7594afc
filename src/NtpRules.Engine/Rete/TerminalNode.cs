namespace NtpRules.Engine.Rete;

/// <summary>The end of a rule's network: keeps one activation per complete match on the agenda.</summary>
internal sealed class TerminalNode(RuleDefinition rule) : ITokenSink
{
    public readonly RuleDefinition Rule = rule;
    public readonly int Priority = rule.Priority;
    public readonly Action<ActionContext>[] Actions = [.. rule.Actions];

    public void Assert(Session session, Token token)
    {
        var activation = new Activation(this, token) { NextForToken = token.FirstActivation };
        token.FirstActivation = activation;
        session.Agenda.Push(activation);
        session.Events.OnActivation(ActivationChange.Created, activation);
    }

    public void Modify(Session session, Token token)
    {
        var activation = Find(token);
        if (activation is null)
        {
            Assert(session, token);
            return;
        }
        session.Agenda.Push(activation);
        session.Events.OnActivation(ActivationChange.Updated, activation);
    }

    public void Retract(Session session, Token token)
    {
        Activation? previous = null;
        for (var a = token.FirstActivation; a is not null; previous = a, a = a.NextForToken)
        {
            if (!ReferenceEquals(a.Terminal, this)) continue;
            if (previous is null) token.FirstActivation = a.NextForToken;
            else previous.NextForToken = a.NextForToken;
            a.Deleted = true;
            session.Agenda.Remove(a);
            session.Events.OnActivation(ActivationChange.Deleted, a);
            if (a.FirstLinked is not null) session.RetractLinkedLater(a);
            return;
        }
    }

    private Activation? Find(Token token)
    {
        for (var a = token.FirstActivation; a is not null; a = a.NextForToken)
            if (ReferenceEquals(a.Terminal, this)) return a;
        return null;
    }
}
