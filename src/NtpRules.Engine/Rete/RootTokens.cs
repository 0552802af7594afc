namespace NtpRules.Engine.Rete;

/// <summary>
/// The tokens adapter nodes made from one fact (one per rule-starting pattern the fact matches), a chain of siblings
/// (<see cref="Token.Link"/>). The head is kept on a <see cref="WrappedFact"/>, or for a tracked fact in the
/// session's <see cref="WorkingMemory"/>.
/// </summary>
internal static class RootTokens
{
    public static Token? Find(Token? head, object node)
    {
        for (var t = head; t is not null; t = t.NextSibling)
            if (ReferenceEquals(t.Node, node)) return t;
        return null;
    }

    /// <summary>Takes the token <paramref name="node"/> made out of the chain; returns it, or null.</summary>
    public static Token? Remove(ref Token? head, object node)
    {
        if (Find(head, node) is not { } token) return null;
        Token.Unlink(ref head, token);
        return token;
    }
}
