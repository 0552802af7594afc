using System.Runtime.CompilerServices;
using NtpRules.Language.Expressions.Binding;
using static System.Runtime.CompilerServices.MethodImplOptions;

namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>
/// The only methods compiled expressions call (besides <see cref="IEvaluationContext"/> and <see cref="ExpressionTrace"/>).
/// Numbers and dates are doubles with NaN for unknown, truths are <see cref="Truth"/>, texts are strings with null for
/// unknown. The interpreter shares the arithmetic helpers so both round and aggregate identically.
/// </summary>
/// <remarks>
/// None is inlined: the JIT inlining them into every generated delegate was most of the cost of compiling a rule
/// library (165 ms for its 189 expressions, 73 ms without), while a call costs a compiled verdict about 5 ns.
/// </remarks>
internal static class Runtime
{
    // Reads: Value.AsNumber/AsDayNumber/AsTruth/AsText already turn a value of the wrong kind into unknown.
    [MethodImpl(NoInlining)]
    public static double ReadNumber(IEvaluationContext ctx, IndicatorSymbol s, ExpressionTrace? trace)
    {
        var n = ctx.Indicator(s.Slot).AsNumber;
        trace?.Read(s.Name, Value.Number(n));
        return n;
    }

    [MethodImpl(NoInlining)]
    public static double ReadDate(IEvaluationContext ctx, IndicatorSymbol s, ExpressionTrace? trace)
    {
        var d = ctx.Indicator(s.Slot).AsDayNumber;
        trace?.Read(s.Name, DateValue(d));
        return d;
    }

    [MethodImpl(NoInlining)]
    public static Truth ReadTruth(IEvaluationContext ctx, IndicatorSymbol s, ExpressionTrace? trace)
    {
        var t = ctx.Indicator(s.Slot).AsTruth;
        trace?.Read(s.Name, Value.Of(t));
        return t;
    }

    [MethodImpl(NoInlining)]
    public static string? ReadText(IEvaluationContext ctx, IndicatorSymbol s, ExpressionTrace? trace)
    {
        var text = ctx.Indicator(s.Slot).AsText;
        trace?.Read(s.Name, Value.Text(text));
        return text;
    }

    [MethodImpl(NoInlining)]
    public static Value Parameter(IEvaluationContext ctx, ExpressionTrace? trace, ParameterSymbol p, int count, Value k0, Value k1, Value k2, Value k3)
    {
        var keys = new ParameterKeys(count, k0, k1, k2, k3);
        if (keys.AnyMissing) return Value.Missing;
        return Interpreter.Normalize(p.Type, ExpressionTrace.Parameter(trace, p, keys, ctx.Parameter(p, keys)).Value);
    }

    [MethodImpl(NoInlining)]
    public static Value NumberValue(double n) => Value.Number(n);
    [MethodImpl(NoInlining)]
    public static Value DateValue(double day) => double.IsNaN(day) ? Value.Missing : Value.Date(DateOnly.FromDayNumber((int)day));
    [MethodImpl(NoInlining)]
    public static Value TextValue(string? s) => Value.Text(s);
    [MethodImpl(NoInlining)]
    public static Value TruthValue(Truth t) => Value.Of(t);

    [MethodImpl(NoInlining)]
    public static double Year(IEvaluationContext ctx) => ctx.AsOf.Year;
    [MethodImpl(NoInlining)]
    public static double AsOf(IEvaluationContext ctx) => ctx.AsOf.DayNumber;
    [MethodImpl(NoInlining)]
    public static double YearOf(double day) => double.IsNaN(day) ? double.NaN : DateOnly.FromDayNumber((int)day).Year;

    [MethodImpl(NoInlining)]
    public static Truth Not(Truth t) => Kleene.Not(t);
    [MethodImpl(NoInlining)]
    public static Truth And(Truth a, Truth b) => Kleene.And(a, b);
    [MethodImpl(NoInlining)]
    public static Truth Or(Truth a, Truth b) => Kleene.Or(a, b);

    /// <summary>x / y; a zero divisor is unknown, noted with <paramref name="zeroNote"/> (what it means: no child counted, or a division by zero).</summary>
    [MethodImpl(NoInlining)]
    public static double Divide(double x, double y, ExpressionTrace? trace, string zeroNote)
    {
        if (y == 0)
        {
            trace?.Note(zeroNote);
            return double.NaN;
        }
        return x / y;
    }

    [MethodImpl(NoInlining)]
    public static Truth Equal(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? Truth.Unknown : Kleene.Of(x == y);
    [MethodImpl(NoInlining)]
    public static Truth NotEqual(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? Truth.Unknown : Kleene.Of(x != y);
    [MethodImpl(NoInlining)]
    public static Truth Less(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? Truth.Unknown : Kleene.Of(x < y);
    [MethodImpl(NoInlining)]
    public static Truth LessOrEqual(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? Truth.Unknown : Kleene.Of(x <= y);
    [MethodImpl(NoInlining)]
    public static Truth Greater(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? Truth.Unknown : Kleene.Of(x > y);
    [MethodImpl(NoInlining)]
    public static Truth GreaterOrEqual(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? Truth.Unknown : Kleene.Of(x >= y);
    [MethodImpl(NoInlining)]
    public static Truth TextEqual(string? x, string? y) => x is null || y is null ? Truth.Unknown : Kleene.Of(string.Equals(x, y, StringComparison.Ordinal));
    [MethodImpl(NoInlining)]
    public static Truth TruthEqual(Truth x, Truth y) => x == Truth.Unknown || y == Truth.Unknown ? Truth.Unknown : Kleene.Of(x == y);

    /// <summary>Folds one item of <c>x in [a, b, …]</c>: true if any item is equal, else unknown if any comparison was unknown.</summary>
    [MethodImpl(NoInlining)]
    public static Truth InStep(Truth acc, Truth item) =>
        acc == Truth.True || item == Truth.True ? Truth.True : acc == Truth.Unknown || item == Truth.Unknown ? Truth.Unknown : Truth.False;

    [MethodImpl(NoInlining)]
    public static bool IsKnown(double x) => !double.IsNaN(x);
    [MethodImpl(NoInlining)]
    public static bool IsKnown(string? x) => x is not null;
    [MethodImpl(NoInlining)]
    public static bool IsKnown(Truth x) => x != Truth.Unknown;
    [MethodImpl(NoInlining)]
    public static Truth Known(bool known) => Kleene.Of(known);

    /// <summary>A step of <c>count_true</c>: NaN once any operand is unknown.</summary>
    [MethodImpl(NoInlining)]
    public static double CountTrueStep(double acc, Truth t) => t == Truth.Unknown ? double.NaN : t == Truth.True ? acc + 1 : acc;

    [MethodImpl(NoInlining)]
    public static double Abs(double x) => Math.Abs(x);
    [MethodImpl(NoInlining)]
    public static double Min(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Min(x, y);
    [MethodImpl(NoInlining)]
    public static double Max(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Max(x, y);

    /// <summary>Rounds half away from zero to 0–15 decimals (the usual rule in administrative statistics).</summary>
    [MethodImpl(NoInlining)]
    public static double Round(double x, double digits)
    {
        if (double.IsNaN(x) || double.IsNaN(digits) || double.IsInfinity(x)) return double.IsNaN(digits) ? double.NaN : x;
        var d = digits <= 0 ? 0 : digits >= 15 ? 15 : (int)digits;
        return Math.Round(x, d, MidpointRounding.AwayFromZero);
    }

    [MethodImpl(NoInlining)]
    public static double CountChildren(IEvaluationContext ctx, string kind) => ctx.Children(kind).Count;

    [MethodImpl(NoInlining)]
    public static double AggregateTruth(IEvaluationContext ctx, string kind, Aggregate aggregate, Func<IEvaluationContext, ExpressionTrace?, Truth> body)
    {
        var acc = new Accumulator(aggregate);
        foreach (var child in ctx.Children(kind))
        {
            acc.AddTruth(body(child, null));
            if (acc.Unknown) break;
        }
        return acc.Result();
    }

    [MethodImpl(NoInlining)]
    public static double AggregateNumber(IEvaluationContext ctx, string kind, Aggregate aggregate, Func<IEvaluationContext, ExpressionTrace?, double> body)
    {
        var acc = new Accumulator(aggregate);
        foreach (var child in ctx.Children(kind))
        {
            acc.Add(body(child, null));
            if (acc.Unknown) break;
        }
        return acc.Result();
    }

    [MethodImpl(NoInlining)]
    public static double TraceNumber(ExpressionTrace? trace, string text, double value)
    {
        ExpressionTrace.Computed(trace, text, Value.Number(value));
        return value;
    }

    [MethodImpl(NoInlining)]
    public static Truth Met(IEvaluationContext ctx, ExpressionTrace? trace, string standard, string text)
    {
        var t = ctx.Met(standard);
        ExpressionTrace.Computed(trace, text, Value.Of(t));
        return t;
    }

    [MethodImpl(NoInlining)]
    public static NumberBound CriteriaMet(IEvaluationContext ctx, string standard) => ctx.CriteriaMet(standard);

    [MethodImpl(NoInlining)]
    public static Value Baseline(IEvaluationContext ctx, ExpressionTrace? trace, Func<IEvaluationContext, ExpressionTrace?, Value> body, string text)
    {
        var baseline = ctx.Baseline;
        if (baseline is null)
        {
            trace?.Note("there is no baseline data");
            return Value.Missing;
        }
        return ExpressionTrace.Computed(trace, text, body(baseline, null));
    }

    // ---- bounds: counting with unknowns (NumberBound) ----------------------------------------------------------------

    [MethodImpl(NoInlining)]
    public static NumberBound PointBound(double x) => NumberBound.Point(x);
    [MethodImpl(NoInlining)]
    public static double BoundValue(NumberBound b) => b.Value;
    [MethodImpl(NoInlining)]
    public static NumberBound BoundAdd(NumberBound a, NumberBound b) => a + b;
    [MethodImpl(NoInlining)]
    public static NumberBound BoundSubtract(NumberBound a, NumberBound b) => a - b;
    [MethodImpl(NoInlining)]
    public static NumberBound BoundMultiply(NumberBound a, NumberBound b) => a * b;
    [MethodImpl(NoInlining)]
    public static NumberBound BoundNegate(NumberBound a) => -a;
    [MethodImpl(NoInlining)]
    public static NumberBound BoundMin(NumberBound a, NumberBound b) => NumberBound.Min(a, b);
    [MethodImpl(NoInlining)]
    public static NumberBound BoundMax(NumberBound a, NumberBound b) => NumberBound.Max(a, b);
    [MethodImpl(NoInlining)]
    public static NumberBound BoundAbs(NumberBound a) => NumberBound.Abs(a);
    [MethodImpl(NoInlining)]
    public static NumberBound BoundRound(NumberBound a, double digits) => NumberBound.Round(a, digits);
    [MethodImpl(NoInlining)]
    public static NumberBound BoundHull(NumberBound a, NumberBound b) => NumberBound.Hull(a, b);
    [MethodImpl(NoInlining)]
    public static Truth BoundCompare(string op, NumberBound a, NumberBound b) => NumberBound.Compare(op, a, b);

    /// <summary>Like <see cref="Divide"/>: a divisor that is exactly zero is noted; one that only may be zero is unknown.</summary>
    [MethodImpl(NoInlining)]
    public static NumberBound BoundDivide(NumberBound a, NumberBound b, ExpressionTrace? trace, string zeroNote)
    {
        if (b.IsPoint && b.Lo == 0) trace?.Note(zeroNote);
        return a / b;
    }

    /// <summary>A step of a bounded <c>count_true</c>: a true operand raises both ends, an unknown one only the upper.</summary>
    [MethodImpl(NoInlining)]
    public static NumberBound CountTrueBoundStep(NumberBound acc, Truth t) =>
        NumberBound.Count((int)acc.Lo + (t == Truth.True ? 1 : 0), acc.Unknowns + (t == Truth.Unknown ? 1 : 0), acc.Of + 1);

    [MethodImpl(NoInlining)]
    public static NumberBound EmptyCount() => NumberBound.Count(0, 0, 0);

    /// <summary><c>count</c> or <c>share</c> of children meeting a condition, counting the children it is unknown for.</summary>
    [MethodImpl(NoInlining)]
    public static NumberBound AggregateTruthBound(IEvaluationContext ctx, string kind, Aggregate aggregate, Func<IEvaluationContext, ExpressionTrace?, Truth> body)
    {
        int n = 0, trues = 0, unknowns = 0;
        foreach (var child in ctx.Children(kind))
        {
            n++;
            switch (body(child, null))
            {
                case Truth.True: trues++; break;
                case Truth.Unknown: unknowns++; break;
            }
        }
        return TruthBound(aggregate, n, trues, unknowns);
    }

    private static NumberBound TruthBound(Aggregate aggregate, int n, int trues, int unknowns) => aggregate == Aggregate.Count
        ? NumberBound.Count(trues, unknowns, n)
        : n == 0 ? NumberBound.Unknown : new NumberBound(100.0 * trues / n, 100.0 * (trues + unknowns) / n, n, unknowns);

    /// <summary><c>sum/avg/min_of/max_of</c> over children whose values are themselves bounds (counts).</summary>
    [MethodImpl(NoInlining)]
    public static NumberBound AggregateBound(IEvaluationContext ctx, string kind, Aggregate aggregate, Func<IEvaluationContext, ExpressionTrace?, NumberBound> body)
    {
        var acc = new BoundAccumulator(aggregate);
        foreach (var child in ctx.Children(kind)) acc.Add(body(child, null));
        return acc.Result();
    }

    /// <summary>Records a computed bound: its plain value (missing unless closed), and a note when it is partly known.</summary>
    [MethodImpl(NoInlining)]
    public static NumberBound TraceBound(ExpressionTrace? trace, string text, bool read, NumberBound b)
    {
        if (trace is null) return b;
        if (read) ExpressionTrace.Computed(trace, text, Value.Number(b.Value));
        if (!b.IsPoint && !b.IsUnknown) trace.Note($"{text}: {b}");
        return b;
    }

    private struct BoundAccumulator(Aggregate aggregate)
    {
        private int _n;
        private NumberBound _acc;

        public void Add(NumberBound b)
        {
            _acc = _n == 0 ? (aggregate is Aggregate.Sum or Aggregate.Avg ? NumberBound.Point(0) + b : b)
                : aggregate switch
                {
                    Aggregate.MinOf => NumberBound.Min(_acc, b),
                    Aggregate.MaxOf => NumberBound.Max(_acc, b),
                    _ => _acc + b,
                };
            _n++;
        }

        public readonly NumberBound Result() => aggregate switch
        {
            Aggregate.Sum => _n == 0 ? NumberBound.Point(0) : _acc,
            Aggregate.Avg => _n == 0 ? NumberBound.Unknown : new NumberBound(_acc.Lo / _n, _acc.Hi / _n),
            _ => _n == 0 ? NumberBound.Unknown : _acc,
        };
    }

    /// <summary>
    /// The running state of an aggregate over children. Any unknown child value makes the whole aggregate unknown:
    /// a missing household could change a count, a sum or a share.
    /// </summary>
    internal struct Accumulator(Aggregate aggregate)
    {
        private int _n, _trues;
        private double _sum;
        private double _min = double.PositiveInfinity, _max = double.NegativeInfinity;

        public bool Unknown { get; private set; }

        public void AddTruth(Truth t)
        {
            if (t == Truth.Unknown) Unknown = true;
            _n++;
            if (t == Truth.True) _trues++;
        }

        public void Add(double v)
        {
            if (double.IsNaN(v)) Unknown = true;
            _n++;
            _sum += v;
            _min = Math.Min(_min, v);
            _max = Math.Max(_max, v);
        }

        public readonly double Result() => Unknown ? double.NaN : aggregate switch
        {
            Aggregate.Count => _trues,
            Aggregate.Share => _n == 0 ? double.NaN : 100.0 * _trues / _n,
            Aggregate.Sum => _sum,
            Aggregate.Avg => _n == 0 ? double.NaN : _sum / _n,
            Aggregate.MinOf => _n == 0 ? double.NaN : _min,
            _ => _n == 0 ? double.NaN : _max,
        };
    }
}
