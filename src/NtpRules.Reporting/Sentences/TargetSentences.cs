using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using NtpRules.Assessment.Results;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Reporting.Sentences;

/// <summary>
/// A target's outcome read the right way round, with the subjects counted where the target counts them: "62 of 126
/// communes meet ntm-commune (49.21 %); target at least 80 % = 101 communes; 39 short". The counts come from the
/// report's roll-ups (per province, or per region for regional targets) and are said only when they give the target's
/// own value back. An unknown target names the data missing ("unknown: 9 of 9 districts have no data for region")
/// rather than the formula. Targets of other shapes say their value against the target and the gap.
/// </summary>
public static partial class TargetSentences
{
    private static readonly ConcurrentDictionary<string, Expr?> Parsed = new(StringComparer.Ordinal);

    public static string Of(TargetResult t, IReadOnlyList<Rollup> rollups)
    {
        if (t.Verdict == Verdict.Unknown) return Unknown(t);
        var op = t.Comparison ?? ">=";
        if (Parse(t.Measure) is { } measure && Count(measure, t, rollups) is { } count) return count.Text + Against(t, op, count);
        return $"{Measured(Parse(t.Measure))} is {N(t.Actual)}; target {Bound(op)} {N(t.Target)}{Gap(t, op, "")}";
    }

    /// <summary>The standard whose subjects the target counts (met('S') in its measure), if any.</summary>
    public static string? CountedStandard(TargetResult t)
    {
        var names = new List<string>();
        if (Parse(t.Measure) is { } measure) Names(measure, names);
        const string verdict = "a verdict on ";
        return names.FirstOrDefault(n => n.StartsWith(verdict, StringComparison.Ordinal))?[verdict.Length..];
    }

    /// <summary>Subjects counted: <see cref="Part"/> of <see cref="Whole"/> (as a share when <see cref="Share"/>).</summary>
    private sealed record Counted(int Part, int Whole, string Kind, string Text, bool Share);

    private static string Against(TargetResult t, string op, Counted c)
    {
        if (t.Target is not { } target) return "";
        if (!c.Share) return $"; target {Bound(op)} {N(target)}{Gap(t, op, " " + Plural(c.Kind, 2))}";
        var atLeast = op is ">=" or ">";
        // The number of subjects the share stands for: rounded up for "at least", down for "at most".
        var exact = target * c.Whole / 100;
        var needed = atLeast ? (int)Math.Ceiling(exact - 1e-9) + (op == ">" && Math.Abs(exact - Math.Round(exact)) < 1e-9 ? 1 : 0)
            : (int)Math.Floor(exact + 1e-9) - (op == "<" && Math.Abs(exact - Math.Round(exact)) < 1e-9 ? 1 : 0);
        var text = $"; target {Bound(op)} {N(target)} % = {needed} {Plural(c.Kind, needed)}";
        if (t.Verdict == Verdict.Met) return text + ": met";
        var off = Math.Abs(needed - c.Part);
        return text + (atLeast ? $"; {off} short" : $"; {off} too many");
    }

    private static string Gap(TargetResult t, string op, string unit) =>
        t.Verdict == Verdict.Met ? ": met" : t.Gap is { } g ? $"; {N(g)}{unit} {(op is ">=" or ">" ? "short" : "over")}" : "";

    private static string Bound(string op) => op switch
    {
        ">=" => "at least",
        ">" => "above",
        "<=" => "at most",
        "<" => "below",
        _ => "exactly",
    };

    private static Expr? Parse(string? text) => text is null ? null
        : Parsed.GetOrAdd(text, x => ExpressionParser.Parse(x, SourceLocation.None("report"), new DiagnosticBag()));

    /// <summary>share(K, met('S')), count(K, met('S')) and count(K, …) * 100 / count(K, …) over met(…) and region == '…'.</summary>
    private static Counted? Count(Expr measure, TargetResult t, IReadOnlyList<Rollup> rollups)
    {
        switch (measure)
        {
            case CallExpr { Function: "share" or "count" } call when Condition(call) is { Region: null, Standard: { } s } c:
                {
                    var (met, total) = Tally(rollups, t.Scope, null, s);
                    if (total == 0) return null;
                    var share = call.Function == "share";
                    var text = share ? $"{met} of {total} {Plural(c.Kind, total)} meet {s} ({N(100.0 * met / total)} %)"
                        : $"{met} {Plural(c.Kind, met)} meet{(met == 1 ? "s" : "")} {s} (of {total})";
                    return Same(share ? 100.0 * met / total : met, t) ? new Counted(met, total, c.Kind, text, share) : null;
                }
            case BinaryExpr { Operator: BinaryOperator.Divide, Left: BinaryExpr { Operator: BinaryOperator.Multiply, Left: CallExpr { Function: "count" } top, Right: NumberLiteral { Value: 100 } }, Right: CallExpr { Function: "count" } bottom }
                when Condition(top) is { Standard: { } s } part && Condition(bottom) is { } whole && part.Kind == whole.Kind:
                {
                    int met, total;
                    string of;
                    if (whole.Standard is null && whole.Region is { } region && part.Region == region)
                    {
                        (met, total) = Tally(rollups, t.Scope, region, s);
                        of = $"{Plural(part.Kind, 2)} of region {region}";
                    }
                    else if (whole.Region is null && part.Region is null && whole.Standard is { } w)
                    {
                        met = Tally(rollups, t.Scope, null, s).Met;
                        total = Tally(rollups, t.Scope, null, w).Met;
                        of = $"{Plural(part.Kind, 2)} that meet {w}";
                    }
                    else return null;
                    if (total == 0 || !Same(100.0 * met / total, t)) return null;
                    return new Counted(met, total, part.Kind, $"{met} of {total} {of} meet {s} ({N(100.0 * met / total)} %)", true);
                }
            default:
                return null;
        }
    }

    /// <summary>"the fewest ntm-commune criteria a commune meets" for min_of(commune, criteria_met('ntm-commune')); else "the value".</summary>
    private static string Measured(Expr? measure) => measure switch
    {
        CallExpr { Function: "min_of" or "max_of" or "avg" } c when c.Arguments is [NameExpr kind, CallExpr { Function: "criteria_met", Arguments: [StringLiteral s] }] =>
            $"the {(c.Function == "min_of" ? "fewest" : c.Function == "max_of" ? "most" : "average number of")} {s.Value} criteria {(c.Function == "avg" ? "met by a" : "a")} {kind.Name} {(c.Function == "avg" ? "" : "meets")}".TrimEnd(),
        _ => "the value",
    };

    private static bool Same(double counted, TargetResult t) => t.Actual is { } a && Math.Abs(a - counted) < 1e-6;

    /// <summary>The kind counted and its condition: met('S'), region == 'R', or both joined by and.</summary>
    private static (string Kind, string? Region, string? Standard)? Condition(CallExpr call)
    {
        if (call.Arguments is not [NameExpr kind, var condition]) return null;
        string? region = null, standard = null;
        foreach (var part in condition is BinaryExpr { Operator: BinaryOperator.And } and ? [and.Left, and.Right] : new[] { condition })
            switch (part)
            {
                case CallExpr { Function: "met", Arguments: [StringLiteral s] }: standard = s.Value; break;
                case BinaryExpr { Operator: BinaryOperator.Equal, Left: NameExpr { Name: "region" }, Right: StringLiteral r }: region = r.Value; break;
                default: return null;
            }
        return (kind.Name, region, standard);
    }

    /// <summary>Met and assessed counts of a standard over the roll-ups that partition the target's scope.</summary>
    private static (int Met, int Total) Tally(IReadOnlyList<Rollup> rollups, string scope, string? region, string standard)
    {
        IEnumerable<Rollup> over;
        if (region is not null) over = scope == "all" ? rollups.Where(r => r.Scope == "region" && r.Id == region) : [];
        else if (scope == "all")
        {
            // Each subject is under one province (or, without provinces, one district): those roll-ups add up to all.
            var top = rollups.Any(r => r.Scope == "province") ? "province" : "district";
            over = rollups.Where(r => r.Scope == top);
        }
        else over = rollups.Where(r => $"{r.Scope} {r.Id}" == scope);
        var rows = over.SelectMany(r => r.Standards).Where(s => s.StandardId == standard).ToList();
        return (rows.Sum(s => s.Met), rows.Sum(s => s.Met + s.NotMet + s.Unknown));
    }

    private static string Unknown(TargetResult t)
    {
        var reason = t.Reason;
        if (reason.Contains("there is no baseline data", StringComparison.Ordinal))
            return $"unknown: no baseline data{(t.Baseline.Length > 0 ? $" ({t.Baseline})" : "")}; give the earlier data with --baseline";
        // "count(district, region == 'BTB'): at least 0 of 9 (9 unknown)": the subjects whose data the count lacks.
        var partly = PartlyKnown().Matches(reason).Select(m => (Kind: m.Groups["kind"].Value, Condition: m.Groups["cond"].Value,
                Of: int.Parse(m.Groups["of"].Value), Unknown: int.Parse(m.Groups["unknown"].Value)))
            .OrderByDescending(m => m.Unknown).FirstOrDefault();
        if (partly.Of > 0 && Parse(partly.Condition) is { } condition)
        {
            var names = new List<string>();
            Names(condition, names);
            var has = partly.Unknown == 1 ? "has" : "have";
            const string verdict = "a verdict on ";
            if (names.Count > 0 && names.All(n => n.StartsWith(verdict, StringComparison.Ordinal)))
                return $"unknown: {partly.Unknown} of {partly.Of} {Plural(partly.Kind, partly.Of)} {has} an unknown verdict on {string.Join(", ", names.Distinct().Select(n => n[verdict.Length..]))}";
            return names.Count > 0
                ? $"unknown: {partly.Unknown} of {partly.Of} {Plural(partly.Kind, partly.Of)} {has} no data for {string.Join(", ", names.Distinct())}"
                : $"unknown: {partly.Unknown} of {partly.Of} {Plural(partly.Kind, partly.Of)} {has} unknown data";
        }
        if (Divisor(reason) is CallExpr { Arguments: [NameExpr kind, ..] } divisor)
        {
            if (divisor.Function == "count" && Condition(divisor) is { } counted)
                return $"unknown: the data has no {Plural(counted.Kind, 2)}{(counted.Region is null ? "" : $" of region {counted.Region}")}{(counted.Standard is null ? "" : $" that meet {counted.Standard}")} to count";
            var read = new List<string>();
            foreach (var a in divisor.Arguments.Skip(1)) Names(a, read);
            if (read.Count > 0) return $"unknown: no {kind.Name} in the data has {string.Join(", ", read.Distinct())} (the divisor is 0)";
        }
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        return "unknown: " + (colon > 0 && colon < 16 ? reason[(colon + 2)..] : reason);
    }

    /// <summary>The divisor of "division by zero in a / b" in a reason (the note runs to the end of the reason, less its closing brackets).</summary>
    private static Expr? Divisor(string reason)
    {
        const string note = "division by zero in ";
        var at = reason.IndexOf(note, StringComparison.Ordinal);
        if (at < 0) return null;
        var text = reason[(at + note.Length)..];
        for (var trim = 0; trim < 4 && text.Length > 0; trim++, text = text[..^1])
            if (Parse(text) is BinaryExpr { Operator: BinaryOperator.Divide } division) return division.Right;
        return null;
    }

    /// <summary>The data a condition reads: indicator names, and "a verdict on S" for met('S').</summary>
    private static void Names(Expr e, List<string> into)
    {
        switch (e)
        {
            case NameExpr n: into.Add(n.Name); break;
            case CallExpr { Function: "met", Arguments: [StringLiteral s] }: into.Add($"a verdict on {s.Value}"); break;
            case CallExpr c: foreach (var a in c.Arguments) Names(a, into); break;
            case BinaryExpr b: Names(b.Left, into); Names(b.Right, into); break;
            case UnaryExpr u: Names(u.Operand, into); break;
            case InExpr i: Names(i.Value, into); break;
            case ConditionalExpr c: Names(c.Condition, into); Names(c.Then, into); Names(c.Else, into); break;
        }
    }

    [GeneratedRegex(@"\b\w+\((?<kind>\w+), (?<cond>[^:]+?)\): (?:at least [\d.]+ of (?<of>\d+) \((?<unknown>\d+) unknown\)|between [\d.]+ and [\d.]+ \((?<unknown>\d+) of (?<of>\d+) unknown\))")]
    private static partial Regex PartlyKnown();

    private static string Plural(string kind, int n) => n == 1 ? kind : kind + "s";

    private static string N(double? d) => ValueText.Number(d);
}
