namespace NtpRules.Engine;

/// <summary>One named, typed slot of a <see cref="RecordSchema"/>.</summary>
public sealed record RecordSlot(string Name, SlotKind Kind, int Index);
