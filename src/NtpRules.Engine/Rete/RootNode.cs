namespace NtpRules.Engine.Rete;

/// <summary>The parent of rules that start with <c>not</c>, <c>exists</c>, an aggregate or a test: each session
/// asserts one empty token through it.</summary>
internal sealed class RootNode(int id) : BetaNode(id)
{
    public void Start(Session session)
    {
        if (Sinks.Length > 0) EmitAssert(session, null, null, binding: false);
    }
}
