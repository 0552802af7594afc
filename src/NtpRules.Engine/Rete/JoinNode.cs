namespace NtpRules.Engine.Rete;

/// <summary>Extends partial matches with each matching fact (a pattern after the first).</summary>
internal sealed class JoinNode(int id, JoinKey? join, JoinCondition[] conditions)
    : TwoInputNode<Token>(id, join, conditions), ITokenSink, IFactSink
{
    public void Assert(Session session, Token token)
    {
        var memory = MemoryOf(session);
        var key = LeftKeyOf(session, token);
        memory.AddLeft(key, token);
        foreach (var fact in memory.Right(key))
            if (Matches(session, token, fact.Value)) EmitAssert(session, token, fact.Value, binding: true);
    }

    public void Modify(Session session, Token token)
    {
        var memory = MemoryOf(session);
        var key = LeftKeyOf(session, token);
        memory.RelocateLeft(key, token);
        var matched = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var fact in memory.Right(key))
        {
            if (!Matches(session, token, fact.Value)) continue;
            matched.Add(fact.Value);
            var child = token.FindChild(this, fact.Value);
            if (child is null) EmitAssert(session, token, fact.Value, binding: true);
            else EmitModify(session, child);
        }
        RetractChildrenExcept(session, token, matched);
    }

    public void Retract(Session session, Token token)
    {
        MemoryOf(session).RemoveLeft(LeftKeyOf(session, token), token, out _);
        RetractChildren(session, token);
    }

    public void Assert(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        foreach (var token in memory.AddRight(RightKeyOf(session, fact.Value), fact))
            if (Matches(session, token, fact.Value)) EmitAssert(session, token, fact.Value, binding: true);
    }

    public void Modify(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        var key = RightKeyOf(session, fact.Value);
        if (!memory.ContainsRight(key, fact))
        {
            // The join key changed: the fact leaves its old partners and meets new ones.
            Retract(session, fact);
            Assert(session, fact);
            return;
        }
        foreach (var token in memory.Left(key))
        {
            var child = token.FindChild(this, fact.Value);
            if (Matches(session, token, fact.Value))
            {
                if (child is null) EmitAssert(session, token, fact.Value, binding: true);
                else EmitModify(session, child);
            }
            else if (child is not null)
            {
                EmitRetract(session, child);
            }
        }
    }

    public void Retract(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        if (!memory.RemoveRight(RightKeyOf(session, fact.Value), fact, out var oldKey)) return;
        foreach (var token in memory.Left(oldKey))
            if (token.FindChild(this, fact.Value) is { } child) EmitRetract(session, child);
    }
}
