namespace NtpRules.Engine.Rete;

/// <summary>Passes partial matches for which a test over the bindings holds.</summary>
internal sealed class TestNode(int id, TupleCondition condition) : BetaNode(id), ITokenSink
{
    public void Assert(Session session, Token token)
    {
        if (Passes(session, token)) EmitAssert(session, token, null, binding: false);
    }

    public void Modify(Session session, Token token)
    {
        var child = token.FindChild(this, null);
        if (Passes(session, token))
        {
            if (child is null) EmitAssert(session, token, null, binding: false);
            else EmitModify(session, child);
        }
        else if (child is not null)
        {
            EmitRetract(session, child);
        }
    }

    public void Retract(Session session, Token token) => RetractChildren(session, token);

    private bool Passes(Session session, Token token)
    {
        bool result;
        try
        {
            result = condition.Test(new Bindings(token));
        }
        catch (Exception e)
        {
            session.ConditionFailed(RuleNames, condition.Key, new Bindings(token).ToArray(), e);
            return false;
        }
        if (session.Events.TracesConditions)
            session.Events.OnConditionEvaluated(condition.Key, new Bindings(token).ToArray(), result);
        return result;
    }
}
