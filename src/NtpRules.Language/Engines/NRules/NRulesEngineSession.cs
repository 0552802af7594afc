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
    private readonly Func<Type, bool> _publishes;
    private (string Rule, string Source, string Subject)? _lastFailure;

    public NRulesEngineSession(NRulesRules rules, SessionState state, ILogger? log)
    {
        _session = rules.Factory.CreateSession();
        _store = new OutcomeStore(state);
        _firingContext = new NRulesFiring(this);
        var published = rules.Published;
        _publishes = published.Count == 0 ? _ => false : t => published.Any(p => p.IsAssignableFrom(t));
        if (log is not null) NRulesLog.Attach(_session.Events, log);
        // Remembers which rule failed on which subject, for rules that are not the model's own (C# rules).
        _session.Events.RhsExpressionFailedEvent += (_, e) =>
            _lastFailure = (e.Match.Rule.Name, NRulesLog.SourceOf(e.Match.Rule), NRulesLog.SubjectOf(e.Match.Facts.Select(f => f.Value)));
        _session.Insert(_all);
    }

    public ISession Native => _session;
    public RuleEngineKind Kind => RuleEngineKind.NRules;

    public void InsertAll(IReadOnlyList<Record> records) => _session.InsertAll(records);

    public void Update(Record record, IReadOnlyCollection<Record> ancestors)
    {
        // Rules about a parent read its children through the index, not a join: update the parents so they fire again.
        _session.Update(record);
        if (ancestors.Count > 0) _session.UpdateAll(ancestors);
        _session.Update(_all);
    }

    public void Retract(Record record, IReadOnlyCollection<Record> ancestors)
    {
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
            return _session.Fire(cancellation);
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

        public override IReadOnlyList<object> Input(int index) => session._store.Read(_rule.Outcomes[index], _subject);

        public override void Emit(string key, TrackedFact outcome)
        {
            var replaced = session._store.Set(_subject, _rule, key, outcome);
            if (!session._publishes(outcome.GetType())) return;
            // Published outcomes are linked to this activation: NRules retracts them with it.
            if (replaced is not null && _context.GetLinked(key) is { } old) _context.RetractLinked(key, old);
            _context.InsertLinked(key, outcome);
        }

        public override void Changed(Record record) => _context.Update(record);
    }
}
