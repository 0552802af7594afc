namespace NtpRules.Engine.Rete;

/// <summary>The working-memory entry of a fact that is not its own entry (any object not deriving from
/// <see cref="TrackedFact"/>, or a <see cref="TrackedFact"/> already in another session).</summary>
internal sealed class WrappedFact(object value) : TrackedFact
{
    public readonly object Wrapped = value;
}
