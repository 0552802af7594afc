using NtpRules.Engine;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Binding;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Compilation.Model;
using NtpRules.Language.Engines;

namespace NtpRules.Language.Compilation;

/// <summary>
/// The rules about the whole data set (targets with <c>scope: all</c>) of a run assessed in partitions. Each fired
/// partition session hands over what those rules read, and nothing more: the records of the kinds they count (communes
/// and districts), each narrowed to the slots the rules' expressions read (with its parent ids), and those records'
/// verdicts on the standards they ask about, without reasons. A country's communes are kept this way, so a kept
/// commune is a few hundred bytes, not its full record. <see cref="Evaluate"/> then runs the rules' own actions once over everything kept, in data order, as the
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
    /// <summary>The slots read of each kind kept; null when the rules' reads are not all known (records kept whole).</summary>
    private readonly IReadOnlyDictionary<string, IReadOnlySet<int>>? _slotsRead;
    /// <summary>The kept records' texts (parent ids, region codes), one string each: thousands of communes share them.</summary>
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    /// <summary>The records kept narrowed, in columns, by schema.</summary>
    private readonly Dictionary<RecordSchema, KeptRecords> _columns = new(ReferenceEqualityComparer.Instance);
    /// <summary>The records kept whole (the rules' reads not known, or too many slots read).</summary>
    private readonly List<(long Order, Record Record, KeptStandard[] Standards)> _whole = new();
    private readonly Lock _gate = new();

    private WholeDataSetRollup(CompiledRules rules, DateOnly asOf, bool explain, ModelRule[] wholeRules, string[] kinds, OutcomeInput[] standardsRead,
        IReadOnlyDictionary<string, IReadOnlySet<int>>? slotsRead)
    {
        _rules = rules;
        _asOf = asOf;
        _explain = explain;
        _wholeRules = wholeRules;
        _kinds = kinds;
        _standardsRead = standardsRead;
        _slotsRead = slotsRead;
    }

    /// <summary>The roll-up of a run of <paramref name="rules"/> on <paramref name="asOf"/>.</summary>
    public static WholeDataSetRollup For(CompiledRules rules, DateOnly asOf, bool explain)
    {
        var whole = rules.Model.Rules.Where(r => r.Subject is null).OrderBy(r => r.Order).ToArray();
        var kinds = whole.SelectMany(r => r.Children).Select(c => c.ChildKind)
            .Concat(whole.SelectMany(r => r.Outcomes).Select(o => o.ChildKind).OfType<string>())
            .Where(rules.Schemas.ContainsKey).Distinct().ToArray();
        var standards = whole.SelectMany(r => r.Outcomes).Where(o => o.FactType == typeof(StandardOutcome)).ToArray();
        return new WholeDataSetRollup(rules, asOf, explain, whole, kinds, standards, SlotsRead(rules, whole, kinds));
    }

    /// <summary>
    /// The slots of each kind that the rules' expressions read (<c>sum(commune, poor_households)</c> reads the
    /// commune's poor_households), with the parent id slots that place a record under its parents. Null when an
    /// expression holds a node whose reads are not known here: then records are kept whole.
    /// </summary>
    internal static IReadOnlyDictionary<string, IReadOnlySet<int>>? SlotsRead(CompiledRules rules, IEnumerable<ModelRule> whole, IEnumerable<string> kinds)
    {
        var read = kinds.ToDictionary(k => k, k => new HashSet<int>(rules.Schemas[k].Parents.Select(rules.Schemas[k].ParentSlot).Where(s => s >= 0)));
        foreach (var expression in whole.SelectMany(r => r.Expressions))
            if (!Reads(expression.Root, read)) return null;
        return read.ToDictionary(r => r.Key, r => (IReadOnlySet<int>)r.Value);
    }

    private static bool Reads(BoundExpr e, Dictionary<string, HashSet<int>> read) => e switch
    {
        BoundIndicator i => AddRead(i.Symbol, read),
        BoundLiteral or BoundBuiltin or BoundMet => true,
        BoundParameter p => p.Keys.All(k => Reads(k, read)),
        BoundDefinition d => Reads(d.Body, read),
        BoundUnary u => Reads(u.Operand, read),
        BoundBinary b => Reads(b.Left, read) && Reads(b.Right, read),
        BoundIn i => Reads(i.Value, read) && i.Items.All(x => Reads(x, read)),
        BoundConditional c => Reads(c.Condition, read) && Reads(c.Then, read) && Reads(c.Else, read),
        BoundCall c => c.Arguments.All(a => Reads(a, read)),
        BoundAggregate a => a.Body is null || Reads(a.Body, read),
        BoundBaseline b => Reads(b.Body, read),
        _ => false,
    };

    private static bool AddRead(IndicatorSymbol indicator, Dictionary<string, HashSet<int>> read)
    {
        // An indicator of a kind not kept is read from no record here (the whole data set has no slots of its own).
        if (read.TryGetValue(indicator.SubjectKind, out var slots)) slots.Add(indicator.Slot);
        return true;
    }

    /// <summary>
    /// The roll-up of the baseline data that <c>baseline(…)</c> in these rules reads: the baseline's own rules and
    /// date, keeping what this roll-up's rules read.
    /// </summary>
    public WholeDataSetRollup ForBaseline(CompiledRules baselineRules, DateOnly baselineAsOf) =>
        new(baselineRules, baselineAsOf, false, _wholeRules, _kinds, _standardsRead, _slotsRead);

    /// <summary>The slots kept of each record of <paramref name="kind"/>, by name in slot order; null when records are kept whole.</summary>
    public IReadOnlyList<string>? SlotsKept(string kind) =>
        _slotsRead is null || !_slotsRead.TryGetValue(kind, out var slots) ? null
            : slots.Order().Select(s => _rules.Schemas[kind].Schema.Slots[s].Name).ToList();

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
        lock (_gate)
            foreach (var kind in _kinds)
                foreach (var record in session.Subjects(kind))
                {
                    var standards = state.Standards(record).Where(Read)
                        .Select(o => new KeptStandard(o.RuleSetId, o.StandardId, o.Verdict, o.CriteriaMet, o.CriteriaTotal, o.CriteriaUnknown))
                        .ToArray();
                    if (Columns(kind, record.Schema) is { } columns) columns.Add(order(record), record, standards, Shared);
                    else _whole.Add((order(record), record, standards));
                }
    }

    /// <summary>Where the records of a kind are kept narrowed; null when they are kept whole. Under the lock.</summary>
    private KeptRecords? Columns(string kind, RecordSchema schema)
    {
        if (_slotsRead is null || !_slotsRead.TryGetValue(kind, out var slots) || !KeptRecords.Fits(slots)) return null;
        if (!_columns.TryGetValue(schema, out var columns)) _columns[schema] = columns = new KeptRecords(schema.Narrowed(slots), slots);
        return columns;
    }

    private string Shared(string text)
    {
        if (!_texts.TryGetValue(text, out var shared)) _texts[text] = shared = text;
        return shared;
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

    /// <summary>
    /// A state for reading the records kept, in data order, with their standards: the records' list and one map from
    /// record to its kept standards; a standard's outcome is made only when a rule reads the outcomes themselves.
    /// </summary>
    private SessionState State()
    {
        List<(long Order, Record Record, KeptStandard[] Standards)> kept;
        lock (_gate) kept = _whole.Concat(_columns.Values.SelectMany(c => c.Records())).ToList();
        kept.Sort((a, b) => a.Order.CompareTo(b.Order));
        var standards = new Dictionary<Record, KeptStandard[]>(kept.Count, ReferenceEqualityComparer.Instance);
        foreach (var k in kept) standards[k.Record] = k.Standards;

        StandardCounts? Counts(Record record, string standardId)
        {
            foreach (var s in standards.GetValueOrDefault(record, []))
                if (s.StandardId == standardId) return new StandardCounts(s.Verdict, s.CriteriaMet, s.CriteriaUnknown, s.CriteriaTotal);
            return null;
        }

        IEnumerable<StandardOutcome> Outcomes(Record record) => standards.GetValueOrDefault(record, []).Select(s => s.For(record));

        return SessionState.ReadOnly(_rules, _asOf, _explain, kept.Select(k => k.Record), Counts, Outcomes);
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
