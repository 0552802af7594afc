namespace NtpRules.Engine.Rete;

/// <summary>The working-memory entry of a fact that is not its own entry (any object not deriving from
/// <see cref="TrackedFact"/>, or a <see cref="TrackedFact"/> already in another session).</summary>
internal sealed class WrappedFact(object value) : TrackedFact
{
    public readonly object Wrapped = value;
    /// <summary>Tokens made from this fact by adapter nodes (see <see cref="RootTokens"/>). A field here, where the
    /// subjects of rules (records) are; tracked facts, which seldom start a rule, keep theirs in the session.</summary>
    public Token? RootTokens;
}
