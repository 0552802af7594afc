using NtpRules.Engine;

namespace NtpRules.Language.Compilation;

/// <summary>The outcomes in a session after firing, indexed by subject record.</summary>
public sealed class SessionResults
{
    /// <summary>A subject's outcomes, each kind in the engine's order (classifications and additional outcomes sorted, see the constructor).</summary>
    private sealed class OfSubject
    {
        public List<IndicatorOutcome>? Indicators;
        public List<CriterionOutcome>? Criteria;
        public List<StandardOutcome>? Standards;
        public List<ClassificationOutcome>? Classifications;
        public List<AdditionalOutcome>? Additional;
    }

    private readonly Dictionary<Record, OfSubject> _bySubject = new(ReferenceEqualityComparer.Instance);

    internal SessionResults(RuleSession session)
    {
        // One pass over the session's outcomes (each engine lists every kind in one list, in the order it lists each
        // kind alone), sorted into the subjects' lists.
        var targets = new List<TargetOutcome>();
        foreach (var outcome in session.Outcomes<ISubjectOutcome>())
            switch (outcome)
            {
                case IndicatorOutcome i: Add(ref Of(i.Subject).Indicators, i); break;
                case CriterionOutcome c: Add(ref Of(c.Subject).Criteria, c); break;
                case StandardOutcome s: Add(ref Of(s.Subject).Standards, s); break;
                case ClassificationOutcome c: Add(ref Of(c.Subject).Classifications, c); break;
                case TargetOutcome t: targets.Add(t); break;
            }
        // C# rules' outcomes are facts of the engine's own (NRules), not among the outcomes above.
        foreach (var a in session.Outcomes<AdditionalOutcome>()) Add(ref Of(a.Subject).Additional, a);
        // Engines hold outcomes in their own order: classifications and additional outcomes are listed in a fixed one
        // (a stable sort within each subject, as sorting them all before grouping would give).
        foreach (var of in _bySubject.Values)
        {
            if (of.Classifications is { Count: > 1 } classifications)
                Sort(classifications, (x, y) => Compare(x.RuleSetId, y.RuleSetId, x.ClassificationId, y.ClassificationId));
            if (of.Additional is { Count: > 1 } additional) Sort(additional, (x, y) => string.CompareOrdinal(x.RuleId, y.RuleId));
        }
        Targets = targets;
        (_last, _lastOf) = (null, null);
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

    private static void Add<T>(ref List<T>? list, T item) => (list ??= new List<T>(4)).Add(item);

    private static int Compare(string a1, string b1, string a2, string b2)
    {
        var first = string.CompareOrdinal(a1, b1);
        return first != 0 ? first : string.CompareOrdinal(a2, b2);
    }

    /// <summary>A stable sort (List.Sort is not): an insertion sort, the lists being a subject's few outcomes.</summary>
    private static void Sort<T>(List<T> list, Comparison<T> compare)
    {
        for (var i = 1; i < list.Count; i++)
        {
            var item = list[i];
            var j = i - 1;
            for (; j >= 0 && compare(list[j], item) > 0; j--) list[j + 1] = list[j];
            list[j + 1] = item;
        }
    }

    private OfSubject? Find(Record subject) => _bySubject.GetValueOrDefault(subject);

    public IReadOnlyList<IndicatorOutcome> Indicators(Record subject) => Find(subject)?.Indicators ?? (IReadOnlyList<IndicatorOutcome>)[];
    public IReadOnlyList<CriterionOutcome> Criteria(Record subject) => Find(subject)?.Criteria ?? (IReadOnlyList<CriterionOutcome>)[];
    public IReadOnlyList<StandardOutcome> Standards(Record subject) => Find(subject)?.Standards ?? (IReadOnlyList<StandardOutcome>)[];
    public IReadOnlyList<ClassificationOutcome> Classifications(Record subject) => Find(subject)?.Classifications ?? (IReadOnlyList<ClassificationOutcome>)[];
    /// <summary>Outcomes of C# rules about the subject (NRules only).</summary>
    public IReadOnlyList<AdditionalOutcome> Additional(Record subject) => Find(subject)?.Additional ?? (IReadOnlyList<AdditionalOutcome>)[];
    public IReadOnlyList<TargetOutcome> Targets { get; }

    public StandardOutcome? Standard(Record subject, string standardId) => Standards(subject).FirstOrDefault(s => s.StandardId == standardId);
}
