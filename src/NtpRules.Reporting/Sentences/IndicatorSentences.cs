using System.Collections.Concurrent;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Reporting.Sentences;

/// <summary>
/// An indicator's reason as a sentence with its name, the value read, the threshold in force (and the keys it was
/// looked up with), the gap and the citation: "Share of irrigated land (irrigated_land_pct) is 72.5 %, below the 80 %
/// required for TDMNPB (parameter irrigation_min); 7.5 points short. Decision 318/QĐ-TTg, criterion 3.1." In English
/// or Vietnamese. Conditions that are not comparisons of an indicator with a threshold (or a yes/no indicator) keep the
/// engine's reason, with the citation.
/// </summary>
public static class IndicatorSentences
{
    /// <summary>Conditions parsed once per text (a report has about a hundred distinct ones); null when unparsable.</summary>
    private static readonly ConcurrentDictionary<string, IReadOnlyList<Expr>?> Conjuncts = new(StringComparer.Ordinal);

    /// <param name="name">The indicator's name in <paramref name="language"/> ("en" or "vi").</param>
    public static Sentence Of(IndicatorExplanation i, string name, string language)
    {
        var b = _builder ??= new Sentence.Builder();
        Build(i, Said(i), name, language == "vi" ? Words.Vi : Words.En, b.Clear());
        return b.Build();
    }

    /// <summary>A builder and a list of parts per thread, reused: a report builds a sentence or two per indicator of every subject.</summary>
    [ThreadStatic] private static Sentence.Builder? _builder;
    [ThreadStatic] private static List<(Part Part, double? Gap)>? _said;

    /// <summary>The sentence of <paramref name="i"/> from its parts said (<see cref="Said"/>) into <paramref name="b"/>.</summary>
    internal static void Build(IndicatorExplanation i, List<(Part Part, double? Gap)>? said, string name, Words words, Sentence.Builder b)
    {
        if (said is null)
        {
            b.Text(name).Text(": ");
            if (i.Verdict == Verdict.Unknown && i.Missing.Count > 0) b.Text(words.NoData).Text(string.Join(", ", i.Missing));
            else b.Text(i.NotApplicable ? words.NotApplicable + Tail(i.Reason) : Tail(i.Reason));
        }
        else
        {
            for (var n = 0; n < said.Count; n++)
            {
                if (n > 0) b.Text("; ");
                Say(said[n].Part, n == 0 ? name : null, said[n].Gap, words, b);
            }
            // Each default-row note once, in the order of the thresholds.
            for (var t = 0; t < i.Thresholds.Count; t++)
                if (i.Thresholds[t].DefaultRow is { } note && !NotedBefore(i.Thresholds, t, note)) b.Text(". ").Text(note);
        }
        if (i.Citation.Length > 0) b.Text(". ").Text(i.Citation.AsSpan().TrimEnd('.'));
        b.Text(".");
    }

    private static bool NotedBefore(IReadOnlyList<ThresholdUse> thresholds, int index, string note)
    {
        for (var t = 0; t < index; t++)
            if (thresholds[t].DefaultRow == note) return true;
        return false;
    }

    // "Met: x = 1" → "x = 1": the verdict is said beside the sentence.
    private static string Tail(string reason)
    {
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        var text = colon > 0 && colon < 16 ? reason[(colon + 2)..] : reason;
        return text.TrimEnd('.');
    }

    /// <summary>
    /// The comparisons (and yes/no indicators) that decided the verdict, each with its gap; null when one cannot be
    /// said plainly (the sentence then keeps the engine's reason).
    /// </summary>
    /// <remarks>The list is this thread's, reused: read before the next call.</remarks>
    internal static List<(Part Part, double? Gap)>? Said(IndicatorExplanation i) =>
        i.NotApplicable || i.Expression.Length == 0 ? null : Said(i, ConjunctsOf(i.Expression));

    /// <summary>The parts of a condition joined by "and", parsed once per text; null when unparsable.</summary>
    internal static IReadOnlyList<Expr>? ConjunctsOf(string condition) => Conjuncts.GetOrAdd(condition, Parse);

    /// <summary><see cref="Said(IndicatorExplanation)"/>, the parts of <paramref name="i"/>'s condition given (<see cref="ConjunctsOf"/>).</summary>
    internal static List<(Part Part, double? Gap)>? Said(IndicatorExplanation i, IReadOnlyList<Expr>? conjuncts)
    {
        if (i.NotApplicable || i.Expression.Length == 0 || conjuncts is null) return null;
        var said = _said ??= new List<(Part, double?)>();
        said.Clear();
        for (var n = 0; n < conjuncts.Count; n++)
        {
            if (Read(conjuncts[n], i) is not { } read) return null;
            var part = read with { Conjunct = n };
            // Not met: only the parts that fail; unknown: only those without data.
            if (i.Verdict == Verdict.NotMet && part.Holds != false) continue;
            if (i.Verdict == Verdict.Unknown && part.Holds is not null) continue;
            // The explanation's gap is that of the first failing comparison; the others' are their own difference.
            said.Add((part, said.Count == 0 ? i.Gap : part.Difference));
        }
        return said.Count == 0 ? null : said;
    }

    private static IReadOnlyList<Expr>? Parse(string text)
    {
        var expr = ExpressionParser.Parse(text, SourceLocation.None("report"), new DiagnosticBag());
        if (expr is null) return null;
        var list = new List<Expr>();
        void Split(Expr e)
        {
            if (e is BinaryExpr { Operator: BinaryOperator.And } and) { Split(and.Left); Split(and.Right); }
            else list.Add(e);
        }
        Split(expr);
        return list;
    }

    /// <summary>
    /// One part of a condition: an indicator compared with a threshold or a number, or a yes/no indicator (Required:
    /// the value it must have); <see cref="Conjunct"/> is its place in the condition.
    /// </summary>
    internal readonly record struct Part(string Key, object? Value, BinaryOperator? Op, ThresholdUse? Threshold, double? Limit, bool Required)
    {
        public int Conjunct { get; init; }

        /// <summary>Whether the sentence gives the value read as a figure (a number compared).</summary>
        public bool ValueIsFigure => Op is not null && Value is not null;

        /// <summary>Whether the sentence gives <paramref name="gap"/> as a figure after the value: the comparison fails by that much.</summary>
        public bool GapIsFigure(double? gap) => ValueIsFigure && Holds != true && gap is { } g && !(g <= 0);

        public bool? Holds => Op is { } op
            ? (Value is double v && (Threshold?.Value ?? Limit) is double t ? Compare(op, v, t) : null)
            : Value is bool yes ? yes == Required : null;

        /// <summary>How far the value is from the threshold, in the direction the comparison asks.</summary>
        public double? Difference => Value is double v && (Threshold?.Value ?? Limit) is double t
            ? Op is BinaryOperator.GreaterOrEqual or BinaryOperator.Greater ? t - v : Op is BinaryOperator.Equal ? Math.Abs(v - t) : v - t
            : null;
    }

    private static Part? Read(Expr e, IndicatorExplanation i)
    {
        switch (e)
        {
            case NameExpr n when i.Values.TryGetValue(n.Name, out var v) && v is bool or null:
                return new Part(n.Name, v, null, null, null, true);
            case UnaryExpr { Operator: UnaryOperator.Not, Operand: NameExpr n } when i.Values.TryGetValue(n.Name, out var v) && v is bool or null:
                return new Part(n.Name, v, null, null, null, false);
            case BinaryExpr { Operator: BinaryOperator.GreaterOrEqual or BinaryOperator.Greater or BinaryOperator.LessOrEqual or BinaryOperator.Less or BinaryOperator.Equal } c
                when c.Left is NameExpr left && i.Values.TryGetValue(left.Name, out var v) && v is double or null:
                var parameter = c.Right switch { NameExpr p => p.Name, LookupExpr l => l.Parameter.Name, _ => null };
                if (parameter is not null)
                    return Threshold(i.Thresholds, parameter) is { Value: double } t ? new Part(left.Name, v, c.Operator, t, null, true) : null;
                return c.Right is NumberLiteral number ? new Part(left.Name, v, c.Operator, null, number.Value, true) : null;
            default:
                return null;
        }
    }

    private static ThresholdUse? Threshold(IReadOnlyList<ThresholdUse> thresholds, string parameter)
    {
        for (var t = 0; t < thresholds.Count; t++)
            if (thresholds[t].Parameter == parameter) return thresholds[t];
        return null;
    }

    private static bool Compare(BinaryOperator op, double v, double t) => op switch
    {
        BinaryOperator.GreaterOrEqual => v >= t,
        BinaryOperator.Greater => v > t,
        BinaryOperator.LessOrEqual => v <= t,
        BinaryOperator.Less => v < t,
        _ => v == t,
    };

    private static void Say(Part p, string? name, double? gap, Words words, Sentence.Builder b)
    {
        if (name is null) b.Text(p.Key);
        else b.Text(name).Text(" (").Text(p.Key).Text(")");
        if (p.Value is null)
        {
            b.Text(words.NoValue);
            return;
        }
        if (p.Op is not { } op)
        {
            b.Text(": ").Text(Yes((bool)p.Value, words));
            if (p.Holds == false) b.Text(words.Required).Text(Yes(p.Required, words));
            return;
        }
        var unit = p.Threshold?.Unit;
        var holds = p.Holds == true;
        b.Text(words.Is).Figure(ValueText.Number((double)p.Value)).Text(Unit(unit)).Text(", ");
        // The phrase with the limit in place of its "{0}".
        var phrase = words.Phrase(op, holds);
        var slot = phrase.IndexOf("{0}", StringComparison.Ordinal);
        b.Text(phrase.AsSpan(0, slot)).Text(ValueText.Number(p.Threshold?.Value as double? ?? p.Limit)).Text(Unit(unit)).Text(phrase.AsSpan(slot + 3));
        if (p.Threshold is { } t)
        {
            var first = true;
            foreach (var (key, value) in t.Keys)
            {
                if (key == "year") continue;
                b.Text(first ? words.For : ", ").Text(value);
                first = false;
            }
            if (t.Keys.TryGetValue("year", out var year)) b.Text(words.In).Text(year);
            b.Text(words.Parameter).Text(t.Parameter).Text(")");
        }
        if (!p.GapIsFigure(gap)) return;
        var g = gap!.Value;
        var (before, after) = words.Gap(op);
        b.Text("; ").Text(before).Figure(ValueText.Number(g)).Text(unit == "%" ? words.Points : Unit(unit)).Text(after);
    }

    private static string Unit(string? unit) => unit is null ? "" : Units.GetOrAdd(unit, static u => " " + u);

    /// <summary>" %", " ha": a report has a handful of units.</summary>
    private static readonly ConcurrentDictionary<string, string> Units = new(StringComparer.Ordinal);

    private static string Yes(bool value, Words words) => value ? words.Yes : words.No;
}
