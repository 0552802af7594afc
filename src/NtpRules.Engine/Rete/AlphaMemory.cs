namespace NtpRules.Engine.Rete;

/// <summary>
/// The facts passing one chain of alpha conditions. Membership is recorded on each <see cref="FactHandle"/>, not
/// here; the beta nodes fed by the memory index what they need.
/// </summary>
internal sealed class AlphaMemory(int id)
{
    public readonly int Id = id;
    public readonly List<IFactSink> SinkList = [];
    public IFactSink[] Sinks = [];

    public void Freeze() => Sinks = [.. SinkList];
}
