namespace NtpRules.Engine;

/// <summary>
/// The fact an aggregate binds: one per partial match (ungrouped) or one per group with at least one source fact.
/// The engine updates it in place when its sources change, and the rule sees the match as changed.
/// </summary>
public sealed class AggregateResult
{
    private static readonly IReadOnlyList<object> NoItems = [];
    internal List<object>? ItemList;
    /// <summary>The partial match binding this result.</summary>
    internal Rete.Token? Child;
    /// <summary>The partial match this result aggregates for. (An aggregate node keeps one result per partial match
    /// as its left memory; for a grouped aggregate that one is a holder of the per-group results and is never bound.)</summary>
    internal Rete.Token? Parent;
    /// <summary>A grouped aggregate's results by group (on the holder only).</summary>
    internal Dictionary<object, AggregateResult>? Groups;
    /// <summary>For a large group, on the partial match's result (or holder): each matched fact's group (null when
    /// ungrouped) and selected value, so that a fact changed in place is handled without a recompute.</summary>
    internal Dictionary<object, Rete.AggregateMember>? Members;

    internal AggregateResult(AggregateKind kind, object? key)
    {
        Kind = kind;
        Key = key;
    }

    public AggregateKind Kind { get; }

    /// <summary>The group key; null for an ungrouped aggregate.</summary>
    public object? Key { get; }

    public int Count { get; internal set; }

    public double Sum { get; internal set; }

    /// <summary>Smallest selected value; NaN when empty or when the aggregator is not <see cref="AggregateKind.Min"/>.</summary>
    public double Min { get; internal set; } = double.NaN;

    /// <summary>Largest selected value; NaN when empty or when the aggregator is not <see cref="AggregateKind.Max"/>.</summary>
    public double Max { get; internal set; } = double.NaN;

    /// <summary>Sum / Count; NaN when empty.</summary>
    public double Average => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>The source facts (collect only; empty otherwise).</summary>
    public IReadOnlyList<object> Items => (IReadOnlyList<object>?)ItemList ?? NoItems;

    /// <summary>The value the aggregator computes: count, sum, min, max or average (count for collect).</summary>
    public double Value => Kind switch
    {
        AggregateKind.Sum => Sum,
        AggregateKind.Min => Min,
        AggregateKind.Max => Max,
        AggregateKind.Average => Average,
        _ => Count,
    };

    public override string ToString() => Key is null ? $"{Kind}={Value}" : $"{Kind}[{Key}]={Value}";
}
