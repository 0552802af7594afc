namespace NtpRules.Language.Expressions;

public enum TypeKind { Number, Integer, Boolean, Text, Date, Enum, Error }

/// <summary>
/// The type of an expression: number (integer is a number subtype), boolean, text, date, or enum with its allowed values.
/// <see cref="Error"/> marks an expression already reported as wrong, so that one mistake gives one message.
/// </summary>
public sealed class ExprType : IEquatable<ExprType>
{
    private ExprType(TypeKind kind, IReadOnlyList<string>? values = null)
    {
        Kind = kind;
        EnumValues = values ?? [];
    }

    public TypeKind Kind { get; }
    public IReadOnlyList<string> EnumValues { get; }

    public static ExprType Number { get; } = new(TypeKind.Number);
    public static ExprType Integer { get; } = new(TypeKind.Integer);
    public static ExprType Boolean { get; } = new(TypeKind.Boolean);
    public static ExprType Text { get; } = new(TypeKind.Text);
    public static ExprType Date { get; } = new(TypeKind.Date);
    public static ExprType Error { get; } = new(TypeKind.Error);
    public static ExprType Enum(IEnumerable<string> values) => new(TypeKind.Enum, values.Distinct().ToArray());

    /// <summary>The catalogue spelling: number, integer, boolean, text, date, enum.</summary>
    public static ExprType? FromName(string name, IEnumerable<string>? enumValues = null) => name switch
    {
        "number" => Number,
        "integer" => Integer,
        "boolean" => Boolean,
        "text" => Text,
        "date" => Date,
        "enum" => Enum(enumValues ?? []),
        _ => null,
    };

    public bool IsNumeric => Kind is TypeKind.Number or TypeKind.Integer;
    public bool IsTextual => Kind is TypeKind.Text or TypeKind.Enum;
    public bool IsError => Kind == TypeKind.Error;

    public bool Equals(ExprType? other) =>
        other is not null && Kind == other.Kind && EnumValues.SequenceEqual(other.EnumValues);

    public override bool Equals(object? obj) => Equals(obj as ExprType);
    public override int GetHashCode() => Kind.GetHashCode();

    public override string ToString() => Kind switch
    {
        TypeKind.Enum => EnumValues.Count <= 8 ? $"enum({string.Join(", ", EnumValues)})" : "enum",
        TypeKind.Error => "error",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
