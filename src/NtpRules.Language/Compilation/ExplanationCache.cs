using System.Collections.Concurrent;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Language.Compilation;

/// <summary>
/// The explanations one indicator gave, by what they were made from: the values of the subject's slots its expressions
/// read, the rule set whose parameters they look up, and the as-of date (a session's parameter table is made from
/// those two). Subjects with the same values get the same (immutable) explanation, built once: most indicators are
/// yes/no questions or thresholds most communes meet at 100, so a country's communes give each indicator a handful of
/// explanations. Marked <see cref="IndicatorExplanation.Shared"/>, so that the JSON writer copies what it wrote for one.
/// </summary>
/// <remarks>
/// An explanation is kept only when, while it was built, the context was asked for nothing but those slots, the
/// parameters and the date: one that reads anything else (children, standards, the baseline, another slot) turns the
/// cache off for good, and every explanation is then built as before. At most <see cref="MaxKept"/> are kept per
/// indicator; past that, new values are explained without being kept. Shared by the sessions of every thread.
/// </remarks>
internal sealed class ExplanationCache
{
    public const int MaxKept = 1024;

    private readonly int[] _slots;
    private readonly Func<IEvaluationContext, IndicatorExplanation> _build;
    private readonly ConcurrentDictionary<Key, IndicatorExplanation> _kept = new(KeyComparer.Instance);
    private volatile bool _off;

    /// <param name="slots">The subject's slots the indicator's expressions read.</param>
    /// <param name="build">Explains the indicator's verdict in a context.</param>
    public ExplanationCache(IEnumerable<int> slots, Func<IEvaluationContext, IndicatorExplanation> build)
    {
        _slots = slots.Distinct().Order().ToArray();
        _build = build;
    }

    public IndicatorExplanation Explain(IEvaluationContext context)
    {
        if (_off || context is not RecordContext { Record: not null } record) return _build(context);
        var values = new Value[_slots.Length];
        for (var i = 0; i < values.Length; i++) values[i] = record.Indicator(_slots[i]);
        var key = new Key(record.Parameters.Set, record.AsOf, values);
        if (_kept.TryGetValue(key, out var known)) return known;
        var watched = new Watched(context, _slots);
        var built = _build(watched);
        if (watched.ReadOther) _off = true;
        else if (_kept.Count < MaxKept) return _kept.GetOrAdd(key, built with { Shared = true });
        return built;
    }

    private sealed record Key(RuleSets.RuleSet RuleSet, DateOnly AsOf, Value[] Values);

    /// <summary>Values equal when they would be written alike: same kind, same text, same number to the bit (0 is not −0).</summary>
    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(Key? a, Key? b)
        {
            if (a is null || b is null) return ReferenceEquals(a, b);
            if (!ReferenceEquals(a.RuleSet, b.RuleSet) || a.AsOf != b.AsOf || a.Values.Length != b.Values.Length) return false;
            for (var i = 0; i < a.Values.Length; i++)
                if (!Same(a.Values[i], b.Values[i])) return false;
            return true;
        }

        private static bool Same(Value a, Value b) => a.Kind == b.Kind && a.Kind switch
        {
            ValueKind.Number => BitConverter.DoubleToInt64Bits(a.AsNumber) == BitConverter.DoubleToInt64Bits(b.AsNumber),
            ValueKind.Text => string.Equals(a.AsText, b.AsText, StringComparison.Ordinal),
            _ => a.Equals(b),
        };

        public int GetHashCode(Key k)
        {
            var hash = new HashCode();
            hash.Add(k.AsOf);
            foreach (var v in k.Values) hash.Add(v);
            return hash.ToHashCode();
        }
    }

    /// <summary>The context as the explanation sees it, noting whether it was asked for anything the key does not hold.</summary>
    private sealed class Watched(IEvaluationContext inner, int[] slots) : IEvaluationContext
    {
        public bool ReadOther { get; private set; }

        public DateOnly AsOf => inner.AsOf;

        public Value Indicator(int slot)
        {
            if (Array.BinarySearch(slots, slot) < 0) ReadOther = true;
            return inner.Indicator(slot);
        }

        public ParameterLookup Parameter(ParameterSymbol parameter, ParameterKeys keys) => inner.Parameter(parameter, keys);

        public IReadOnlyList<IEvaluationContext> Children(string kind)
        {
            ReadOther = true;
            return inner.Children(kind);
        }

        public Truth Met(string standard)
        {
            ReadOther = true;
            return inner.Met(standard);
        }

        public NumberBound CriteriaMet(string standard)
        {
            ReadOther = true;
            return inner.CriteriaMet(standard);
        }

        public IEvaluationContext? Baseline
        {
            get
            {
                ReadOther = true;
                return inner.Baseline;
            }
        }
    }
}
