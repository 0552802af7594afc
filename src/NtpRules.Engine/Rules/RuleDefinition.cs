namespace NtpRules.Engine;

/// <summary>An immutable rule: metadata, left-hand side elements and actions. Built with <see cref="RuleBuilder"/>.</summary>
public sealed class RuleDefinition
{
    internal RuleDefinition(string name, string description, int priority, IReadOnlyDictionary<string, string> metadata,
        IReadOnlyList<RuleElement> elements, IReadOnlyList<string> declarations, IReadOnlyList<Action<ActionContext>> actions)
    {
        Name = name;
        Description = description;
        Priority = priority;
        Metadata = metadata;
        Elements = elements;
        Declarations = declarations;
        Actions = actions;
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>Higher fires first.</summary>
    public int Priority { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public IReadOnlyList<RuleElement> Elements { get; }

    /// <summary>Names of the bound declarations, by index.</summary>
    public IReadOnlyList<string> Declarations { get; }

    public IReadOnlyList<Action<ActionContext>> Actions { get; }

    public int IndexOf(string declaration)
    {
        for (var i = 0; i < Declarations.Count; i++)
            if (Declarations[i] == declaration) return i;
        return -1;
    }

    public override string ToString() => Name;
}
