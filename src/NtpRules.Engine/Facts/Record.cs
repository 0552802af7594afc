namespace NtpRules.Engine;

/// <summary>
/// A schema-driven fact: an id and typed slots read and written by index. A slot is either present or missing;
/// reading a missing slot returns the type's default, so callers that care check <see cref="IsPresent"/>.
/// After changing an inserted record, call <c>session.Update(record)</c>.
/// </summary>
/// <remarks>Numbers, booleans and dates share one <c>double[]</c>; texts and objects share one <c>object[]</c>,
/// allocated only when the schema has such slots. Presence is a bit set.</remarks>
public sealed class Record
{
    private readonly double[] _values;
    private readonly object?[]? _references;
    private ulong _present;
    private readonly ulong[]? _presentMore;

    public Record(RecordSchema schema, string id)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(id);
        Schema = schema;
        Id = id;
        _values = schema.ValueCount == 0 ? [] : new double[schema.ValueCount];
        if (schema.ReferenceCount > 0) _references = new object?[schema.ReferenceCount];
        if (schema.Slots.Count > 64) _presentMore = new ulong[(schema.Slots.Count - 1) / 64];
    }

    public RecordSchema Schema { get; }

    /// <summary>
    /// A copy of this record, with the same id, under <paramref name="narrowed"/> (this record's schema
    /// <see cref="RecordSchema.Narrowed"/>): the slots kept are copied, the others are missing.
    /// </summary>
    public Record CopyNarrowed(RecordSchema narrowed)
    {
        if (!narrowed.Narrow || !ReferenceEquals(narrowed.Slots, Schema.Slots))
            throw new ArgumentException($"'{narrowed.Name}' is not a narrowed '{Schema.Name}'.", nameof(narrowed));
        var copy = new Record(narrowed, Id);
        for (var slot = 0; slot < Schema.Slots.Count; slot++)
        {
            if (narrowed.Positions[slot] == 0 || !IsPresent(slot)) continue;
            var kind = Schema.Kinds[slot];
            if (RecordSchema.IsReference(kind)) copy._references![narrowed.Positions[slot]] = _references![Schema.Positions[slot]];
            else copy._values[narrowed.Positions[slot]] = _values[Schema.Positions[slot]];
            copy.MarkPresent(slot, true);
        }
        return copy;
    }

    public string Id { get; }

    public bool IsPresent(int slot)
    {
        if (slot < 64) return (_present & (1UL << slot)) != 0;
        CheckSlot(slot);
        return (_presentMore![(slot >> 6) - 1] & (1UL << (slot & 63))) != 0;
    }

    public double GetNumber(int slot) => _values[Value(slot, SlotKind.Number)];

    public bool GetBoolean(int slot) => _values[Value(slot, SlotKind.Boolean)] != 0;

    public DateOnly GetDate(int slot) => DateOnly.FromDayNumber((int)_values[Value(slot, SlotKind.Date)]);

    public string? GetText(int slot) => (string?)_references![Reference(slot, SlotKind.Text)];

    public object? GetObject(int slot) => _references![Reference(slot, SlotKind.Object)];

    /// <summary>The slot's value boxed, or null when missing. For tracing and display, not for hot paths.</summary>
    public object? GetValue(int slot)
    {
        if (!IsPresent(slot)) return null;
        return Schema.Kinds[slot] switch
        {
            SlotKind.Number => GetNumber(slot),
            SlotKind.Boolean => GetBoolean(slot),
            SlotKind.Date => GetDate(slot),
            SlotKind.Text => GetText(slot),
            _ => GetObject(slot),
        };
    }

    public void SetNumber(int slot, double value)
    {
        _values[Value(slot, SlotKind.Number)] = value;
        MarkPresent(slot, true);
    }

    public void SetBoolean(int slot, bool value)
    {
        _values[Value(slot, SlotKind.Boolean)] = value ? 1 : 0;
        MarkPresent(slot, true);
    }

    public void SetDate(int slot, DateOnly value)
    {
        _values[Value(slot, SlotKind.Date)] = value.DayNumber;
        MarkPresent(slot, true);
    }

    /// <summary>Sets a text slot; null makes the slot missing.</summary>
    public void SetText(int slot, string? value)
    {
        _references![Reference(slot, SlotKind.Text)] = value;
        MarkPresent(slot, value is not null);
    }

    /// <summary>Sets an object slot; null makes the slot missing.</summary>
    public void SetObject(int slot, object? value)
    {
        _references![Reference(slot, SlotKind.Object)] = value;
        MarkPresent(slot, value is not null);
    }

    /// <summary>Makes a slot missing.</summary>
    public void Clear(int slot)
    {
        var kind = Schema.Kinds[slot];
        if (RecordSchema.IsReference(kind)) _references![Schema.Positions[slot]] = null;
        else _values[Schema.Positions[slot]] = 0;
        MarkPresent(slot, false);
    }

    public override string ToString() => $"{Schema.Name}:{Id}";

    private int Value(int slot, SlotKind kind)
    {
        if (Schema.Kinds[slot] != kind) throw WrongKind(slot, kind);
        return Schema.Positions[slot];
    }

    private int Reference(int slot, SlotKind kind)
    {
        if (Schema.Kinds[slot] != kind) throw WrongKind(slot, kind);
        return Schema.Positions[slot];
    }

    private InvalidOperationException WrongKind(int slot, SlotKind kind) =>
        new($"Slot '{Schema.Slots[slot].Name}' of '{Schema.Name}' is {Schema.Slots[slot].Kind}, not {kind}.");

    private void CheckSlot(int slot)
    {
        if ((uint)slot >= (uint)Schema.Slots.Count) throw new ArgumentOutOfRangeException(nameof(slot));
    }

    private void MarkPresent(int slot, bool present)
    {
        if (present && Schema.Narrow && Schema.Positions[slot] == 0)
            throw new InvalidOperationException($"Slot '{Schema.Slots[slot].Name}' is not kept by this narrowed '{Schema.Name}' record.");
        if (slot < 64)
        {
            if (present) _present |= 1UL << slot;
            else _present &= ~(1UL << slot);
            return;
        }
        ref var word = ref _presentMore![(slot >> 6) - 1];
        if (present) word |= 1UL << (slot & 63);
        else word &= ~(1UL << (slot & 63));
    }
}
