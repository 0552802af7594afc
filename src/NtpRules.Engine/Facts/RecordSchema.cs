namespace NtpRules.Engine;

/// <summary>
/// The shape of schema-driven facts: a name and ordered, typed slots. Patterns over a schema match the records of that
/// schema instance only. A schema is immutable and may be shared between threads.
/// </summary>
public sealed class RecordSchema
{
    private readonly Dictionary<string, RecordSlot> _byName;

    public RecordSchema(string name, IEnumerable<(string Name, SlotKind Kind)> slots)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        var list = new List<RecordSlot>();
        _byName = new Dictionary<string, RecordSlot>(StringComparer.Ordinal);
        var positions = new List<int>();
        int values = 0, references = 0;
        foreach (var (slotName, kind) in slots)
        {
            var slot = new RecordSlot(slotName, kind, list.Count);
            if (!_byName.TryAdd(slotName, slot))
                throw new ArgumentException($"Slot '{slotName}' appears twice in schema '{name}'.", nameof(slots));
            list.Add(slot);
            positions.Add(IsReference(kind) ? references++ : values++);
        }
        Slots = list;
        Positions = positions.ToArray();
        Kinds = list.Select(x => x.Kind).ToArray();
        ValueCount = values;
        ReferenceCount = references;
    }

    private RecordSchema(RecordSchema wide, IReadOnlySet<int> kept)
    {
        Name = wide.Name;
        _byName = wide._byName;
        Slots = wide.Slots;
        Kinds = wide.Kinds;
        // Position 0 of each array is never written: the slots not kept point there and read as missing.
        Positions = new int[Slots.Count];
        int values = 1, references = 1;
        for (var slot = 0; slot < Slots.Count; slot++)
            if (kept.Contains(slot)) Positions[slot] = IsReference(Kinds[slot]) ? references++ : values++;
        ValueCount = values;
        ReferenceCount = references;
        Narrow = true;
    }

    /// <summary>
    /// A schema with these slots (same names, kinds and indexes) whose records have room only for the slots in
    /// <paramref name="kept"/>: for copies of records of which only those slots are read. Every other slot of such a
    /// record stays missing and must not be set.
    /// </summary>
    public RecordSchema Narrowed(IReadOnlySet<int> kept) => new(this, kept);

    /// <summary>Whether this schema keeps only some slots (<see cref="Narrowed"/>).</summary>
    public bool Narrow { get; }

    public string Name { get; }

    public IReadOnlyList<RecordSlot> Slots { get; }

    /// <summary>Position of each slot in the record's value array (numbers, booleans, dates) or reference array.</summary>
    internal int[] Positions { get; }

    internal SlotKind[] Kinds { get; }

    internal int ValueCount { get; }

    internal int ReferenceCount { get; }

    /// <summary>The index of the slot named <paramref name="slotName"/>, or -1.</summary>
    public int IndexOf(string slotName) => _byName.TryGetValue(slotName, out var slot) ? slot.Index : -1;

    public bool TryGetSlot(string slotName, out RecordSlot slot) => _byName.TryGetValue(slotName, out slot!);

    public Record NewRecord(string id) => new(this, id);

    public override string ToString() => Name;

    internal static bool IsReference(SlotKind kind) => kind is SlotKind.Text or SlotKind.Object;
}
