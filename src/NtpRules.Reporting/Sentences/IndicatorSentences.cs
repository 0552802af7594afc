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
        var words = language == "vi" ? Words.Vi : Words.En;
        var b = new Sentence.Builder();
        if (!Describe(i, name, words, b))
        {
            b = new Sentence.Builder().Text(name).Text(": ");
            if (i.Verdict == Verdict.Unknown && i.Missing.Count > 0) b.Text(words.NoData).Text(string.Join(", ", i.Missing));
            else b.Text(i.NotApplicable ? words.NotApplicable + Tail(i.Reason) : Tail(i.Reason));
        }
        else
            foreach (var note in i.Thresholds.Select(t => t.DefaultRow).OfType<string>().Distinct()) b.Text(". ").Text(note);
        if (i.Citation.Length > 0) b.Text(". ").Text(i.Citation.TrimEnd('.'));
        return b.Text(".").Build();
    }

    // "Met: x = 1" → "x = 1": the verdict is said beside the sentence.
    private static string Tail(string reason)
    {
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        var text = colon > 0 && colon < 16 ? reason[(colon + 2)..] : reason;
        return text.TrimEnd('.');
    }

    /// <summary>The comparisons (and yes/no indicators) that decided the verdict; false when one cannot be said plainly.</summary>
    private static bool Describe(IndicatorExplanation i, string name, Words words, Sentence.Builder b)
    {
        if (i.NotApplicable || i.Expression.Length == 0) return false;
        var conjuncts = Conjuncts.GetOrAdd(i.Expression, Parse);
        if (conjuncts is null) return false;
        var said = 0;
        for (var n = 0; n < conjuncts.Count; n++)
        {
            var part = Read(conjuncts[n], i);
            if (part is null) return false;
            // Not met: only the parts that fail; unknown: only those without data.
            if (i.Verdict == Verdict.NotMet && part.Holds != false) continue;
            if (i.Verdict == Verdict.Unknown && part.Holds is not null) continue;
            if (said++ > 0) b.Text("; ");
            // The explanation's gap is that of the first failing comparison; the others' are their own difference.
            Say(part, said == 1 ? name : null, said == 1 ? i.Gap : part.Difference, words, b);
        }
        return said > 0;
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

    /// <summary>One part of a condition: an indicator compared with a threshold or a number, or a yes/no indicator (Required: the value it must have).</summary>
    private sealed record Part(string Key, object? Value, BinaryOperator? Op, ThresholdUse? Threshold, double? Limit, bool Required)
    {
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
                    return i.Thresholds.FirstOrDefault(t => t.Parameter == parameter) is { Value: double } t ? new Part(left.Name, v, c.Operator, t, null, true) : null;
                return c.Right is NumberLiteral number ? new Part(left.Name, v, c.Operator, null, number.Value, true) : null;
            default:
                return null;
        }
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
        b.Text(name is null ? p.Key : $"{name} ({p.Key})");
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
        var limit = ValueText.Number(p.Threshold?.Value as double? ?? p.Limit) + Unit(unit);
        b.Text(string.Format(words.Phrase(op, holds), limit));
        if (p.Threshold is { } t)
        {
            var keys = t.Keys.Where(k => k.Key != "year").Select(k => k.Value).ToArray();
            if (keys.Length > 0) b.Text(words.For).Text(string.Join(", ", keys));
            if (t.Keys.TryGetValue("year", out var year)) b.Text(words.In).Text(year);
            b.Text(words.Parameter).Text(t.Parameter).Text(")");
        }
        if (holds || gap is not { } g || g <= 0) return;
        var (before, after) = words.Gap(op);
        b.Text("; ").Text(before).Figure(ValueText.Number(g)).Text(unit == "%" ? words.Points : Unit(unit)).Text(after);
    }

    private static string Unit(string? unit) => unit is null ? "" : " " + unit;

    private static string Yes(bool value, Words words) => value ? words.Yes : words.No;
}
