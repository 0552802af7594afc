namespace NtpRules.Engine.Rete;

/// <summary>
/// A partial match: the parent's facts plus <see cref="Value"/>. Tokens form a tree (children are linked
/// intrusively) so that retracting a fact or a partial match reaches everything derived from it without lookups.
/// </summary>
internal sealed class Token
{
    public readonly Token? Parent;
    public readonly object? Value;
    /// <summary>The node that produced the token; a node finds its own children of a parent by it.</summary>
    public readonly object? Node;
    /// <summary>Number of bound facts in the tuple up to and including this token.</summary>
    public readonly int Depth;
    public readonly bool Binding;
    public Token? FirstChild;
    public Token? NextSibling;
    public Token? PreviousSibling;
    public Activation? FirstActivation;

    public Token(Token? parent, object? value, object? node, bool binding)
    {
        Parent = parent;
        Value = value;
        Node = node;
        Binding = binding;
        Depth = (parent?.Depth ?? 0) + (binding ? 1 : 0);
    }

    public void AddChild(Token child)
    {
        child.NextSibling = FirstChild;
        if (FirstChild is not null) FirstChild.PreviousSibling = child;
        FirstChild = child;
    }

    public void RemoveChild(Token child)
    {
        if (child.PreviousSibling is null) FirstChild = child.NextSibling;
        else child.PreviousSibling.NextSibling = child.NextSibling;
        if (child.NextSibling is not null) child.NextSibling.PreviousSibling = child.PreviousSibling;
        child.NextSibling = child.PreviousSibling = null;
    }

    public Token? FindChild(object node, object? value)
    {
        for (var c = FirstChild; c is not null; c = c.NextSibling)
            if (ReferenceEquals(c.Node, node) && ReferenceEquals(c.Value, value)) return c;
        return null;
    }
}
