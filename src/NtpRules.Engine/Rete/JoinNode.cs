namespace NtpRules.Engine.Rete;

/// <summary>Extends partial matches with each matching fact (a pattern after the first).</summary>
internal sealed class JoinNode(int id, JoinKey? join, JoinCondition[] conditions)
    : TwoInputNode<Token>(id, join, conditions), ITokenSink, IFactSink
{
    public void Assert(Session session, Token token)
    {
        var memory = MemoryOf(session);
        var key = LeftKeyOf(session, token);
        memory.Left.Add(key, token);
        if (memory.Right.Get(key) is not { } facts) return;
        foreach (var fact in facts.Items)
            if (Matches(session, token, fact.Value)) EmitAssert(session, token, fact.Value, binding: true);
    }

    public void Modify(Session session, Token token)
    {
        var memory = MemoryOf(session);
        var key = LeftKeyOf(session, token);
        Relocate(memory.Left, key, token);
        var matched = new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (memory.Right.Get(key) is { } facts)
        {
            foreach (var fact in facts.Items)
            {
                if (!Matches(session, token, fact.Value)) continue;
                matched.Add(fact.Value);
                var child = token.FindChild(this, fact.Value);
                if (child is null) EmitAssert(session, token, fact.Value, binding: true);
                else EmitModify(session, child);
            }
        }
        RetractChildrenExcept(session, token, matched);
    }

    public void Retract(Session session, Token token)
    {
        MemoryOf(session).Left.Remove(LeftKeyOf(session, token), token, out _);
        RetractChildren(session, token);
    }

    public void Assert(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        if (memory.Left.Get(AddRight(session, memory, fact)) is not { } tokens) return;
        foreach (var token in tokens.Items)
            if (Matches(session, token, fact.Value)) EmitAssert(session, token, fact.Value, binding: true);
    }

    public void Modify(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        var key = RightKeyOf(session, fact.Value);
        if (!memory.Right.Contains(key, fact))
        {
            // The join key changed: the fact leaves its old partners and meets new ones.
            Retract(session, fact);
            Assert(session, fact);
            return;
        }
        if (memory.Left.Get(key) is not { } tokens) return;
        foreach (var token in tokens.Items)
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
        if (!memory.Right.Remove(RightKeyOf(session, fact.Value), fact, out var oldKey)) return;
        if (memory.Left.Get(oldKey) is not { } tokens) return;
        foreach (var token in tokens.Items)
            if (token.FindChild(this, fact.Value) is { } child) EmitRetract(session, child);
    }
}
