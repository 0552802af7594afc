using System.Globalization;
using System.Text;

namespace NtpRules.Language.Expressions.Evaluation;

public enum ValueKind : byte { Missing, Number, Boolean, Text, Date }

/// <summary>
/// One value read or computed by an expression, or <see cref="Missing"/>. A small struct, so reading values does not
/// allocate. NaN is not a number here: <see cref="Number"/> turns it into <see cref="Missing"/>.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly double _number; // number, boolean (0/1) or date (day number)
    private readonly string? _text;

    private Value(ValueKind kind, double number, string? text)
    {
        Kind = kind;
        _number = number;
        _text = text;
    }

    public ValueKind Kind { get; }
    public bool IsMissing => Kind == ValueKind.Missing;

    public static Value Missing => default;
    public static Value Number(double n) => double.IsNaN(n) ? default : new(ValueKind.Number, n, null);
    public static Value Boolean(bool b) => new(ValueKind.Boolean, b ? 1 : 0, null);
    public static Value Text(string? s) => s is null ? default : new(ValueKind.Text, 0, s);
    public static Value Date(DateOnly d) => new(ValueKind.Date, d.DayNumber, null);
    public static Value Of(Truth t) => t == Truth.Unknown ? default : Boolean(t == Truth.True);

    /// <summary>A value from a plain CLR object: double/int/long/decimal, bool, string, DateOnly, DateTime or null.</summary>
    public static Value FromObject(object? o) => o switch
    {
        null => Missing,
        Value v => v,
        double d => Number(d),
        int i => Number(i),
        long l => Number(l),
        decimal m => Number((double)m),
        float f => Number(f),
        bool b => Boolean(b),
        string s => Text(s),
        DateOnly d => Date(d),
        DateTime t => Date(DateOnly.FromDateTime(t)),
        _ => Text(Convert.ToString(o, CultureInfo.InvariantCulture)),
    };

    /// <summary>The number, or NaN when this is not a number.</summary>
    public double AsNumber => Kind == ValueKind.Number ? _number : double.NaN;

    /// <summary>The date as a day number (<see cref="DateOnly.DayNumber"/>), or NaN when this is not a date.</summary>
    public double AsDayNumber => Kind == ValueKind.Date ? _number : double.NaN;

    public string? AsText => Kind == ValueKind.Text ? _text : null;

    public Truth AsTruth => Kind == ValueKind.Boolean ? (_number != 0 ? Truth.True : Truth.False) : Truth.Unknown;

    /// <summary>The plain CLR value: double, bool, string, DateOnly, or null when missing.</summary>
    public object? ToObject() => Kind switch
    {
        ValueKind.Number => _number,
        ValueKind.Boolean => _number != 0,
        ValueKind.Text => _text,
        ValueKind.Date => DateOnly.FromDayNumber((int)_number),
        _ => null,
    };

    /// <summary>How the value reads in explanations and in parameter table keys.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Number => FormatNumber(_number),
        ValueKind.Boolean => _number != 0 ? "true" : "false",
        ValueKind.Text => _text!,
        ValueKind.Date => DateOnly.FromDayNumber((int)_number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => "missing",
    };

    /// <summary>Up to 4 decimals, no trailing zeros, invariant culture: 72, 12.5, 0.3333.</summary>
    public static string FormatNumber(double n)
    {
        var r = Math.Round(n, 4);
        return r == Math.Floor(r) && Math.Abs(r) < 1e15
            ? ((long)r).ToString(CultureInfo.InvariantCulture) // the common case, and much cheaper than a custom format
            : r.ToString("0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>Appends <see cref="ToString"/>'s text, without making a string of a number.</summary>
    internal StringBuilder AppendTo(StringBuilder text) => Kind == ValueKind.Number ? AppendNumber(text, _number) : text.Append(ToString());

    /// <summary>Appends <see cref="FormatNumber"/>'s text without making a string.</summary>
    internal static StringBuilder AppendNumber(StringBuilder text, double n)
    {
        var r = Math.Round(n, 4);
        // Formatted into a stack buffer: the interpolated form boxed the number on every call.
        Span<char> buffer = stackalloc char[64];
        var written = r == Math.Floor(r) && Math.Abs(r) < 1e15
            ? ((long)r).TryFormat(buffer, out var length, default, CultureInfo.InvariantCulture) ? length : -1
            : r.TryFormat(buffer, out length, "0.####", CultureInfo.InvariantCulture) ? length : -1;
        return written >= 0 ? text.Append(buffer[..written]) : text.Append(FormatNumber(n));
    }

    public bool Equals(Value other) => Kind == other.Kind && _number.Equals(other._number) && _text == other._text;
    public override bool Equals(object? obj) => obj is Value v && Equals(v);
    public override int GetHashCode() => HashCode.Combine(Kind, _number, _text);
    public static bool operator ==(Value a, Value b) => a.Equals(b);
    public static bool operator !=(Value a, Value b) => !a.Equals(b);
}
