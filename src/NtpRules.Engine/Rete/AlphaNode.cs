namespace NtpRules.Engine.Rete;

/// <summary>
/// A node of the alpha network: a type node (the root for one <see cref="FactType"/>, no test) or a condition on one
/// fact. Nodes with the same condition key under the same parent are shared between rules.
/// </summary>
internal sealed class AlphaNode(FactType? type, FactCondition? condition)
{
    public readonly FactType? Type = type;
    public readonly FactCondition? Condition = condition;
    public readonly List<AlphaNode> ChildList = [];
    public readonly HashSet<string> Rules = new(StringComparer.Ordinal);
    public AlphaNode[] Children = [];
    public AlphaMemory? Memory;
    public string[] RuleNames = [];

    public void Freeze()
    {
        Children = [.. ChildList];
        RuleNames = [.. Rules];
        Memory?.Freeze();
        foreach (var child in Children) child.Freeze();
    }

    /// <summary>Adds the memories of this subtree that <paramref name="fact"/> reaches.</summary>
    public void Collect(Session session, object fact, List<AlphaMemory> into)
    {
        if (Memory is not null) into.Add(Memory);
        foreach (var child in Children)
            if (child.Passes(session, fact)) child.Collect(session, fact, into);
    }

    private bool Passes(Session session, object fact)
    {
        var condition = Condition!;
        bool result;
        try
        {
            result = condition.Test(fact);
        }
        catch (Exception e)
        {
            session.ConditionFailed(RuleNames, condition.Key, [fact], e);
            return false;
        }
        if (session.Events.TracesConditions) session.Events.OnConditionEvaluated(condition.Key, [fact], result);
        return result;
    }
}
