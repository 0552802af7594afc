using NtpRules.Engine;

namespace NtpRules.Language.Engines;

/// <summary>One engine's session under a <see cref="Compilation.RuleSession"/>: facts in, rules fired, outcomes out.</summary>
internal interface IEngineSession
{
    RuleEngineKind Kind { get; }
    void InsertAll(IReadOnlyList<Record> records);
    /// <summary>A record's values or parent ids changed; <paramref name="ancestors"/> are the records whose rules read it.</summary>
    void Update(Record record, IReadOnlyCollection<Record> ancestors);
    void Retract(Record record, IReadOnlyCollection<Record> ancestors);
    int Fire(CancellationToken cancellation);
    /// <summary>Every outcome of type <typeparamref name="T"/> the rules hold now.</summary>
    IReadOnlyList<T> Outcomes<T>() where T : class;
}
