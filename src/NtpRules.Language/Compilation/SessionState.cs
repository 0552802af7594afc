using System.Runtime.CompilerServices;
using NtpRules.Engine;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Compilation;

/// <summary>
/// What the actions of one session share: the as-of date, whether to explain, each rule set's parameters in force,
/// the records by kind and id, which records are the children of which, and the standards each subject meets
/// (a read cache of the <see cref="StandardOutcome"/> facts, for <c>met('…')</c> on child subjects).
/// Rules that read these also join the facts they come from, so the engine fires them again when they change.
/// </summary>
internal sealed class SessionState
{
    private readonly Dictionary<RuleSet, ParameterTable> _tables = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string Kind, string Id), Record> _records = new();
    private readonly Dictionary<(string ChildKind, string ParentKind, string ParentId), Children> _children = new();
    private readonly Dictionary<(string ChildKind, string ParentKind), CapacityHint> _childCapacity = new();
    private readonly Dictionary<string, List<Record>> _byKind = new();
    private readonly Dictionary<Record, (string, string, string)[]> _memberships = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Record, Dictionary<string, StandardOutcome>> _standards = new(ReferenceEqualityComparer.Instance);

    /// <summary>Read-only states (<see cref="ReadOnly"/>): a subject's standard's counts, and all its standards, asked as read; null otherwise.</summary>
    private readonly Func<Record, string, StandardCounts?>? _countsOf;
    private readonly Func<Record, IEnumerable<StandardOutcome>>? _standardsOf;
    /// <summary>Read-only states: the indexes by id and by parent are built on first use.</summary>
    private bool _unindexed;

    public SessionState(CompiledRules rules, DateOnly asOf, bool explain)
    {
        Rules = rules;
        AsOf = asOf;
        Explain = explain;
    }

    private SessionState(CompiledRules rules, DateOnly asOf, bool explain, Func<Record, string, StandardCounts?> countsOf,
        Func<Record, IEnumerable<StandardOutcome>> standardsOf) : this(rules, asOf, explain)
    {
        _countsOf = countsOf;
        _standardsOf = standardsOf;
        _unindexed = true;
    }

    /// <summary>
    /// A state for reading only, over records kept apart from their sessions (<see cref="WholeDataSetRollup"/>): the
    /// records by kind in the order given; a subject's standards from <paramref name="countsOf"/> (what <c>met(…)</c> and
    /// <c>criteria_met(…)</c> read) and <paramref name="standardsOf"/> (every outcome) when read, so that no outcome is
    /// held per record; the indexes by id and by parent, which few expressions need, built only when first asked. What
    /// a whole country's communes cost at the end of a run is then their list, not a session's indexes and outcomes.
    /// </summary>
    public static SessionState ReadOnly(CompiledRules rules, DateOnly asOf, bool explain, IEnumerable<Record> records,
        Func<Record, string, StandardCounts?> countsOf, Func<Record, IEnumerable<StandardOutcome>> standardsOf)
    {
        var state = new SessionState(rules, asOf, explain, countsOf, standardsOf);
        foreach (var record in records)
        {
            if (!state._byKind.TryGetValue(record.Schema.Name, out var all)) state._byKind[record.Schema.Name] = all = new List<Record>();
            all.Add(record);
        }
        return state;
    }

    private void EnsureIndexed()
    {
        if (!_unindexed) return;
        _unindexed = false;
        foreach (var (kind, records) in _byKind)
            foreach (var record in records)
            {
                _records[(kind, record.Id)] = record;
                Index(record);
            }
    }

    public CompiledRules Rules { get; }
    public DateOnly AsOf { get; }
    public bool Explain { get; }
    public SessionState? Baseline { get; set; }

    public ParameterTable Parameters(RuleSet? set)
    {
        if (set is null) return ParameterTable.Empty;
        if (ReferenceEquals(set, _lastSet)) return _lastTable!;
        if (!_tables.TryGetValue(set, out var table)) _tables[set] = table = new ParameterTable(set, AsOf);
        (_lastSet, _lastTable) = (set, table);
        return table;
    }

    private RuleSet? _lastSet;
    private ParameterTable? _lastTable;

    /// <summary>
    /// What an expression of <paramref name="set"/>'s rules sees for <paramref name="record"/> (a kind's record, or
    /// null for the whole data set). A context is an immutable view, and an indicator outcome keeps its own until its
    /// explanation is read: the subject's rules of one set share one (the last few hundred are remembered) instead of
    /// keeping one each.
    /// </summary>
    public RecordContext Context(RuleSet? set, string kind, Record? record)
    {
        var parameters = Parameters(set);
        if (record is null) return new RecordContext(this, parameters, kind, null);
        var slot = (RuntimeHelpers.GetHashCode(record) ^ RuntimeHelpers.GetHashCode(parameters) * 31) & (_contexts.Length - 1);
        var known = _contexts[slot];
        if (known is not null && ReferenceEquals(known.Record, record) && ReferenceEquals(known.Parameters, parameters) && known.Kind == kind)
            return known;
        return _contexts[slot] = new RecordContext(this, parameters, kind, record);
    }

    private readonly RecordContext?[] _contexts = new RecordContext?[256];

    public Record? Find(string kind, string id)
    {
        if (_unindexed) EnsureIndexed();
        return _records.GetValueOrDefault((kind, id));
    }

    public IReadOnlyList<Record> OfKind(string kind) => _byKind.TryGetValue(kind, out var list) ? list : [];

    public IReadOnlyList<Record> ChildrenOf(Record parent, string childKind)
    {
        if (_unindexed) EnsureIndexed();
        return _children.TryGetValue((childKind, parent.Schema.Name, parent.Id), out var list) ? list : [];
    }

    /// <summary>The records <paramref name="record"/> is a child, grandchild… of, nearest first.</summary>
    public IReadOnlyCollection<Record> Ancestors(Record record)
    {
        var found = new List<Record>();
        var queue = new Queue<Record>([record]);
        while (queue.Count > 0 && found.Count < 64)
        {
            var r = queue.Dequeue();
            var schema = Rules.Schemas[r.Schema.Name];
            foreach (var parent in schema.Parents)
                if (schema.ParentId(r, parent) is { } id && Find(parent, id) is { } p && !found.Contains(p))
                {
                    found.Add(p);
                    queue.Enqueue(p);
                }
        }
        return found;
    }

    /// <summary>Makes room for <paramref name="records"/>, so that the indexes do not grow step by step.</summary>
    public void Reserve(IReadOnlyList<Record> records)
    {
        _records.EnsureCapacity(_records.Count + records.Count);
        _memberships.EnsureCapacity(_memberships.Count + records.Count);
        // Records come grouped by kind: one lookup per run of a kind.
        for (var i = 0; i < records.Count;)
        {
            var kind = records[i].Schema.Name;
            var end = i + 1;
            while (end < records.Count && records[end].Schema.Name == kind) end++;
            if (!_byKind.TryGetValue(kind, out var all)) _byKind[kind] = all = new List<Record>(end - i);
            else all.EnsureCapacity(all.Count + end - i);
            i = end;
        }
    }

    /// <summary>The most children of one kind a parent of one kind has had: a new parent's list starts that large.</summary>
    private sealed class CapacityHint
    {
        public int Value = 4;
    }

    private sealed class Children(CapacityHint hint) : List<Record>(hint.Value)
    {
        public new void Add(Record record)
        {
            base.Add(record);
            if (Count > hint.Value) hint.Value = Count;
        }
    }

    /// <summary>Changes whenever a record is added, removed or reindexed: what was read of the records by kind or by parent is still so while it stays.</summary>
    public int RecordsVersion { get; private set; }

    public void Add(Record record)
    {
        ThrowIfReadOnly();
        RecordsVersion++;
        var kind = record.Schema.Name;
        _records[(kind, record.Id)] = record;
        if (!_byKind.TryGetValue(kind, out var all)) _byKind[kind] = all = new List<Record>();
        all.Add(record);
        Index(record);
    }

    /// <summary>Call after a record's parent ids may have changed.</summary>
    public void Reindex(Record record)
    {
        ThrowIfReadOnly();
        RecordsVersion++;
        Unindex(record);
        Index(record);
    }

    public void Remove(Record record)
    {
        ThrowIfReadOnly();
        RecordsVersion++;
        var kind = record.Schema.Name;
        _records.Remove((kind, record.Id));
        if (_byKind.TryGetValue(kind, out var all)) all.Remove(record);
        Unindex(record);
        _standards.Remove(record);
    }

    public void SetStandard(StandardOutcome outcome)
    {
        ThrowIfReadOnly();
        if (!_standards.TryGetValue(outcome.Subject, out var map)) _standards[outcome.Subject] = map = new Dictionary<string, StandardOutcome>();
        map[outcome.StandardId] = outcome;
    }

    public StandardOutcome? Standard(Record subject, string standardId)
    {
        if (_standardsOf is not null) return _standardsOf(subject).FirstOrDefault(s => s.StandardId == standardId);
        return _standards.TryGetValue(subject, out var map) ? map.GetValueOrDefault(standardId) : null;
    }

    /// <summary>The verdict and criteria counts of a subject's standard (what expressions read of it); null when not assessed.</summary>
    public StandardCounts? Counts(Record subject, string standardId)
    {
        if (_countsOf is not null) return _countsOf(subject, standardId);
        return _standards.TryGetValue(subject, out var map) && map.TryGetValue(standardId, out var s)
            ? new StandardCounts(s.Verdict, s.CriteriaMet, s.CriteriaUnknown, s.CriteriaTotal)
            : null;
    }

    /// <summary>Every standard assessed for the subject.</summary>
    public IEnumerable<StandardOutcome> Standards(Record subject) =>
        _standardsOf is not null ? _standardsOf(subject) : _standards.TryGetValue(subject, out var map) ? map.Values : [];

    private void ThrowIfReadOnly()
    {
        if (_countsOf is not null) throw new InvalidOperationException("this session state is for reading only");
    }

    private void Index(Record record)
    {
        var schema = Rules.Schemas[record.Schema.Name];
        var parents = schema.Parents;
        var count = 0;
        for (var i = 0; i < parents.Count; i++)
            if (schema.ParentId(record, parents[i]) is not null) count++;
        var keys = count == 0 ? [] : new (string, string, string)[count];
        count = 0;
        for (var i = 0; i < parents.Count; i++)
            if (parents[i] is var parent && schema.ParentId(record, parent) is { } pid)
            {
                var key = (schema.Kind, parent, pid);
                if (!_children.TryGetValue(key, out var list))
                {
                    if (!_childCapacity.TryGetValue((schema.Kind, parent), out var hint)) _childCapacity[(schema.Kind, parent)] = hint = new CapacityHint();
                    _children[key] = list = new Children(hint);
                }
                list.Add(record);
                keys[count++] = key;
            }
        _memberships[record] = keys;
    }

    private void Unindex(Record record)
    {
        if (!_memberships.Remove(record, out var keys)) return;
        foreach (var key in keys)
            if (_children.TryGetValue(key, out var list)) list.Remove(record);
    }
}

/// <summary>What expressions read of a subject's standard: its verdict and how many of its criteria are met, unknown, in all.</summary>
internal readonly record struct StandardCounts(Truth Verdict, int CriteriaMet, int CriteriaUnknown, int CriteriaTotal);
