using NtpRules.Engine;

namespace NtpRules.Language.Compilation;

/// <summary>The outcomes in a session after firing, indexed by subject record.</summary>
public sealed class SessionResults
{
    /// <summary>A subject's outcomes of one kind: counted first, then held in an array of exactly that size.</summary>
    private struct Slot<T>
    {
        public T[]? Items;
        public int Count;
    }

    /// <summary>A subject's outcomes, each kind in the engine's order (classifications and additional outcomes sorted, see the constructor).</summary>
    private sealed class OfSubject
    {
        public Slot<IndicatorOutcome> Indicators;
        public Slot<CriterionOutcome> Criteria;
        public Slot<StandardOutcome> Standards;
        public Slot<ClassificationOutcome> Classifications;
        public Slot<AdditionalOutcome> Additional;
    }

    private delegate ref Slot<T> SlotOf<T>(OfSubject of);

    private readonly Dictionary<Record, OfSubject> _bySubject;

    internal SessionResults(RuleSession session)
    {
        // Each kind is asked for alone: the outcome types are sealed, so an engine finds them by exact type, sizes the
        // list from its count and skips the kinds not reported (derived values); each engine lists a kind in the
        // order it lists it among all outcomes, so each subject's lists come out as one pass over all would give.
        var indicators = session.Outcomes<IndicatorOutcome>();
        var criteria = session.Outcomes<CriterionOutcome>();
        var standards = session.Outcomes<StandardOutcome>();
        var classifications = session.Outcomes<ClassificationOutcome>();
        // C# rules' outcomes are facts of the engine's own (NRules), not among the outcomes above.
        var additional = session.Outcomes<AdditionalOutcome>();
        // Every subject reported has a standard or a classification (households: one classification each).
        _bySubject = new Dictionary<Record, OfSubject>(standards.Count + classifications.Count, ReferenceEqualityComparer.Instance);
        Group(indicators, static of => ref of.Indicators);
        Group(criteria, static of => ref of.Criteria);
        Group(standards, static of => ref of.Standards);
        Group(classifications, static of => ref of.Classifications);
        Group(additional, static of => ref of.Additional);
        // Engines hold outcomes in their own order: classifications and additional outcomes are listed in a fixed one
        // (a stable sort within each subject, as sorting them all before grouping would give).
        foreach (var of in _bySubject.Values)
        {
            if (of.Classifications.Items is { Length: > 1 } c)
                Sort(c, static (x, y) => Compare(x.RuleSetId, y.RuleSetId, x.ClassificationId, y.ClassificationId));
            if (of.Additional.Items is { Length: > 1 } a) Sort(a, static (x, y) => string.CompareOrdinal(x.RuleId, y.RuleId));
        }
        Targets = session.Outcomes<TargetOutcome>();
        (_last, _lastOf) = (null, null);
    }

    /// <summary>
    /// Puts the outcomes into their subjects' slots, in order: counts each subject's first, so that each gets one
    /// array of the right size instead of a list grown step by step.
    /// </summary>
    private void Group<T>(IReadOnlyList<T> outcomes, SlotOf<T> slotOf) where T : ISubjectOutcome
    {
        if (outcomes.Count == 0) return;
        for (var i = 0; i < outcomes.Count; i++) slotOf(Of(outcomes[i].Subject!)).Count++;
        for (var i = 0; i < outcomes.Count; i++)
        {
            ref var slot = ref slotOf(Of(outcomes[i].Subject!));
            if (slot.Items is null)
            {
                slot.Items = new T[slot.Count];
                slot.Count = 0;
            }
            slot.Items[slot.Count++] = outcomes[i];
        }
    }

    private Record? _last;
    private OfSubject? _lastOf;

    private OfSubject Of(Record subject)
    {
        // Engines list a subject's outcomes together: most lookups are of the subject just seen.
        if (ReferenceEquals(subject, _last)) return _lastOf!;
        if (!_bySubject.TryGetValue(subject, out var of)) _bySubject[subject] = of = new OfSubject();
        (_last, _lastOf) = (subject, of);
        return of;
    }

    private static int Compare(string a1, string b1, string a2, string b2)
    {
        var first = string.CompareOrdinal(a1, b1);
        return first != 0 ? first : string.CompareOrdinal(a2, b2);
    }

    /// <summary>A stable sort (Array.Sort is not): an insertion sort, the arrays being a subject's few outcomes.</summary>
    private static void Sort<T>(T[] items, Comparison<T> compare)
    {
        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            for (; j >= 0 && compare(items[j], item) > 0; j--) items[j + 1] = items[j];
            items[j + 1] = item;
        }
    }

    private OfSubject? Find(Record subject) => _bySubject.GetValueOrDefault(subject);

    public IReadOnlyList<IndicatorOutcome> Indicators(Record subject) => Find(subject)?.Indicators.Items ?? [];
    public IReadOnlyList<CriterionOutcome> Criteria(Record subject) => Find(subject)?.Criteria.Items ?? [];
    public IReadOnlyList<StandardOutcome> Standards(Record subject) => Find(subject)?.Standards.Items ?? [];
    public IReadOnlyList<ClassificationOutcome> Classifications(Record subject) => Find(subject)?.Classifications.Items ?? [];
    /// <summary>Outcomes of C# rules about the subject (NRules only).</summary>
    public IReadOnlyList<AdditionalOutcome> Additional(Record subject) => Find(subject)?.Additional.Items ?? [];
    public IReadOnlyList<TargetOutcome> Targets { get; }

    public StandardOutcome? Standard(Record subject, string standardId)
    {
        foreach (var s in Standards(subject))
            if (s.StandardId == standardId) return s;
        return null;
    }
}
