namespace NtpRules.Language.Expressions.Binding;

/// <summary>The whitelist: every function an expression may call, with its arity. Nothing else can be called.</summary>
internal static class Functions
{
    internal enum Group { Scalar, Aggregate, Met, CriteriaMet, Baseline }

    internal sealed record Signature(string Name, Group Group, int MinArgs, int MaxArgs, Function Function = default, Aggregate Aggregate = default);

    public static readonly IReadOnlyDictionary<string, Signature> All = new Signature[]
    {
        new("min", Group.Scalar, 2, int.MaxValue, Function.Min),
        new("max", Group.Scalar, 2, int.MaxValue, Function.Max),
        new("abs", Group.Scalar, 1, 1, Function.Abs),
        new("round", Group.Scalar, 1, 2, Function.Round),
        new("coalesce", Group.Scalar, 2, int.MaxValue, Function.Coalesce),
        new("known", Group.Scalar, 1, 1, Function.Known),
        new("year", Group.Scalar, 1, 1, Function.Year),
        new("count_true", Group.Scalar, 1, int.MaxValue, Function.CountTrue),
        new("count", Group.Aggregate, 1, 2, Aggregate: Aggregate.Count),
        new("sum", Group.Aggregate, 2, 2, Aggregate: Aggregate.Sum),
        new("avg", Group.Aggregate, 2, 2, Aggregate: Aggregate.Avg),
        new("min_of", Group.Aggregate, 2, 2, Aggregate: Aggregate.MinOf),
        new("max_of", Group.Aggregate, 2, 2, Aggregate: Aggregate.MaxOf),
        new("share", Group.Aggregate, 2, 2, Aggregate: Aggregate.Share),
        new("met", Group.Met, 1, 1),
        new("criteria_met", Group.CriteriaMet, 1, 1),
        new("baseline", Group.Baseline, 1, 1),
    }.ToDictionary(s => s.Name);

    public static string ArityText(Signature s) =>
        s.MinArgs == s.MaxArgs ? Plural(s.MinArgs)
        : s.MaxArgs == int.MaxValue ? $"at least {Plural(s.MinArgs)}"
        : $"{s.MinArgs} to {s.MaxArgs} arguments";

    private static string Plural(int n) => n == 1 ? "1 argument" : $"{n} arguments";
}
