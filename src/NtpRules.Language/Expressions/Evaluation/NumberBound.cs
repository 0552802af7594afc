using System.Globalization;

namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>
/// What is known of a number some of whose inputs are unknown: every completion of the unknowns gives a value in
/// [<see cref="Lo"/>, <see cref="Hi"/>]. Counting (<c>count_true</c>, <c>count</c>, <c>share</c>, <c>criteria_met</c>)
/// yields a bound, arithmetic carries it, and a comparison decides as soon as the bound does: a household with 3
/// known deprivations and 1 unknown is deprived on at least 3, so <c>deprivation_count &gt;= 3</c> is true.
/// </summary>
/// <remarks>
/// Nothing known is [−∞, +∞]. A bound is sound, not always tight: <c>count_true(b) - count_true(b)</c> with b unknown
/// is [−1, 1], though every completion gives 0. Counting a value's own unknowns (<see cref="Of"/>, <see cref="Unknowns"/>)
/// lets explanations say "at least 3 of 12 (1 unknown)".
/// </remarks>
public readonly struct NumberBound : IEquatable<NumberBound>
{
    public NumberBound(double lo, double hi, int of = 0, int unknowns = 0)
    {
        if (double.IsNaN(lo) || double.IsNaN(hi) || lo > hi) (lo, hi) = (double.NegativeInfinity, double.PositiveInfinity);
        Lo = lo;
        Hi = hi;
        Of = of;
        Unknowns = unknowns;
    }

    public double Lo { get; }
    public double Hi { get; }
    /// <summary>For a count: how many items were counted (0 when this is not a count).</summary>
    public int Of { get; }
    /// <summary>For a count: how many of the items were unknown.</summary>
    public int Unknowns { get; }

    public static NumberBound Unknown => new(double.NaN, double.NaN);

    /// <summary>A known number (NaN gives <see cref="Unknown"/>).</summary>
    public static NumberBound Point(double x) => new(x, x);

    /// <summary><paramref name="known"/> items true, <paramref name="unknowns"/> unknown, out of <paramref name="of"/>.</summary>
    public static NumberBound Count(int known, int unknowns, int of) => new(known, known + unknowns, of, unknowns);

    public bool IsPoint => Lo == Hi;
    public bool IsUnknown => double.IsNegativeInfinity(Lo) && double.IsPositiveInfinity(Hi);

    /// <summary>The number when the bound has closed on it; NaN otherwise (the plain value of a partly unknown count).</summary>
    public double Value => Lo == Hi ? Lo : double.NaN;

    public static NumberBound operator +(NumberBound a, NumberBound b) => new(a.Lo + b.Lo, a.Hi + b.Hi);
    public static NumberBound operator -(NumberBound a, NumberBound b) => new(a.Lo - b.Hi, a.Hi - b.Lo);
    public static NumberBound operator -(NumberBound a) => new(-a.Hi, -a.Lo);

    public static NumberBound operator *(NumberBound a, NumberBound b)
    {
        if (a.IsUnknown || b.IsUnknown) return Unknown; // unknown times anything is unknown, as for plain numbers
        double p = a.Lo * b.Lo, q = a.Lo * b.Hi, r = a.Hi * b.Lo, s = a.Hi * b.Hi;
        return new(Math.Min(Math.Min(p, q), Math.Min(r, s)), Math.Max(Math.Max(p, q), Math.Max(r, s)));
    }

    /// <summary>Unknown when the divisor may be zero (a plain division by zero is unknown too).</summary>
    public static NumberBound operator /(NumberBound a, NumberBound b)
    {
        if (a.IsUnknown || b.IsUnknown || (b.Lo <= 0 && b.Hi >= 0)) return Unknown;
        double p = a.Lo / b.Lo, q = a.Lo / b.Hi, r = a.Hi / b.Lo, s = a.Hi / b.Hi; // a point over a point is exactly x / y
        return new(Math.Min(Math.Min(p, q), Math.Min(r, s)), Math.Max(Math.Max(p, q), Math.Max(r, s)));
    }

    public static NumberBound Min(NumberBound a, NumberBound b) => new(Math.Min(a.Lo, b.Lo), Math.Min(a.Hi, b.Hi));
    public static NumberBound Max(NumberBound a, NumberBound b) => new(Math.Max(a.Lo, b.Lo), Math.Max(a.Hi, b.Hi));

    public static NumberBound Abs(NumberBound a) =>
        a.Lo >= 0 ? a : a.Hi <= 0 ? -a : new(0, Math.Max(-a.Lo, a.Hi));

    /// <summary>Rounding is monotone, so it maps the ends.</summary>
    public static NumberBound Round(NumberBound a, double digits) =>
        a.IsUnknown ? Unknown : new(Runtime.Round(a.Lo, digits), Runtime.Round(a.Hi, digits));

    /// <summary>The smallest bound holding both (an <c>if</c> whose condition is unknown).</summary>
    public static NumberBound Hull(NumberBound a, NumberBound b) => new(Math.Min(a.Lo, b.Lo), Math.Max(a.Hi, b.Hi));

    /// <summary>
    /// <c>a op b</c> decided by the bounds: true when it holds for every pair of values in them, false when for none,
    /// unknown otherwise. Nothing known on either side is unknown.
    /// </summary>
    public static Truth Compare(string op, NumberBound a, NumberBound b)
    {
        if (a.IsUnknown || b.IsUnknown) return Truth.Unknown;
        return op switch
        {
            ">=" => a.Lo >= b.Hi ? Truth.True : a.Hi < b.Lo ? Truth.False : Truth.Unknown,
            ">" => a.Lo > b.Hi ? Truth.True : a.Hi <= b.Lo ? Truth.False : Truth.Unknown,
            "<=" => a.Hi <= b.Lo ? Truth.True : a.Lo > b.Hi ? Truth.False : Truth.Unknown,
            "<" => a.Hi < b.Lo ? Truth.True : a.Lo >= b.Hi ? Truth.False : Truth.Unknown,
            "==" => a.IsPoint && b.IsPoint && a.Lo == b.Lo ? Truth.True : a.Hi < b.Lo || b.Hi < a.Lo ? Truth.False : Truth.Unknown,
            "!=" => Kleene.Not(Compare("==", a, b)),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
        };
    }

    internal static string OperatorText(Syntax.BinaryOperator op) => op switch
    {
        Syntax.BinaryOperator.Equal => "==",
        Syntax.BinaryOperator.NotEqual => "!=",
        Syntax.BinaryOperator.Less => "<",
        Syntax.BinaryOperator.LessOrEqual => "<=",
        Syntax.BinaryOperator.Greater => ">",
        Syntax.BinaryOperator.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
    };

    /// <summary>"at least 3 of 12 (1 unknown)", "between 40 and 52 (3 of 25 unknown)", "72", "unknown".</summary>
    public override string ToString()
    {
        if (IsPoint) return Evaluation.Value.FormatNumber(Lo);
        if (IsUnknown) return "unknown";
        var unknowns = Of > 0 ? $" ({Unknowns.ToString(CultureInfo.InvariantCulture)} unknown)" : "";
        if (Of > 0 && Lo == Hi - Unknowns) // a count: its upper end adds nothing the "of n" does not say
            return $"at least {Evaluation.Value.FormatNumber(Lo)} of {Of.ToString(CultureInfo.InvariantCulture)}{unknowns}";
        return double.IsNegativeInfinity(Lo) ? $"at most {Evaluation.Value.FormatNumber(Hi)}"
            : double.IsPositiveInfinity(Hi) ? $"at least {Evaluation.Value.FormatNumber(Lo)}"
            : $"between {Evaluation.Value.FormatNumber(Lo)} and {Evaluation.Value.FormatNumber(Hi)}" +
              (Of > 0 ? $" ({Unknowns.ToString(CultureInfo.InvariantCulture)} of {Of.ToString(CultureInfo.InvariantCulture)} unknown)" : "");
    }

    public bool Equals(NumberBound other) => Lo.Equals(other.Lo) && Hi.Equals(other.Hi);
    public override bool Equals(object? obj) => obj is NumberBound b && Equals(b);
    public override int GetHashCode() => HashCode.Combine(Lo, Hi);
    public static bool operator ==(NumberBound a, NumberBound b) => a.Equals(b);
    public static bool operator !=(NumberBound a, NumberBound b) => !a.Equals(b);
}
