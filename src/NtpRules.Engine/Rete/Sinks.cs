namespace NtpRules.Engine.Rete;

/// <summary>A node receiving partial matches from its parent.</summary>
internal interface ITokenSink
{
    void Assert(Session session, Token token);

    void Modify(Session session, Token token);

    void Retract(Session session, Token token);
}

/// <summary>A node receiving facts from an alpha memory.</summary>
internal interface IFactSink
{
    void Assert(Session session, TrackedFact fact);

    void Modify(Session session, TrackedFact fact);

    void Retract(Session session, TrackedFact fact);
}
