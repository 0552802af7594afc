using Microsoft.Extensions.Logging;
using NRules;
using NRules.Diagnostics;
using NRules.RuleModel;
using NtpRules.Engine;
using RuleExecutionException = NRules.RuleExecutionException;
using NtpRules.Language.Compilation;
using NtpRules.Language.Compilation.Model;

namespace NtpRules.Language.Engines.NRules;

/// <summary>A session of <see cref="NRulesEngine"/>'s factory, with the outcome store its rules read and write.</summary>
internal sealed class NRulesEngineSession : IEngineSession
{
    [ThreadStatic] private static NRulesEngineSession? _firing;

    private readonly ISession _session;
    private readonly OutcomeStore _store;
    private readonly NRulesFiring _firingContext;
    private readonly WholeDataSet _all = new();
    private bool _allGiven;
    private readonly List<Record> _pending = new();
    private readonly IReadOnlyDictionary<RecordSchema, int> _kindOrder;
    /// <summary>Records given to NRules between two firings (8 to 256 measured alike).</summary>
    private const int Batch = 32;
    private readonly List<Record> _batch = new(Batch);
    private readonly IReadOnlyCollection<Type> _published;
    private readonly bool _hasCSharpRules;
    private readonly ILogger? _firedLog;
    private (string Rule, string Source, string Subject)? _lastFailure;
    private CancellationToken _cancellation;
    /// <summary>Activations of the model's NRules rules, and model rules they ran, so far (see <see cref="Fire"/>).</summary>
    private int _runsFired, _rulesRun;

    /// <summary>Whether outcomes of a type go to NRules as facts: only those a C# rule matches (usually none).</summary>
    private bool Publishes(Type outcome)
    {
        if (_published.Count == 0) return false;
        foreach (var p in _published)
            if (p.IsAssignableFrom(outcome)) return true;
        return false;
    }

    public NRulesEngineSession(NRulesRules rules, SessionState state, ILogger? log)
    {
        _session = rules.Factory.CreateSession();
        _store = new OutcomeStore(state);
        _firingContext = new NRulesFiring(this);
        _published = rules.Published;
        _hasCSharpRules = rules.HasCSharpRules;
        if (log is not null) NRulesLog.Attach(_session.Events, log);
        _firedLog = log is not null && log.IsEnabled(LogLevel.Debug) ? log : null;
        // Remembers which rule failed on which subject, for rules that are not the model's own (C# rules).
        _session.Events.RhsExpressionFailedEvent += (_, e) =>
            _lastFailure = (e.Match.Rule.Name, NRulesLog.SourceOf(e.Match.Rule), NRulesLog.SubjectOf(e.Match.Facts.Select(f => f.Value)));
        _kindOrder = rules.KindOrder;
    }

    /// <summary>The NRules session, holding every record inserted so far.</summary>
    public ISession Native
    {
        get
        {
            Give(null);
            return _session;
        }
    }

    public RuleEngineKind Kind => RuleEngineKind.NRules;

    /// <summary>Records inserted are given to NRules when the session fires (see <see cref="Give"/>) or is changed.</summary>
    public void InsertAll(IReadOnlyList<Record> records)
    {
        _pending.AddRange(records);
        _store.Reserve(records.Count);
    }

    /// <summary>
    /// Gives NRules the records inserted since last time, then the whole data set if not yet given. When firing, and
    /// with no C# rules, the records go in kind by kind in the order the kinds' rules fire (<see cref="ModelRule.Order"/>),
    /// <see cref="Batch"/> at a time, firing after each batch: the agenda then holds one batch's activations rather than
    /// every subject's (a priority queue of a whole province's activations took a third of the firing time). Each
    /// subject's rules still fire in the same order, and read only the subject and its children, which fired before;
    /// the whole data set's rules, which read everything, fire once every record is in. C# rules may read anything,
    /// so with them every record goes in at once.
    /// </summary>
    private int Give(CancellationToken? firing)
    {
        var fired = 0;
        if (_pending.Count > 0)
        {
            if (firing is { } cancellation && !_hasCSharpRules)
            {
                SortByKindOrder(_pending);
                var given = 0;
                try
                {
                    for (; given < _pending.Count; given += Batch)
                    {
                        _batch.Clear();
                        for (var i = given; i < Math.Min(given + Batch, _pending.Count); i++) _batch.Add(_pending[i]);
                        _session.InsertAll(_batch);
                        fired += _session.Fire(cancellation);
                    }
                }
                finally
                {
                    _batch.Clear();
                    // After a failed firing, what was not given yet stays for next time.
                    _pending.RemoveRange(0, Math.Min(given + Batch, _pending.Count));
                }
            }
            else
            {
                _session.InsertAll(_pending);
                _pending.Clear();
            }
        }
        if (!_allGiven)
        {
            _session.Insert(_all);
            _allGiven = true;
        }
        return fired;
    }

    /// <summary>
    /// Sorts <paramref name="records"/> by the order their kinds' rules first fire, keeping data order within a kind
    /// (a stable sort); records are usually of one kind, or already in that order, and then nothing moves.
    /// </summary>
    private void SortByKindOrder(List<Record> records)
    {
        var previous = int.MinValue;
        var sorted = true;
        foreach (var r in records)
        {
            var order = _kindOrder.GetValueOrDefault(r.Schema, -1);
            if (order < previous)
            {
                sorted = false;
                break;
            }
            previous = order;
        }
        if (sorted) return;
        // A few kinds: one pass per kind, in order.
        var orders = records.Select(r => _kindOrder.GetValueOrDefault(r.Schema, -1)).Distinct().Order().ToArray();
        var all = records.ToArray();
        records.Clear();
        foreach (var order in orders)
            foreach (var r in all)
                if (_kindOrder.GetValueOrDefault(r.Schema, -1) == order) records.Add(r);
    }

    public void Update(Record record, IReadOnlyCollection<Record> ancestors)
    {
        Give(null);
        // Rules about a parent read its children through the index, not a join: update the parents so they fire again.
        _session.Update(record);
        if (ancestors.Count > 0) _session.UpdateAll(ancestors);
        _session.Update(_all);
    }

    public void Retract(Record record, IReadOnlyCollection<Record> ancestors)
    {
        Give(null);
        _session.Retract(record);
        _store.Remove(record);
        if (ancestors.Count > 0) _session.UpdateAll(ancestors);
        _session.Update(_all);
    }

    public int Fire(CancellationToken cancellation)
    {
        var previous = _firing;
        _firing = this;
        _cancellation = cancellation;
        var (runs, rules) = (_runsFired, _rulesRun);
        try
        {
            var fired = Give(cancellation);
            fired += _session.Fire(cancellation);
            // Firings of model rules, as one NRules rule per model rule would count them, and of C# rules.
            return fired - (_runsFired - runs) + (_rulesRun - rules);
        }
        catch (RuleExecutionException e) when (RuleFailedException.Find(e) is { } failed)
        {
            throw failed;
        }
        catch (RuleExecutionException e) when (_lastFailure is { } f)
        {
            throw new RuleFailedException(f.Rule, f.Source, f.Subject, e.InnerException ?? e);
        }
        finally
        {
            _firing = previous;
        }
    }

    public IReadOnlyList<T> Outcomes<T>() where T : class =>
        typeof(T) == typeof(AdditionalOutcome) ? _session.Query<T>().ToList() : _store.All<T>();

    /// <summary>
    /// The action of every translated rule: runs the run's model rules, in order, for the subject matched; from the
    /// start again when one changes the subject in a way a rule of the run that already ran reads, and no further when
    /// the change updated the record in NRules (which fires the subject's rules again).
    /// </summary>
    internal static void Run(RuleRun run, IContext context, object subject)
    {
        var session = _firing ?? throw new InvalidOperationException("no NRules session is firing on this thread");
        var firing = session._firingContext;
        var record = subject as Record;
        session._runsFired++;
        var rules = run.Rules;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            firing.Bind(rule, run.RefireOnChange[i], context, record);
            RuleFailedException.Run(rule, firing);
            session._rulesRun++;
            if (session._firedLog is { } log) NRulesLog.Fired(log, rule, record);
            switch (firing.TakeRefire())
            {
                case Refire.Run:
                    session._cancellation.ThrowIfCancellationRequested();
                    i = -1;
                    break;
                case Refire.UpdateRecord:
                    context.Update(record!);
                    return;
            }
        }
    }

    private sealed class NRulesFiring(NRulesEngineSession session) : RuleFiring
    {
        private ModelRule _rule = null!;
        private Refire _onChange, _refire;
        private IContext _context = null!;
        private Record? _subject;

        public void Bind(ModelRule rule, Refire onChange, IContext context, Record? subject)
        {
            _rule = rule;
            _onChange = onChange;
            _refire = Refire.None;
            _context = context;
            _subject = subject;
        }

        /// <summary>What the rule's changes to its subject fire again (see <see cref="Changed"/>).</summary>
        public Refire TakeRefire()
        {
            var refire = _refire;
            _refire = Refire.None;
            return refire;
        }

        public override Record? Subject => _subject;

        // One list per input index, refilled on every read: actions read their inputs during the firing only.
        private List<object>[] _inputs = [];

        public override IReadOnlyList<object> Input(int index)
        {
            if (index >= _inputs.Length)
            {
                var grown = new List<object>[index + 1];
                _inputs.CopyTo(grown, 0);
                _inputs = grown;
            }
            var found = _inputs[index] ??= new List<object>();
            session._store.Read(_rule.Outcomes[index], _subject, found);
            return found;
        }

        public override void Emit(string key, TrackedFact outcome)
        {
            var replaced = session._store.Set(_subject, _rule, key, outcome);
            if (!session.Publishes(outcome.GetType())) return;
            // Published outcomes are linked to this activation: NRules retracts them with it.
            if (replaced is not null && _context.GetLinked(key) is { } old) _context.RetractLinked(key, old);
            _context.InsertLinked(key, outcome);
        }

        // The subject's rules that have not run yet read the new values anyway; C# rules may match on any value. A rule
        // of a run has the run fire again once its action is over (see Run).
        public override void Changed(Record record)
        {
            if (session._hasCSharpRules) _context.Update(record);
            else if (!ReferenceEquals(record, _subject))
            {
                if (_rule.ChangeNeedsRefire) _context.Update(record);
            }
            else if (_onChange > _refire) _refire = _onChange;
        }
    }
}
