namespace NtpRules.Engine.Rete;

/// <summary>The engine's record of one fact in working memory.</summary>
internal sealed class FactHandle(object value)
{
    public readonly object Value = value;
    /// <summary>The alpha memories the fact is in (often <see cref="AlphaMemory.Alone"/>, shared).</summary>
    public AlphaMemory[] Memories = [];
    /// <summary>Tokens made from this fact by adapter nodes, linked through <see cref="Token.NextSibling"/>.</summary>
    public Token? RootTokens;
    /// <summary>For a linked fact: the match it is linked to, the rule and key it was linked under, and the next
    /// fact linked to the same match. Null otherwise.</summary>
    public Token? Owner;
    public LinkSlot? Link;
    public FactHandle? NextLinked;

    public void AddRootToken(Token token)
    {
        token.NextSibling = RootTokens;
        if (RootTokens is not null) RootTokens.PreviousSibling = token;
        RootTokens = token;
    }

    public Token? RemoveRootToken(object node)
    {
        for (var t = RootTokens; t is not null; t = t.NextSibling)
        {
            if (!ReferenceEquals(t.Node, node)) continue;
            if (t.PreviousSibling is null) RootTokens = t.NextSibling;
            else t.PreviousSibling.NextSibling = t.NextSibling;
            if (t.NextSibling is not null) t.NextSibling.PreviousSibling = t.PreviousSibling;
            t.NextSibling = t.PreviousSibling = null;
            return t;
        }
        return null;
    }

    public Token? FindRootToken(object node)
    {
        for (var t = RootTokens; t is not null; t = t.NextSibling)
            if (ReferenceEquals(t.Node, node)) return t;
        return null;
    }
}
