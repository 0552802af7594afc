namespace NtpRules.Engine;

/// <summary>
/// What a pattern matches: a CLR type (facts of that type, a derived type or an implementing type), or a
/// <see cref="RecordSchema"/> (records of exactly that schema).
/// </summary>
public sealed class FactType : IEquatable<FactType>
{
    private FactType(Type clrType, RecordSchema? schema)
    {
        ClrType = clrType;
        Schema = schema;
    }

    public Type ClrType { get; }

    public RecordSchema? Schema { get; }

    public string Name => Schema?.Name ?? ClrType.Name;

    public static FactType Of<T>() => new(typeof(T), null);

    public static FactType Of(Type clrType) => new(clrType ?? throw new ArgumentNullException(nameof(clrType)), null);

    public static FactType Of(RecordSchema schema) =>
        new(typeof(Record), schema ?? throw new ArgumentNullException(nameof(schema)));

    public static implicit operator FactType(RecordSchema schema) => Of(schema);

    public bool Matches(object fact) =>
        Schema is null ? ClrType.IsInstanceOfType(fact) : fact is Record r && ReferenceEquals(r.Schema, Schema);

    public bool Equals(FactType? other) =>
        other is not null && other.ClrType == ClrType && ReferenceEquals(other.Schema, Schema);

    public override bool Equals(object? obj) => Equals(obj as FactType);

    public override int GetHashCode() => HashCode.Combine(ClrType, Schema);

    public override string ToString() => Name;
}
