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
    /// <summary>Which of the first 64 rules ending at this token's node are queued for it, by
    /// <see cref="TerminalNode.Index"/> (the agenda keeps any further ones).</summary>
    public ulong Pending;
    /// <summary>The facts the rules matching this token inserted as linked, chained through
    /// <see cref="TrackedFact.NextLinked"/>.</summary>
    public TrackedFact? FirstLinked;

    public Token(Token? parent, object? value, object? node, bool binding)
    {
        Parent = parent;
        Value = value;
        Node = node;
        Binding = binding;
        Depth = (parent?.Depth ?? 0) + (binding ? 1 : 0);
    }

    public void AddChild(Token child) => Link(ref FirstChild, child);

    public void RemoveChild(Token child) => Unlink(ref FirstChild, child);

    /// <summary>Puts <paramref name="token"/> first in a chain of siblings (a token's children, a fact's root tokens).</summary>
    public static void Link(ref Token? head, Token token)
    {
        token.NextSibling = head;
        if (head is not null) head.PreviousSibling = token;
        head = token;
    }

    /// <summary>Takes <paramref name="token"/> out of the chain of siblings starting at <paramref name="head"/>.</summary>
    public static void Unlink(ref Token? head, Token token)
    {
        if (token.PreviousSibling is null) head = token.NextSibling;
        else token.PreviousSibling.NextSibling = token.NextSibling;
        if (token.NextSibling is not null) token.NextSibling.PreviousSibling = token.PreviousSibling;
        token.NextSibling = token.PreviousSibling = null;
    }

    public Token? FindChild(object node, object? value)
    {
        for (var c = FirstChild; c is not null; c = c.NextSibling)
            if (ReferenceEquals(c.Node, node) && ReferenceEquals(c.Value, value)) return c;
        return null;
    }

    public void AddLinked(TrackedFact handle, LinkSlot link)
    {
        handle.Owner = this;
        handle.Link = link;
        handle.NextLinked = FirstLinked;
        FirstLinked = handle;
    }

    public void RemoveLinked(TrackedFact handle)
    {
        TrackedFact? before = null;
        for (var h = FirstLinked; h is not null; before = h, h = h.NextLinked)
        {
            if (!ReferenceEquals(h, handle)) continue;
            if (before is null) FirstLinked = h.NextLinked;
            else before.NextLinked = h.NextLinked;
            h.NextLinked = null;
            h.Owner = null;
            return;
        }
    }

    public TrackedFact? FindLinked(LinkSlot link)
    {
        for (var h = FirstLinked; h is not null; h = h.NextLinked)
            if (ReferenceEquals(h.Link, link)) return h;
        return null;
    }

    /// <summary>Takes the facts <paramref name="terminal"/>'s rule linked off this token; returns them chained.</summary>
    public TrackedFact? TakeLinked(TerminalNode terminal)
    {
        TrackedFact? taken = null, before = null;
        var h = FirstLinked;
        while (h is not null)
        {
            var next = h.NextLinked;
            if (ReferenceEquals(h.Link!.Terminal, terminal))
            {
                if (before is null) FirstLinked = next;
                else before.NextLinked = next;
                h.NextLinked = taken;
                taken = h;
            }
            else
            {
                before = h;
            }
            h = next;
        }
        return taken;
    }
}
