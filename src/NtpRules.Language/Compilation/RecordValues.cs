using NtpRules.Engine;
using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Language.Compilation;

/// <summary>Reads and writes expression values in record slots; a missing slot is <see cref="Value.Missing"/>.</summary>
public static class RecordValues
{
    public static Value Read(Record record, int slot)
    {
        if (!record.IsPresent(slot)) return Value.Missing;
        return record.Schema.Slots[slot].Kind switch
        {
            SlotKind.Number => Value.Number(record.GetNumber(slot)),
            SlotKind.Boolean => Value.Boolean(record.GetBoolean(slot)),
            SlotKind.Date => Value.Date(record.GetDate(slot)),
            SlotKind.Text => Value.Text(record.GetText(slot)),
            _ => Value.FromObject(record.GetObject(slot)),
        };
    }

    /// <summary>Writes <paramref name="value"/> (missing clears the slot); returns whether the slot changed.</summary>
    public static bool Write(Record record, int slot, Value value)
    {
        if (Read(record, slot) == value) return false;
        if (value.IsMissing)
        {
            record.Clear(slot);
            return true;
        }
        switch (record.Schema.Slots[slot].Kind)
        {
            case SlotKind.Number: record.SetNumber(slot, value.AsNumber); break;
            case SlotKind.Boolean: record.SetBoolean(slot, value.AsTruth == Truth.True); break;
            case SlotKind.Date: record.SetDate(slot, DateOnly.FromDayNumber((int)value.AsDayNumber)); break;
            case SlotKind.Text: record.SetText(slot, value.ToString()); break;
            default: record.SetObject(slot, value.ToObject()); break;
        }
        return true;
    }

    /// <summary>Writes a plain value (double, long, int, bool, DateOnly, string or null) read from data.</summary>
    public static void WriteObject(Record record, int slot, object? value)
    {
        var v = value switch
        {
            long l => Value.Number(l),
            _ => Value.FromObject(value),
        };
        // A number column given as text (or the reverse) is a data error the readers report; here it is just missing.
        if (!v.IsMissing && !Fits(record.Schema.Slots[slot].Kind, v.Kind)) v = Value.Missing;
        Write(record, slot, v);
    }

    private static bool Fits(SlotKind slot, ValueKind value) => slot switch
    {
        SlotKind.Number => value == ValueKind.Number,
        SlotKind.Boolean => value == ValueKind.Boolean,
        SlotKind.Date => value == ValueKind.Date,
        SlotKind.Text => value == ValueKind.Text,
        _ => true,
    };
}
