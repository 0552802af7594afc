using NtpRules.Assessment.Results;
using NtpRules.Engine;
using NtpRules.Language.Compilation;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.RuleSets;
using NtpRules.Language.Scopes;

namespace NtpRules.Assessment;

/// <summary>
/// Turns the outcomes of a fired session (the whole data set's, or one partition's) into report parts: subjects →
/// standards → criteria → indicators, their share of the roll-ups, and the targets.
/// </summary>
internal sealed class ReportBuilder
{
    /// <summary>Subjects built between two progress reports.</summary>
    private const int ProgressStep = 256;

    private readonly CompiledRules _rules;
    private readonly RuleSession _session;
    private readonly SessionResults _results;
    private readonly IReadOnlyDictionary<Record, string?> _names;
    private readonly AssessmentOptions _options;
    private readonly Dictionary<string, (RuleSet Set, Standard Standard, Criterion[] Criteria)> _standards;
    private readonly IReadOnlyDictionary<string, MergeProvenance>? _merges; // merged communes by id (--merge-map)

    public ReportBuilder(CompiledRules rules, RuleSession session, IReadOnlyDictionary<Record, string?> names, AssessmentOptions options,
        IReadOnlyDictionary<string, MergeProvenance>? merges = null)
    {
        _merges = merges;
        _rules = rules;
        _session = session;
        _results = session.Results();
        _names = names;
        _options = options;
        // Each standard's criteria are looked up once, not for every subject.
        _standards = rules.RuleSets.SelectMany(s => s.Standards.Select(x => (s, x)))
            .ToDictionary(x => x.x.Id, x => (x.s, x.x, x.x.CriteriaIn(x.s).Select(x.s.FindCriterion).OfType<Criterion>().ToArray()));
    }

    /// <summary>
    /// The reported subjects of the session, kind by kind in catalogue order, each kind's in the order inserted; adds
    /// each assessed subject's standards to <paramref name="rollups"/> and counts every subject in <paramref name="built"/>.
    /// <paramref name="kinds"/>: only the subjects of the kinds it accepts (default all).
    /// </summary>
    public List<SubjectResult> Subjects(RollupTotals rollups, Action<int>? built = null, Func<string, bool>? kinds = null)
    {
        var wanted = new List<string>();
        var count = 0;
        foreach (var k in _rules.Library.Catalogue.Subjects)
            if (kinds?.Invoke(k.Kind) ?? true)
            {
                wanted.Add(k.Kind);
                count += _session.Subjects(k.Kind).Count;
            }
        var subjects = new List<SubjectResult>(count);
        var pending = 0;
        foreach (var kind in wanted)
        {
            var records = _session.Subjects(kind);
            for (var r = 0; r < records.Count; r++)
            {
                var record = records[r];
                if (built is not null && ++pending == ProgressStep)
                {
                    built(pending);
                    pending = 0;
                }
                // Households are most subjects: those without standards or additional outcomes allocate nothing for them.
                var standards = StandardsOf(record);
                var classifications = _results.Classifications(record);
                var additional = Additional(record);
                var rates = Rates(record);
                // A province with no standard of its own is still reported for its household rates.
                if (standards.Length == 0 && classifications.Count == 0 && additional is null &&
                    rates is not { PovertyRate: not null } and not { NearPoorRate: not null }) continue;
                AddToRollups(rollups, record, standards);
                if (_options.Subject is { } only && record.Id != only) continue;
                StandardResult[] reported = standards.Length == 0 ? [] : new StandardResult[standards.Length];
                for (var n = 0; n < standards.Length; n++) reported[n] = Standard(record, standards[n]);
                ClassificationResult[] classified = classifications.Count == 0 ? [] : new ClassificationResult[classifications.Count];
                for (var n = 0; n < classified.Length; n++)
                {
                    var c = classifications[n];
                    classified[n] = new ClassificationResult(c.ClassificationId, c.Label ?? "unknown", c.Reason, c.Citation);
                }
                subjects.Add(new SubjectResult(record.Id, NameOf(record), kind, Parent(record), reported, classified)
                {
                    Rates = rates,
                    Recognition = Recognition(standards),
                    Additional = additional,
                    Merge = kind == Merging.CommuneMerger.Kind ? _merges?.GetValueOrDefault(record.Id) : null,
                });
            }
        }
        if (built is not null && pending > 0) built(pending);
        return subjects;
    }

    /// <summary>The outcomes of C# rules about the subject, or null when there are none.</summary>
    private AdditionalResult[]? Additional(Record record)
    {
        var all = _results.Additional(record);
        if (all.Count == 0) return null;
        var result = new AdditionalResult[all.Count];
        for (var n = 0; n < result.Length; n++)
        {
            var x = all[n];
            result[n] = new AdditionalResult(x.RuleId, x.Title, x.Verdict.ToVerdict(), x.Reason, x.Citation);
        }
        return result;
    }

    /// <summary>The subject's reported standards, by id.</summary>
    private StandardOutcome[] StandardsOf(Record record)
    {
        var all = _results.Standards(record);
        if (all.Count == 0) return [];
        var reported = 0;
        for (var n = 0; n < all.Count; n++)
            if (Reported(all[n])) reported++;
        if (reported == 0) return [];
        var result = new StandardOutcome[reported];
        reported = 0;
        for (var n = 0; n < all.Count; n++)
            if (Reported(all[n])) result[reported++] = all[n];
        // A stable insertion sort by id (a subject has a few standards), as OrderBy sorted them.
        for (var i = 1; i < result.Length; i++)
        {
            var item = result[i];
            var j = i - 1;
            for (; j >= 0 && string.CompareOrdinal(result[j].StandardId, item.StandardId) > 0; j--) result[j + 1] = result[j];
            result[j + 1] = item;
        }
        return result;
    }

    /// <summary>The rule files' Vietnamese names of standards, criteria and their indicators (see <see cref="RunInfo.VietnameseNames"/>).</summary>
    public static Dictionary<string, string> VietnameseNames(CompiledRules rules)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (set, standard) in rules.RuleSets.SelectMany(s => s.Standards.Select(x => (s, x))))
        {
            if (standard.Name.Vi is { } s) names[standard.Id] = s;
            foreach (var criterion in standard.CriteriaIn(set).Select(set.FindCriterion).OfType<Criterion>())
            {
                if (criterion.Name.Vi is { } c) names[$"{standard.Id}/{criterion.Id}"] = c;
                foreach (var i in criterion.Indicators)
                    if (i.Name.Vi is { } n) names[$"{standard.Id}/{criterion.Id}/{i.Id}"] = n;
            }
        }
        return names;
    }

    /// <summary>The session's target outcomes: those about a subject, and with <paramref name="wholeDataSet"/> those about the whole data set.</summary>
    public IEnumerable<TargetOutcome> TargetOutcomes(bool wholeDataSet) => _results.Targets.Where(t => wholeDataSet || t.Subject is not null);

    /// <summary>
    /// The poor and near-poor rates side by side: derived from household records when the subject has them, else the
    /// annual-review columns. Null for subjects without either (households, or kinds that carry no rates).
    /// </summary>
    private HouseholdRates? Rates(Record record)
    {
        var slots = RateSlotsOf(record.Schema);
        if (!slots.Any) return null;
        var (poor, nearPoor) = (ReadRate(record, slots.PoorHouseholds), ReadRate(record, slots.NearPoorHouseholds));
        if (poor is not null || nearPoor is not null) return new HouseholdRates(poor, nearPoor, "households");
        return new HouseholdRates(ReadRate(record, slots.Poor), ReadRate(record, slots.NearPoor), "review");
    }

    /// <summary>Where a kind's records hold the rates (-1: not a slot of the kind); looked up once per kind.</summary>
    private readonly record struct RateSlots(bool Any, int PoorHouseholds, int NearPoorHouseholds, int Poor, int NearPoor);

    private readonly Dictionary<RecordSchema, RateSlots> _rateSlots = new(ReferenceEqualityComparer.Instance);

    private RateSlots RateSlotsOf(RecordSchema schema)
    {
        if (_rateSlots.TryGetValue(schema, out var slots)) return slots;
        var layout = _rules.Schemas[schema.Name].Layout;
        int Slot(string name) => layout.Find(name)?.Slot ?? -1;
        slots = new RateSlots(layout.Find("poverty_rate_households") is not null || layout.Find("poverty_rate") is not null,
            Slot("poverty_rate_households"), Slot("near_poor_rate_households"), Slot("poverty_rate"), Slot("near_poor_rate"));
        _rateSlots[schema] = slots;
        return slots;
    }

    private static double? ReadRate(Record record, int slot) =>
        slot >= 0 && RecordValues.Read(record, slot) is { Kind: ValueKind.Number } v ? Math.Round(v.AsNumber, 2) : null;

    /// <summary>
    /// Each recognition standard (one that requires a tier's standard, Decision 18/2022/QĐ-TTg) beside the standard
    /// it requires: "meets the criteria" and "eligible for recognition" are different questions.
    /// </summary>
    private IReadOnlyList<RecognitionResult> Recognition(StandardOutcome[] standards)
    {
        List<RecognitionResult>? result = null;
        foreach (var s in standards)
        {
            if (!s.StandardId.EndsWith(RecognitionSuffix, StringComparison.Ordinal)) continue;
            var tier = s.StandardId[..^RecognitionSuffix.Length];
            var meets = standards.FirstOrDefault(x => x.StandardId == tier);
            (result ??= []).Add(new RecognitionResult(tier, meets?.Verdict.ToVerdict() ?? Verdict.Unknown, s.StandardId, s.Verdict.ToVerdict(), s.Reason));
        }
        return result ?? (IReadOnlyList<RecognitionResult>)[];
    }

    private const string RecognitionSuffix = "-recognition";
    internal const string RegionKey = "region";

    private bool Reported(StandardOutcome s) => _options.Standards.Count == 0 || _options.Standards.Contains(s.StandardId);

    private string NameOf(Record r) => _names.GetValueOrDefault(r) ?? r.Id;

    private string? Parent(Record r)
    {
        var schema = _rules.SchemaOf(r);
        var parents = schema.Parents;
        for (var i = 0; i < parents.Count; i++) // indexed: a foreach through the interface boxes an enumerator per subject
            if (schema.ParentId(r, parents[i]) is { } id) return id;
        return null;
    }

    private StandardResult Standard(Record record, StandardOutcome outcome)
    {
        var (set, standard, known) = _standards[outcome.StandardId];
        var criteria = new CriterionResult[known.Length];
        for (var n = 0; n < known.Length; n++) criteria[n] = Criterion(record, set, known[n]);
        return new StandardResult(standard.Id, standard.Name.Get(), outcome.Verdict.ToVerdict(), outcome.CriteriaMet, outcome.CriteriaTotal,
            criteria, outcome.UnmetRequirements, outcome.Reason, standard.Citation);
    }

    // The criterion and indicator outcomes of the subject last indexed, by rule set and id: indexed once per subject
    // (not per criterion), in maps kept from one subject to the next.
    private Record? _indexed;
    private readonly Dictionary<(string Set, string Criterion), CriterionOutcome> _criteriaOf = new();
    private readonly Dictionary<(string Set, string Criterion, string Indicator), IndicatorOutcome> _indicatorsOf = new();

    private void Index(Record record)
    {
        if (ReferenceEquals(record, _indexed)) return;
        _criteriaOf.Clear();
        _indicatorsOf.Clear();
        var criteria = _results.Criteria(record);
        for (var n = 0; n < criteria.Count; n++) _criteriaOf.TryAdd((criteria[n].RuleSetId, criteria[n].CriterionId), criteria[n]); // the first one counts
        var indicators = _results.Indicators(record);
        for (var n = 0; n < indicators.Count; n++) // engines keep one per indicator
            _indicatorsOf.TryAdd((indicators[n].RuleSetId, indicators[n].CriterionId, indicators[n].IndicatorId), indicators[n]);
        _indexed = record;
    }

    private CriterionResult Criterion(Record record, RuleSet set, Criterion criterion)
    {
        Index(record);
        var outcome = _criteriaOf.GetValueOrDefault((set.Id, criterion.Id));
        var explained = new IndicatorExplanation[criterion.Indicators.Count];
        for (var n = 0; n < explained.Length; n++)
        {
            var i = criterion.Indicators[n];
            explained[n] = _indicatorsOf.TryGetValue((set.Id, criterion.Id, i.Id), out var o)
                ? o.Explanation ?? Bare(i, o.Verdict.ToVerdict())
                : Bare(i, Verdict.Unknown);
        }
        return new CriterionResult(criterion.Id, criterion.Name.Get(), outcome?.Verdict.ToVerdict() ?? Verdict.Unknown, explained, criterion.Citation);
    }

    /// <summary>
    /// The explanation of a verdict assessed without explanations (the fast path): the verdict and the rule, no trace.
    /// It depends on the indicator and the verdict only: one is made for each and shared (explanations are immutable).
    /// </summary>
    private IndicatorExplanation Bare(CriterionIndicator i, Verdict verdict)
    {
        if (!_bare.TryGetValue(i, out var byVerdict)) _bare[i] = byVerdict = new IndicatorExplanation?[3];
        return byVerdict[(int)verdict] ??= new IndicatorExplanation(i.Id, i.Name.Get(), verdict, i.Condition.Text, new Dictionary<string, object?>(), [], null,
            $"{verdict.ToText()}: {i.Condition.Text}", i.Citation, []);
    }

    // By indicator (the rule file's own object), then by verdict (Met, NotMet, Unknown).
    private readonly Dictionary<CriterionIndicator, IndicatorExplanation?[]> _bare = new(ReferenceEqualityComparer.Instance);

    /// <summary>The subject's standards counted for its region (Decision 263/QĐ-TTg sets targets by region) and for each of its parents.</summary>
    private void AddToRollups(RollupTotals rollups, Record record, IReadOnlyList<StandardOutcome> standards)
    {
        if (standards.Count == 0) return;
        var schema = _rules.SchemaOf(record);
        if (schema.Layout.Find(RegionKey) is { } region && RecordValues.Read(record, region.Slot).AsText is { } code)
            rollups.Add(RegionKey, code, null, standards);
        var parents = schema.Parents;
        for (var i = 0; i < parents.Count; i++)
            if (parents[i] is var parent && schema.ParentId(record, parent) is { } id)
                rollups.Add(parent, id, _session.Find(parent, id) is { } r ? NameOf(r) : null, standards);
    }

    /// <summary>The targets of a run in report order (by id, then the whole data set before each subject by id).</summary>
    public static IReadOnlyList<TargetResult> Targets(CompiledRules rules, IEnumerable<TargetOutcome> outcomes)
    {
        var targets = rules.RuleSets.SelectMany(s => s.Targets).ToDictionary(t => t.Id);
        return outcomes
            .OrderBy(t => t.TargetId, StringComparer.Ordinal).ThenBy(t => t.Subject?.Id, StringComparer.Ordinal)
            .Select(t =>
            {
                var target = targets[t.TargetId];
                var scope = t.Subject is null ? "all" : $"{t.Subject.Schema.Name} {t.Subject.Id}";
                var baseline = target.Baseline is { } b
                    ? string.Join("; ", new[] { b.Period, b.Dataset is null ? null : $"data set {b.Dataset}", b.Description }.OfType<string>())
                    : "";
                return new TargetResult(t.TargetId, target.Name.Get(), scope, t.Verdict.ToVerdict(), t.Actual, t.Target, baseline, t.Gap, t.Reason, target.Citation)
                {
                    Confidence = target.Confidence.ToString().ToLowerInvariant(),
                    Measure = target.Actual.Text,
                    Comparison = target.Op,
                };
            })
            .ToArray();
    }
}
