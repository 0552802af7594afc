using NtpRules.Engine;
using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Language.Compilation;

/// <summary>
/// The records of one kind that the whole-data-set rules read, kept to the end of a run in columns: per record its
/// position in the data, its id, the values of the slots read, which of them are present, and its standards' verdicts
/// (one array shared by every record with the same verdicts). A country's communes are then a few large arrays
/// instead of several objects each: they add little to what the collector goes through on every full collection and
/// sizes its budgets by. <see cref="Records"/> makes the records again, with only those slots, once the rules run.
/// </summary>
internal sealed class KeptRecords(RecordSchema narrowed, IReadOnlyCollection<int> slots)
{
    private readonly int[] _valueSlots = slots.Where(s => !IsReference(narrowed.Slots[s].Kind)).Order().ToArray();
    private readonly int[] _referenceSlots = slots.Where(s => IsReference(narrowed.Slots[s].Kind)).Order().ToArray();
    private readonly List<long> _orders = new();
    private readonly List<string> _ids = new();
    private readonly List<double> _values = new();
    private readonly List<object?> _references = new();
    private readonly List<ulong> _present = new();
    private readonly List<KeptStandard[]> _standards = new();
    private readonly Dictionary<KeptStandard[], KeptStandard[]> _sharedStandards = new(SameStandards.Instance);

    /// <summary>Whether records of a schema with these slots read can be kept in columns (a presence bit per slot read).</summary>
    public static bool Fits(IReadOnlyCollection<int> slots) => slots.Count <= 64;

    public int Count => _orders.Count;

    /// <summary>Keeps the slots read of <paramref name="record"/> (of the schema narrowed from), <paramref name="share"/> choosing each text's instance.</summary>
    public void Add(long order, Record record, KeptStandard[] standards, Func<string, string> share)
    {
        _orders.Add(order);
        _ids.Add(record.Id);
        var present = 0UL;
        for (var i = 0; i < _valueSlots.Length; i++)
        {
            var slot = _valueSlots[i];
            var there = record.IsPresent(slot);
            if (there) present |= 1UL << i;
            _values.Add(!there ? 0 : narrowed.Slots[slot].Kind switch
            {
                SlotKind.Number => record.GetNumber(slot),
                SlotKind.Boolean => record.GetBoolean(slot) ? 1 : 0,
                _ => record.GetDate(slot).DayNumber,
            });
        }
        for (var i = 0; i < _referenceSlots.Length; i++)
        {
            var slot = _referenceSlots[i];
            object? value = null;
            if (record.IsPresent(slot))
            {
                present |= 1UL << (_valueSlots.Length + i);
                value = narrowed.Slots[slot].Kind == SlotKind.Text ? share(record.GetText(slot)!) : record.GetObject(slot);
            }
            _references.Add(value);
        }
        _present.Add(present);
        if (!_sharedStandards.TryGetValue(standards, out var shared)) _sharedStandards[standards] = shared = standards;
        _standards.Add(shared);
    }

    /// <summary>The records kept, made again under the narrowed schema, each with its position and standards.</summary>
    public IEnumerable<(long Order, Record Record, KeptStandard[] Standards)> Records()
    {
        for (var r = 0; r < _orders.Count; r++)
        {
            var record = new Record(narrowed, _ids[r]);
            var present = _present[r];
            for (var i = 0; i < _valueSlots.Length; i++)
            {
                if ((present & (1UL << i)) == 0) continue;
                var slot = _valueSlots[i];
                var value = _values[r * _valueSlots.Length + i];
                switch (narrowed.Slots[slot].Kind)
                {
                    case SlotKind.Number: record.SetNumber(slot, value); break;
                    case SlotKind.Boolean: record.SetBoolean(slot, value != 0); break;
                    default: record.SetDate(slot, DateOnly.FromDayNumber((int)value)); break;
                }
            }
            for (var i = 0; i < _referenceSlots.Length; i++)
            {
                if ((present & (1UL << (_valueSlots.Length + i))) == 0) continue;
                var slot = _referenceSlots[i];
                var value = _references[r * _referenceSlots.Length + i];
                if (narrowed.Slots[slot].Kind == SlotKind.Text) record.SetText(slot, (string)value!);
                else record.SetObject(slot, value);
            }
            yield return (_orders[r], record, _standards[r]);
        }
    }

    private static bool IsReference(SlotKind kind) => kind is SlotKind.Text or SlotKind.Object;

    private sealed class SameStandards : IEqualityComparer<KeptStandard[]>
    {
        public static readonly SameStandards Instance = new();

        public bool Equals(KeptStandard[]? x, KeptStandard[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(KeptStandard[] standards)
        {
            var hash = new HashCode();
            foreach (var s in standards) hash.Add(s);
            return hash.ToHashCode();
        }
    }
}

/// <summary>A standard's verdict as the whole-data-set rules read it: no reasons, no unmet requirements.</summary>
internal readonly record struct KeptStandard(string RuleSetId, string StandardId, Truth Verdict, int CriteriaMet, int CriteriaTotal, int CriteriaUnknown)
{
    public StandardOutcome For(Record subject) => new(subject, RuleSetId, StandardId, Verdict, CriteriaMet, CriteriaTotal, [], "", CriteriaUnknown);
}
