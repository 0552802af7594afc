using NtpRules.Engine;
using NtpRules.Language.Compilation;
using NtpRules.Language.Compilation.Model;

namespace NtpRules.Language.Engines.NRules;

/// <summary>
/// The outcomes the rules of one NRules session gave, kept by subject: what the NRules translation reads in place
/// of joins, and what the session's results come from. An outcome replaces the one the same rule gave the same
/// subject under the same key; a subject's outcomes go with it.
/// </summary>
internal sealed class OutcomeStore
{
    private readonly Dictionary<Record, List<Entry>> _bySubject = new(ReferenceEqualityComparer.Instance);
    private readonly List<Entry> _whole = new();
    private readonly SessionState _state;

    public OutcomeStore(SessionState state) => _state = state;

    private readonly record struct Entry(ModelRule Rule, string Key, TrackedFact Fact);

    private List<Entry> Of(Record? subject)
    {
        if (subject is null) return _whole;
        if (!_bySubject.TryGetValue(subject, out var list)) _bySubject[subject] = list = new List<Entry>(8);
        return list;
    }

    /// <summary>Sets the outcome a rule gave a subject under a key; returns the one it replaces.</summary>
    public TrackedFact? Set(Record? subject, ModelRule rule, string key, TrackedFact fact)
    {
        var list = Of(subject);
        for (var i = 0; i < list.Count; i++)
            if (ReferenceEquals(list[i].Rule, rule) && list[i].Key == key)
            {
                var old = list[i].Fact;
                list[i] = new Entry(rule, key, fact);
                return old;
            }
        list.Add(new Entry(rule, key, fact));
        return null;
    }

    public void Remove(Record subject) => _bySubject.Remove(subject);

    /// <summary>The outcomes an input of a rule reads for a subject now.</summary>
    public IReadOnlyList<object> Read(OutcomeInput input, Record? subject)
    {
        var found = new List<object>();
        if (input.ChildKind is null) Add(found, input, subject);
        else
        {
            var children = subject is null || input.ParentKind is null ? _state.OfKind(input.ChildKind) : _state.ChildrenOf(subject, input.ChildKind);
            foreach (var child in children) Add(found, input, child);
        }
        return found;
    }

    private void Add(List<object> found, OutcomeInput input, Record? subject)
    {
        var list = subject is null ? _whole : _bySubject.GetValueOrDefault(subject);
        if (list is null) return;
        foreach (var e in list)
            if (input.FactType.IsInstanceOfType(e.Fact) && input.Filter(e.Fact)) found.Add(e.Fact);
    }

    /// <summary>Every outcome of type <typeparamref name="T"/>, subject by subject in the order they were first assessed.</summary>
    public IReadOnlyList<T> All<T>() where T : class
    {
        var all = new List<T>();
        foreach (var list in _bySubject.Values)
            foreach (var e in list)
                if (e.Fact is T t) all.Add(t);
        foreach (var e in _whole)
            if (e.Fact is T t) all.Add(t);
        return all;
    }
}
