namespace NtpRules.Engine.Rete;

/// <summary>
/// The tokens adapter nodes made from one fact (one per rule-starting pattern the fact matches), chained through
/// <see cref="Token.NextSibling"/>. The head is kept on a <see cref="WrappedFact"/>, or for a tracked fact in the
/// session's <see cref="WorkingMemory"/>.
/// </summary>
internal static class RootTokens
{
    public static void Add(ref Token? head, Token token)
    {
        token.NextSibling = head;
        if (head is not null) head.PreviousSibling = token;
        head = token;
    }

    public static Token? Remove(ref Token? head, object node)
    {
        for (var t = head; t is not null; t = t.NextSibling)
        {
            if (!ReferenceEquals(t.Node, node)) continue;
            if (t.PreviousSibling is null) head = t.NextSibling;
            else t.PreviousSibling.NextSibling = t.NextSibling;
            if (t.NextSibling is not null) t.NextSibling.PreviousSibling = t.PreviousSibling;
            t.NextSibling = t.PreviousSibling = null;
            return t;
        }
        return null;
    }

    public static Token? Find(Token? head, object node)
    {
        for (var t = head; t is not null; t = t.NextSibling)
            if (ReferenceEquals(t.Node, node)) return t;
        return null;
    }
}
