using NtpRules.Engine;
using NtpRules.Language.Compilation.Model;
using NtpRules.Language.Engines;

namespace NtpRules.Language.Compilation;

/// <summary>
/// The rules about the whole data set (targets with <c>scope: all</c>) of a run assessed in partitions. Each fired
/// partition session hands over what those rules read, and nothing more: the records of the kinds they count (communes
/// and districts, with their derived values) and those records' verdicts on the standards they ask about, without
/// reasons. <see cref="Evaluate"/> then runs the rules' own actions once over everything kept, in data order, as the
/// single session over the whole data set would have: the same expressions, the same values, the same order of
/// summing, so the same outcomes on either engine. Thread-safe for <see cref="Add"/>.
/// </summary>
public sealed class WholeDataSetRollup
{
    private readonly CompiledRules _rules;
    private readonly DateOnly _asOf;
    private readonly bool _explain;
    private readonly ModelRule[] _wholeRules;
    private readonly string[] _kinds;
    private readonly OutcomeInput[] _standardsRead;
    private readonly List<Kept> _kept = new();
    private readonly Lock _gate = new();

    private readonly record struct Kept(long Order, Record Record, StandardOutcome[] Standards);

    private WholeDataSetRollup(CompiledRules rules, DateOnly asOf, bool explain, ModelRule[] wholeRules, string[] kinds, OutcomeInput[] standardsRead)
    {
        _rules = rules;
        _asOf = asOf;
        _explain = explain;
        _wholeRules = wholeRules;
        _kinds = kinds;
        _standardsRead = standardsRead;
    }

    /// <summary>The roll-up of a run of <paramref name="rules"/> on <paramref name="asOf"/>.</summary>
    public static WholeDataSetRollup For(CompiledRules rules, DateOnly asOf, bool explain)
    {
        var whole = rules.Model.Rules.Where(r => r.Subject is null).OrderBy(r => r.Order).ToArray();
        var kinds = whole.SelectMany(r => r.Children).Select(c => c.ChildKind)
            .Concat(whole.SelectMany(r => r.Outcomes).Select(o => o.ChildKind).OfType<string>())
            .Where(rules.Schemas.ContainsKey).Distinct().ToArray();
        var standards = whole.SelectMany(r => r.Outcomes).Where(o => o.FactType == typeof(StandardOutcome)).ToArray();
        return new WholeDataSetRollup(rules, asOf, explain, whole, kinds, standards);
    }

    /// <summary>
    /// The roll-up of the baseline data that <c>baseline(…)</c> in these rules reads: the baseline's own rules and
    /// date, keeping what this roll-up's rules read.
    /// </summary>
    public WholeDataSetRollup ForBaseline(CompiledRules baselineRules, DateOnly baselineAsOf) =>
        new(baselineRules, baselineAsOf, false, _wholeRules, _kinds, _standardsRead);

    /// <summary>Whether the rules have any rule about the whole data set (if not, nothing is kept).</summary>
    public bool HasRules => _wholeRules.Length > 0;

    /// <summary>
    /// Keeps what the whole-data-set rules read of a fired partition session. <paramref name="order"/> gives each
    /// record's position in the data as read, the order the single session would have held them in.
    /// </summary>
    public void Add(RuleSession session, Func<Record, long> order)
    {
        if (!HasRules) return;
        var state = session.State;
        var kept = new List<Kept>();
        foreach (var kind in _kinds)
            foreach (var record in session.Subjects(kind))
            {
                var standards = state.Standards(record).Where(Read)
                    .Select(o => new StandardOutcome(record, o.RuleSetId, o.StandardId, o.Verdict, o.CriteriaMet, o.CriteriaTotal, [], ""))
                    .ToArray();
                kept.Add(new Kept(order(record), record, standards));
            }
        lock (_gate) _kept.AddRange(kept);
    }

    private bool Read(StandardOutcome outcome)
    {
        foreach (var input in _standardsRead)
            if (input.Filter(outcome)) return true;
        return false;
    }

    /// <summary>
    /// Runs every whole-data-set rule once over the records kept (and <paramref name="baseline"/>'s for
    /// <c>baseline(…)</c>); returns their outcomes (targets with no subject).
    /// </summary>
    public IReadOnlyList<TargetOutcome> Evaluate(WholeDataSetRollup? baseline = null)
    {
        if (!HasRules) return [];
        var state = State();
        state.Baseline = baseline?.State();
        var firing = new Firing(state);
        RuleSession.FireAs(state, () =>
        {
            foreach (var rule in _wholeRules)
            {
                firing.Rule = rule;
                RuleFailedException.Run(rule, firing);
            }
        });
        return firing.Emitted.OfType<TargetOutcome>().ToList();
    }

    /// <summary>A session state holding the records kept, in data order, with their standards.</summary>
    private SessionState State()
    {
        var state = new SessionState(_rules, _asOf, _explain);
        Kept[] kept;
        lock (_gate) kept = _kept.OrderBy(k => k.Order).ToArray();
        foreach (var k in kept)
        {
            state.Add(k.Record);
            foreach (var s in k.Standards) state.SetStandard(s);
        }
        return state;
    }

    /// <summary>A firing about the whole data set: inputs read from the state's standards, outcomes collected.</summary>
    private sealed class Firing(SessionState state) : RuleFiring
    {
        public ModelRule Rule { get; set; } = null!;
        public List<TrackedFact> Emitted { get; } = new();

        public override Record? Subject => null;

        public override IReadOnlyList<object> Input(int index)
        {
            var input = Rule.Outcomes[index];
            if (input.FactType != typeof(StandardOutcome) || input.ChildKind is null)
                throw new NotSupportedException($"a rule about the whole data set reads only the standards of the records it counts ({input.Description})");
            return state.OfKind(input.ChildKind).SelectMany(state.Standards).Where(o => input.Filter(o)).Cast<object>().ToList();
        }

        public override void Emit(string key, TrackedFact outcome) => Emitted.Add(outcome);

        public override void Changed(Record record) =>
            throw new NotSupportedException("a rule about the whole data set cannot change a record");
    }
}
