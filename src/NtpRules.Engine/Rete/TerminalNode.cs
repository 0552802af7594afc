namespace NtpRules.Engine.Rete;

/// <summary>The end of a rule's network: queues the rule on the agenda when a complete match appears or changes.</summary>
internal sealed class TerminalNode : ITokenSink
{
    public readonly RuleDefinition Rule;
    public readonly int Priority;
    public readonly Action<ActionContext>[] Actions;
    public readonly LinkSlots Links;
    /// <summary>This rule's position among the rules ending at the same node: its bit in <see cref="Token.Pending"/>.</summary>
    public int Index;
    /// <summary>The rules ending at the same node with the same priority (see <see cref="Agenda"/>).</summary>
    public RuleGroup Group = null!;

    public TerminalNode(RuleDefinition rule)
    {
        Rule = rule;
        Priority = rule.Priority;
        Actions = [.. rule.Actions];
        Links = new LinkSlots(this);
    }

    public void Assert(Session session, Token token)
    {
        session.Agenda.Push(this, token, fresh: true);
        session.Events.OnActivation(ActivationChange.Created, this, token);
    }

    /// <summary>The match changed: queue the rule again (or move it up, when still queued) as the most recent.</summary>
    public void Modify(Session session, Token token)
    {
        session.Agenda.Push(this, token, fresh: false);
        session.Events.OnActivation(ActivationChange.Updated, this, token);
    }

    public void Retract(Session session, Token token)
    {
        session.Agenda.Remove(this, token);
        session.MatchRetracted(this, token);
        session.Events.OnActivation(ActivationChange.Deleted, this, token);
    }
}
