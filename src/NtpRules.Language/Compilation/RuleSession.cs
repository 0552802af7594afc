using NtpRules.Engine;
using NtpRules.Language.Engines;

namespace NtpRules.Language.Compilation;

/// <summary>
/// One run of <see cref="CompiledRules"/> for an as-of date on one engine: insert subject records (built with
/// <see cref="NewRecord"/>), fire, read the outcomes with <see cref="Results"/>; update or retract records and fire
/// again to re-derive. Single-threaded, like the engine session under it.
/// </summary>
public sealed class RuleSession
{
    [ThreadStatic] private static SessionState? _current;

    private readonly IEngineSession _engine;
    private readonly SessionState _state;
    private RuleSession? _baseline;

    internal RuleSession(CompiledRules rules, DateOnly asOf, bool explain, Func<SessionState, IEngineSession> engine)
    {
        Rules = rules;
        _state = new SessionState(rules, asOf, explain);
        _engine = engine(_state);
    }

    /// <summary>The state of the session whose rules are firing on this thread (actions read it).</summary>
    internal static SessionState Current => _current ?? throw new InvalidOperationException("no rule session is firing on this thread");

    /// <summary>Runs actions outside an engine (<see cref="WholeDataSetRollup"/>) as if <paramref name="state"/>'s session were firing.</summary>
    internal static void FireAs(SessionState state, Action fire)
    {
        var previous = _current;
        _current = state;
        try
        {
            fire();
        }
        finally
        {
            _current = previous;
        }
    }

    internal SessionState State => _state;

    public CompiledRules Rules { get; }
    public DateOnly AsOf => _state.AsOf;
    public bool Explain => _state.Explain;
    /// <summary>The engine the session runs on.</summary>
    public RuleEngineKind EngineKind => _engine.Kind;
    /// <summary>The ntp engine's session, for its events; null on NRules.</summary>
    public Session? NtpSession => (_engine as Engines.Ntp.NtpEngineSession)?.Native;
    /// <summary>The NRules session, for its events and queries; null on ntp.</summary>
    public NRules.ISession? NRulesSession => (_engine as Engines.NRules.NRulesEngineSession)?.Native;

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
        _state.Reserve(list);
        foreach (var r in list) _state.Add(r);
        _engine.InsertAll(list);
    }

    /// <summary>Call after changing a record's values or parent ids; <see cref="Fire"/> then re-derives what depends on it.</summary>
    public void Update(Record record)
    {
        var before = _state.Ancestors(record);
        _state.Reindex(record);
        _engine.Update(record, before.Union(_state.Ancestors(record)).ToArray());
    }

    public void Retract(Record record)
    {
        var ancestors = _state.Ancestors(record);
        _engine.Retract(record, ancestors);
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
            return _engine.Fire(cancellation);
        }
        finally
        {
            _current = previous;
        }
    }

    /// <summary>Every outcome of a type the rules hold now (<see cref="IndicatorOutcome"/>, <see cref="StandardOutcome"/>, …).</summary>
    public IReadOnlyList<T> Outcomes<T>() where T : class => _engine.Outcomes<T>();

    /// <summary>A snapshot of every outcome, indexed by subject.</summary>
    public SessionResults Results() => new(this);
}
