namespace NtpRules.Engine.Rete;

/// <summary>
/// Shared machinery of nodes joining partial matches (left) with facts from an alpha memory (right): both sides
/// hash-indexed by the equality join key (or kept in one bucket when there is none), plus general join conditions.
/// </summary>
internal abstract class TwoInputNode<TLeft>(int id, JoinKey? join, JoinCondition[] conditions) : BetaNode(id)
    where TLeft : class
{
    /// <summary>The key of every item when the node has no equality join.</summary>
    private static readonly object Unkeyed = new();

    protected readonly JoinCondition[] Conditions = conditions;

    protected JoinIndex<TLeft> MemoryOf(Session session) =>
        (JoinIndex<TLeft>)(session.Memories[Id] ??= new JoinIndex<TLeft>());

    protected object? LeftKeyOf(Session session, Token token)
    {
        if (join is null) return Unkeyed;
        try
        {
            return join.Left(new Bindings(token));
        }
        catch (Exception e)
        {
            session.ConditionFailed(RuleNames, join.Key, new Bindings(token).ToArray(), e);
            return null;
        }
    }

    protected object? RightKeyOf(Session session, object fact)
    {
        if (join is null) return Unkeyed;
        try
        {
            return join.Right(fact);
        }
        catch (Exception e)
        {
            session.ConditionFailed(RuleNames, join.Key, [fact], e);
            return null;
        }
    }

    /// <summary>Whether the join conditions hold for the partial match and the fact (the key already matched).</summary>
    protected bool Matches(Session session, Token token, object fact)
    {
        var traced = session.Events.TracesConditions;
        if (traced && join is not null) session.Events.OnConditionEvaluated(join.Key, Arguments(token, fact), true);
        foreach (var condition in Conditions)
        {
            bool result;
            try
            {
                result = condition.Test(new Bindings(token), fact);
            }
            catch (Exception e)
            {
                session.ConditionFailed(RuleNames, condition.Key, Arguments(token, fact), e);
                return false;
            }
            if (traced) session.Events.OnConditionEvaluated(condition.Key, Arguments(token, fact), result);
            if (!result) return false;
        }
        return true;
    }

    private static object[] Arguments(Token token, object fact) => [.. new Bindings(token).ToArray(), fact];
}
