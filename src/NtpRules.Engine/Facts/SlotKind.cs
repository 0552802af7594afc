namespace NtpRules.Engine;

/// <summary>The kind of value a record slot holds.</summary>
public enum SlotKind
{
    /// <summary>A <see cref="double"/>.</summary>
    Number,
    /// <summary>A <see cref="bool"/>.</summary>
    Boolean,
    /// <summary>A <see cref="string"/>.</summary>
    Text,
    /// <summary>A <see cref="DateOnly"/>, stored as its day number.</summary>
    Date,
    /// <summary>Any other object.</summary>
    Object,
}
