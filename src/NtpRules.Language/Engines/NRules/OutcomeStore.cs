using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NtpRules.Engine;
using NtpRules.Language.Compilation;
using NtpRules.Language.Compilation.Model;

namespace NtpRules.Language.Engines.NRules;

/// <summary>
/// The outcomes the rules of one NRules session gave, kept by subject: what the NRules translation reads in place
/// of joins, and what the session's results come from. An outcome replaces the one the same rule gave the same
/// subject under the same key; a subject's outcomes go with it.
/// </summary>
/// <remarks>
/// A session sets a few hundred thousand outcomes and reads each subject's many times, so reads allocate nothing
/// (they fill a list the caller passes), outcome types are compared exactly when they are sealed (by reference: a
/// runtime type is one object, and <c>==</c> on types is a call), a subject's list starts as large as the largest one
/// of its kind so far, and <see cref="All{T}"/> sizes its list from a count per type.
/// </remarks>
internal sealed class OutcomeStore
{
    private readonly Dictionary<Record, Entries> _bySubject = new(ReferenceEqualityComparer.Instance);
    private readonly Entries _whole = new(8);
    private readonly Dictionary<RecordSchema, int> _capacity = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Type, int> _countByType = new();
    private readonly SessionState _state;

    public OutcomeStore(SessionState state) => _state = state;

    // The fact's type is kept beside it: scans by type then touch only the entries, not every outcome object.
    // Switch caches what the switch selector of the first switch input read for this type gave (Unset until then):
    // a subject's criterion rules each scan all its indicator outcomes, so the selector runs once per outcome, not
    // once per outcome and criterion. Outcomes do not change once emitted (a change emits a new one), so it stays true.
    private record struct Entry(ModelRule Rule, string Key, TrackedFact Fact, Type Type)
    {
        public object? Switch = Unset;
    }

    private static readonly object Unset = new();

    // The switch key whose value entries cache, per exact outcome type: the first one an input reads.
    private readonly Dictionary<Type, string> _switchKeyByType = new();

    /// <summary>A subject's outcomes, with the latest <see cref="ModelRule.Order"/> among their rules.</summary>
    private sealed class Entries(int capacity) : List<Entry>(capacity)
    {
        public int LastOrder = -1;
    }

    // A subject's rules run one after the other: most outcomes are set on the subject of the one before.
    private Record? _lastSubject;
    private Entries? _lastEntries;

    private Entries Of(Record? subject)
    {
        if (subject is null) return _whole;
        if (ReferenceEquals(subject, _lastSubject)) return _lastEntries!;
        if (!_bySubject.TryGetValue(subject, out var list))
            _bySubject[subject] = list = new Entries(_capacity.GetValueOrDefault(subject.Schema, 8));
        (_lastSubject, _lastEntries) = (subject, list);
        return list;
    }

    /// <summary>Sets the outcome a rule gave a subject under a key; returns the one it replaces.</summary>
    public TrackedFact? Set(Record? subject, ModelRule rule, string key, TrackedFact fact)
    {
        var list = Of(subject);
        // Rules first fire in Order: a rule later than every rule with an outcome here has none to replace.
        for (var i = rule.Order > list.LastOrder ? list.Count : 0; i < list.Count; i++)
        {
            var e = list[i];
            if (ReferenceEquals(e.Rule, rule) && e.Key == key)
            {
                list[i] = new Entry(rule, key, fact, fact.GetType());
                Count(e.Type, -1);
                Count(list[i].Type, 1);
                return e.Fact;
            }
        }
        if (subject is not null && list.Count == list.Capacity && list.Count >= _capacity.GetValueOrDefault(subject.Schema))
            _capacity[subject.Schema] = list.Count + 1;
        var type = fact.GetType();
        list.Add(new Entry(rule, key, fact, type));
        list.LastOrder = Math.Max(list.LastOrder, rule.Order);
        Count(type, 1);
        return null;
    }

    private void Count(Type type, int delta)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_countByType, type, out _);
        count += delta;
    }

    /// <summary>Makes room for the outcomes of <paramref name="subjects"/> more subjects.</summary>
    public void Reserve(int subjects) => _bySubject.EnsureCapacity(_bySubject.Count + subjects);

    public void Remove(Record subject)
    {
        if (ReferenceEquals(subject, _lastSubject)) (_lastSubject, _lastEntries) = (null, null);
        if (!_bySubject.Remove(subject, out var list)) return;
        foreach (var e in list) Count(e.Type, -1);
    }

    /// <summary>Fills <paramref name="found"/> with the outcomes an input of a rule reads for a subject now.</summary>
    public void Read(OutcomeInput input, Record? subject, List<object> found)
    {
        found.Clear();
        if (input.ChildKind is null) Add(found, input, subject);
        else
        {
            var children = subject is null || input.ParentKind is null ? _state.OfKind(input.ChildKind) : _state.ChildrenOf(subject, input.ChildKind);
            for (var i = 0; i < children.Count; i++) Add(found, input, children[i]);
        }
    }

    private void Add(List<object> found, OutcomeInput input, Record? subject)
    {
        var list = subject is null ? _whole : ReferenceEquals(subject, _lastSubject) ? _lastEntries : _bySubject.GetValueOrDefault(subject);
        if (list is null) return;
        var type = input.FactType;
        var exact = input.ExactType;
        if (exact && input.SwitchKey is { } key && CachesSwitch(type, key))
        {
            AddBySwitch(found, input, list);
            return;
        }
        var filter = input.Filter;
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            if ((exact ? ReferenceEquals(e.Type, type) : type.IsAssignableFrom(e.Type)) && filter(e.Fact)) found.Add(e.Fact);
        }
    }

    private bool CachesSwitch(Type type, string key)
    {
        ref var cached = ref CollectionsMarshal.GetValueRefOrAddDefault(_switchKeyByType, type, out _);
        cached ??= key;
        return cached == key;
    }

    private static void AddBySwitch(List<object> found, OutcomeInput input, List<Entry> list)
    {
        var (type, selector, value) = (input.FactType, input.SwitchSelector!, input.SwitchValue);
        var entries = CollectionsMarshal.AsSpan(list);
        for (var i = 0; i < entries.Length; i++)
        {
            ref var e = ref entries[i];
            if (!ReferenceEquals(e.Type, type)) continue;
            if (ReferenceEquals(e.Switch, Unset)) e.Switch = selector(e.Fact);
            if (Equals(e.Switch, value)) found.Add(e.Fact);
        }
    }

    /// <summary>Every outcome of type <typeparamref name="T"/>, subject by subject in the order they were first assessed.</summary>
    public IReadOnlyList<T> All<T>() where T : class
    {
        var all = new List<T>(CountOf(typeof(T)));
        foreach (var list in _bySubject.Values) AddAll(all, list);
        AddAll(all, _whole);
        return all;
    }

    /// <summary>How many outcomes are of <paramref name="type"/> (a few types: each one's count is kept).</summary>
    private int CountOf(Type type)
    {
        if (type.IsSealed) return _countByType.GetValueOrDefault(type);
        var count = 0;
        foreach (var (t, n) in _countByType)
            if (type.IsAssignableFrom(t)) count += n;
        return count;
    }

    private static void AddAll<T>(List<T> all, List<Entry> list) where T : class
    {
        var type = typeof(T);
        if (type.IsSealed)
        {
            // The exact type is checked: no cast through the shared generic code's type lookup.
            foreach (var e in list)
                if (ReferenceEquals(e.Type, type)) all.Add(Unsafe.As<T>(e.Fact));
        }
        else
            foreach (var e in list)
                if (e.Fact is T t) all.Add(t);
    }
}
