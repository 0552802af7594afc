namespace NtpRules.Engine.Rete;

/// <summary>
/// The facts passing one chain of alpha conditions. Membership is recorded on each <see cref="TrackedFact"/>, not
/// here; the beta nodes fed by the memory index what they need.
/// </summary>
internal sealed class AlphaMemory
{
    public readonly int Id;
    public readonly List<IFactSink> SinkList = [];
    public IFactSink[] Sinks = [];

    /// <summary>This memory alone, shared by the handles of every fact that reaches only it.</summary>
    public readonly AlphaMemory[] Alone;

    public AlphaMemory(int id)
    {
        Id = id;
        Alone = [this];
    }

    public void Freeze() => Sinks = [.. SinkList];
}
