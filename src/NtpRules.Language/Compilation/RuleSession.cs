using NtpRules.Engine;

namespace NtpRules.Language.Compilation;

/// <summary>
/// One run of <see cref="CompiledRules"/> for an as-of date: insert subject records (built with <see cref="NewRecord"/>),
/// fire, read the outcomes with <see cref="Results"/>; update or retract records and fire again to re-derive.
/// Single-threaded, like the engine session under it.
/// </summary>
public sealed class RuleSession
{
    [ThreadStatic] private static SessionState? _current;

    private readonly Session _session;
    private readonly SessionState _state;
    private RuleSession? _baseline;

    internal RuleSession(CompiledRules rules, DateOnly asOf, bool explain)
    {
        Rules = rules;
        _state = new SessionState(rules, asOf, explain);
        _session = rules.Network.CreateSession();
        _session.Insert(new WholeDataSet());
    }

    /// <summary>The state of the session whose rules are firing on this thread (actions read it).</summary>
    internal static SessionState Current => _current ?? throw new InvalidOperationException("no rule session is firing on this thread");

    public CompiledRules Rules { get; }
    public DateOnly AsOf => _state.AsOf;
    public bool Explain => _state.Explain;
    /// <summary>The engine session, for events and queries.</summary>
    public Session Engine => _session;

    /// <summary>The baseline data <c>baseline(expr)</c> reads: another session, already fired.</summary>
    public RuleSession? Baseline
    {
        get => _baseline;
        set
        {
            _baseline = value;
            _state.Baseline = value?._state;
        }
    }

    /// <summary>A new, empty record of a subject kind of the catalogue.</summary>
    public Record NewRecord(string kind, string id) =>
        Rules.Schemas.TryGetValue(kind, out var schema) ? schema.NewRecord(id) : throw new ArgumentException($"unknown subject kind '{kind}'", nameof(kind));

    public void Insert(Record record) => InsertAll([record]);

    public void InsertAll(IEnumerable<Record> records)
    {
        var list = records as IReadOnlyList<Record> ?? records.ToList();
        foreach (var r in list) _state.Add(r);
        _session.InsertAll(list);
    }

    /// <summary>Call after changing a record's values or parent ids; <see cref="Fire"/> then re-derives what depends on it.</summary>
    public void Update(Record record)
    {
        _state.Reindex(record);
        _session.Update(record);
    }

    public void Retract(Record record)
    {
        _session.Retract(record);
        _state.Remove(record);
    }

    public Record? Find(string kind, string id) => _state.Find(kind, id);

    public IReadOnlyList<Record> Subjects(string kind) => _state.OfKind(kind);

    /// <summary>Fires the rules until nothing is left to do; returns the number of firings.</summary>
    public int Fire(CancellationToken cancellation = default)
    {
        var previous = _current;
        _current = _state;
        try
        {
            return _session.Fire(int.MaxValue, cancellation);
        }
        finally
        {
            _current = previous;
        }
    }

    /// <summary>A snapshot of every outcome, indexed by subject.</summary>
    public SessionResults Results() => new(_session);
}
