namespace NtpRules.Engine.Rete;

/// <summary><c>not</c> / <c>exists</c>: passes a partial match while no / some fact matches it.</summary>
internal sealed class ExistenceNode(int id, bool negated, JoinKey? join, JoinCondition[] conditions)
    : TwoInputNode<Token>(id, join, conditions), ITokenSink, IFactSink
{
    public void Assert(Session session, Token token)
    {
        var memory = MemoryOf(session);
        var key = LeftKeyOf(session, token);
        memory.AddLeft(key, token);
        if (Passes(session, token, memory.Right(key))) EmitAssert(session, token, null, binding: false);
    }

    public void Modify(Session session, Token token)
    {
        var memory = MemoryOf(session);
        var key = LeftKeyOf(session, token);
        memory.RelocateLeft(key, token);
        var child = token.FindChild(this, null);
        if (Passes(session, token, memory.Right(key)))
        {
            if (child is null) EmitAssert(session, token, null, binding: false);
            else EmitModify(session, child);
        }
        else if (child is not null)
        {
            EmitRetract(session, child);
        }
    }

    public void Retract(Session session, Token token)
    {
        MemoryOf(session).RemoveLeft(LeftKeyOf(session, token), token, out _);
        RetractChildren(session, token);
    }

    public void Assert(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        var key = RightKeyOf(session, fact.Value);
        memory.AddRight(key, fact);
        Reconcile(session, memory, key);
    }

    public void Modify(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        var key = RightKeyOf(session, fact.Value);
        if (memory.RelocateRight(key, fact, out var oldKey)) Reconcile(session, memory, oldKey);
        Reconcile(session, memory, key);
    }

    public void Retract(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        if (memory.RemoveRight(RightKeyOf(session, fact.Value), fact, out var oldKey))
            Reconcile(session, memory, oldKey);
    }

    private void Reconcile(Session session, JoinIndex<Token> memory, object? key)
    {
        var facts = memory.Right(key);
        foreach (var token in memory.Left(key))
        {
            var child = token.FindChild(this, null);
            var passes = Passes(session, token, facts);
            if (passes && child is null) EmitAssert(session, token, null, binding: false);
            else if (!passes && child is not null) EmitRetract(session, child);
        }
    }

    private bool Passes(Session session, Token token, ReadOnlySpan<TrackedFact> facts)
    {
        var any = false;
        if (Conditions.Length == 0)
        {
            any = facts.Length > 0;
        }
        else
        {
            foreach (var fact in facts)
            {
                if (!Matches(session, token, fact.Value)) continue;
                any = true;
                break;
            }
        }
        return negated ? !any : any;
    }
}
