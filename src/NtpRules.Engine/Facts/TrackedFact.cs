using NtpRules.Engine.Rete;

namespace NtpRules.Engine;

/// <summary>
/// An optional base class for facts. Any object can be a fact; working memory then keeps an entry for it in a hash
/// table keyed by the object's identity. A fact deriving from <see cref="TrackedFact"/> is its own entry in the first
/// session that inserts it: that session finds it without hashing, and it costs no separate object. With millions of
/// derived facts (rule results), the hash table is the slowest part of inserting one, because each insert touches a
/// random place in it. Inserted into a second session while in the first, it is kept in that session's hash table.
/// </summary>
/// <remarks>
/// The engine's bookkeeping lives in internal fields (40 bytes) and is cleared when the fact is retracted. A session
/// that is dropped without retracting its facts leaves them claimed: another session then wraps them as it would any
/// object. Inside the engine every working-memory entry is a <see cref="TrackedFact"/>: the fact itself, or a
/// <see cref="WrappedFact"/> standing for any other object.
/// </remarks>
public abstract class TrackedFact
{
    private static int _lastSession;

    /// <summary>The fact itself, or the object a <see cref="WrappedFact"/> stands for. (A property, not a field:
    /// eight bytes on every tracked fact add up over millions of them.)</summary>
    internal object Value => this is WrappedFact wrapped ? wrapped.Wrapped : this;
    /// <summary>The session whose entry this is (see <see cref="NewSessionId"/>); 0 when in no session.</summary>
    internal int SessionId;
    /// <summary>Position in the session's list of facts that are their own entry.</summary>
    internal int Slot;
    /// <summary>The alpha memories the fact is in (often <see cref="AlphaMemory.Alone"/>, shared).</summary>
    internal AlphaMemory[] Memories = [];
    /// <summary>For a linked fact: the match it is linked to, the rule and key it was linked under, and the next
    /// fact linked to the same match. Null otherwise.</summary>
    internal Token? Owner;
    internal LinkSlot? Link;
    internal TrackedFact? NextLinked;

    protected TrackedFact()
    {
    }

    internal static int NewSessionId() => Interlocked.Increment(ref _lastSession);
}
