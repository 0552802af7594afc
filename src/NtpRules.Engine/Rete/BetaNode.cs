namespace NtpRules.Engine.Rete;

/// <summary>A node producing partial matches. Its per-session state lives in <c>session.Memories[Id]</c>, so the
/// node itself is immutable after compilation and shared by all sessions.</summary>
internal abstract class BetaNode(int id)
{
    public readonly int Id = id;
    public readonly List<ITokenSink> SinkList = [];
    public readonly HashSet<string> Rules = new(StringComparer.Ordinal);
    public ITokenSink[] Sinks = [];
    public string[] RuleNames = [];

    public virtual void Freeze()
    {
        Sinks = [.. SinkList];
        RuleNames = [.. Rules];
        // Number the rules ending here (their bits on this node's tokens) and group them by priority for the agenda.
        var index = 0;
        var groups = new Dictionary<(int Word, int Priority), RuleGroup>();
        foreach (var sink in Sinks)
        {
            if (sink is not TerminalNode terminal) continue;
            terminal.Index = index++;
            var key = (terminal.Index >> 6, terminal.Priority);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = new RuleGroup(key.Item1);
            group.Rules[terminal.Index & 63] = terminal;
            terminal.Group = group;
        }
    }

    protected Token EmitAssert(Session session, Token? parent, object? value, bool binding)
    {
        var child = new Token(parent, value, this, binding);
        parent?.AddChild(child);
        foreach (var sink in Sinks) sink.Assert(session, child);
        return child;
    }

    protected void EmitModify(Session session, Token child)
    {
        foreach (var sink in Sinks) sink.Modify(session, child);
    }

    protected void EmitRetract(Session session, Token child)
    {
        foreach (var sink in Sinks) sink.Retract(session, child);
        child.Parent?.RemoveChild(child);
    }

    protected void RetractChildren(Session session, Token parent)
    {
        var child = parent.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            if (ReferenceEquals(child.Node, this)) EmitRetract(session, child);
            child = next;
        }
    }

    /// <summary>Retracts this node's children of <paramref name="parent"/> whose fact is not in <paramref name="keep"/>.</summary>
    protected void RetractChildrenExcept(Session session, Token parent, HashSet<object> keep)
    {
        var child = parent.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            if (ReferenceEquals(child.Node, this) && !keep.Contains(child.Value!)) EmitRetract(session, child);
            child = next;
        }
    }
}
