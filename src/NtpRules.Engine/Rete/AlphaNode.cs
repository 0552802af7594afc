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
    /// <summary>The children tested one by one: all but those decided by <see cref="Switches"/>.</summary>
    private AlphaNode[] _tested = [];
    /// <summary>Children whose conditions compare one selector with different values, decided by one lookup.</summary>
    private Switch[] _switches = [];
    public AlphaMemory? Memory;
    public string[] RuleNames = [];

    /// <summary>Equality conditions sharing a selector: the child holding for each value.</summary>
    private sealed class Switch(EqualitySelector selector, AlphaNode[] children)
    {
        public readonly EqualitySelector Selector = selector;
        public readonly AlphaNode[] Children = children;
        public readonly Dictionary<object, AlphaNode> ByValue = children.ToDictionary(c => c.Condition!.Selector!.Value);
        public readonly string[] RuleNames = [.. children.SelectMany(c => c.RuleNames).Distinct()];
    }

    public int SwitchCount => _switches.Length + Children.Sum(c => c.SwitchCount);

    public void Freeze()
    {
        Children = [.. ChildList];
        RuleNames = [.. Rules];
        Memory?.Freeze();
        foreach (var child in Children) child.Freeze();
        var groups = Children.Where(c => c.Condition?.Selector is not null)
            .GroupBy(c => c.Condition!.Selector!.Key)
            .Where(g => g.Count() > 1 && g.Select(c => c.Condition!.Selector!.Value).Distinct().Count() == g.Count())
            .ToArray();
        _switches = [.. groups.Select(g => new Switch(g.First().Condition!.Selector!, [.. g]))];
        _tested = [.. Children.Except(groups.SelectMany(g => g))];
    }

    /// <summary>Adds the memories of this subtree that <paramref name="fact"/> reaches.</summary>
    public void Collect(Session session, object fact, List<AlphaMemory> into)
    {
        if (Memory is not null) into.Add(Memory);
        foreach (var child in _tested)
            if (child.Passes(session, fact)) child.Collect(session, fact, into);
        foreach (var choice in _switches)
        {
            // Traced sessions test every condition, so that each evaluation is reported as without a switch.
            if (session.Events.TracesConditions)
            {
                foreach (var child in choice.Children)
                    if (child.Passes(session, fact)) child.Collect(session, fact, into);
            }
            else if (Select(session, choice, fact) is { } value && choice.ByValue.TryGetValue(value, out var match))
            {
                match.Collect(session, fact, into);
            }
        }
    }

    private static object? Select(Session session, Switch choice, object fact)
    {
        try
        {
            return choice.Selector.Select(fact);
        }
        catch (Exception e)
        {
            session.ConditionFailed(choice.RuleNames, choice.Selector.Key, [fact], e);
            return null;
        }
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
