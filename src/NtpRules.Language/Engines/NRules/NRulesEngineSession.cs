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
    /// <summary>Records given to NRules between two firings (about 20 activations each for a household; 8 to 256 measured alike).</summary>
    private const int Batch = 32;
    private readonly IReadOnlyCollection<Type> _published;
    private readonly bool _hasCSharpRules;
    private (string Rule, string Source, string Subject)? _lastFailure;

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
                var ordered = _pending.OrderBy(r => _kindOrder.GetValueOrDefault(r.Schema, -1)).ToArray();
                var given = 0;
                try
                {
                    var batch = new List<Record>(Batch);
                    for (; given < ordered.Length; given += Batch)
                    {
                        batch.Clear();
                        for (var i = given; i < Math.Min(given + Batch, ordered.Length); i++) batch.Add(ordered[i]);
                        _session.InsertAll(batch);
                        fired += _session.Fire(cancellation);
                    }
                }
                finally
                {
                    _pending.Clear();
                    // After a failed firing, what was not given yet stays for next time.
                    if (given < ordered.Length) _pending.AddRange(ordered.Skip(Math.Min(given + Batch, ordered.Length)));
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
        try
        {
            var fired = Give(cancellation);
            return fired + _session.Fire(cancellation);
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

    /// <summary>The action of every translated rule: runs the model rule's action for the subject matched.</summary>
    internal static void Run(ModelRule rule, IContext context, object subject)
    {
        var session = _firing ?? throw new InvalidOperationException("no NRules session is firing on this thread");
        var firing = session._firingContext;
        firing.Bind(rule, context, subject as Record);
        RuleFailedException.Run(rule, firing);
    }

    private sealed class NRulesFiring(NRulesEngineSession session) : RuleFiring
    {
        private ModelRule _rule = null!;
        private IContext _context = null!;
        private Record? _subject;

        public void Bind(ModelRule rule, IContext context, Record? subject)
        {
            _rule = rule;
            _context = context;
            _subject = subject;
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

        // The subject's rules that have not fired yet read the new values anyway; C# rules may match on any value.
        public override void Changed(Record record)
        {
            if (_rule.ChangeNeedsRefire || session._hasCSharpRules) _context.Update(record);
        }
    }
}
