using NtpRules.Assessment.Results;

namespace NtpRules.Assessment;

/// <summary>
/// Where a run's subjects go as they are assessed (report writers, the decision log), so that no report is held
/// whole. Called on the thread that started the run: <see cref="Begin"/> once, then the subjects in report order,
/// each province's followed by <see cref="ProvinceDone"/>.
/// </summary>
public interface ISubjectSink
{
    void Begin(RunInfo run);

    void Add(SubjectResult subject);

    /// <summary>
    /// Every subject of one province (or of the records that lead to no province) has been added;
    /// <paramref name="rollups"/> holds at least the roll-ups of the scopes among them, final.
    /// </summary>
    void ProvinceDone(IReadOnlyList<Rollup> rollups);
}

/// <summary>Keeps every subject: the report of a run, whole.</summary>
internal sealed class SubjectList : ISubjectSink
{
    public List<SubjectResult> Subjects { get; } = new();
    public void Begin(RunInfo run) { }
    public void Add(SubjectResult subject) => Subjects.Add(subject);
    public void ProvinceDone(IReadOnlyList<Rollup> rollups) { }
}
