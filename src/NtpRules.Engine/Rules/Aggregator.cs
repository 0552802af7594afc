namespace NtpRules.Engine;

/// <summary>What an aggregate computes over its source facts.</summary>
public sealed class Aggregator
{
    private Aggregator(AggregateKind kind, Func<object, double>? selector, string? key)
    {
        Kind = kind;
        Selector = selector;
        Key = kind is AggregateKind.Count or AggregateKind.Collect ? kind.ToString()
            : string.IsNullOrEmpty(key) ? null : $"{kind}({key})";
    }

    public AggregateKind Kind { get; }

    /// <summary>The value summed, averaged or compared; null for count and collect.</summary>
    public Func<object, double>? Selector { get; }

    /// <summary>Sharing key; null when the selector has no key.</summary>
    public string? Key { get; }

    public static Aggregator Count() => new(AggregateKind.Count, null, null);

    public static Aggregator Collect() => new(AggregateKind.Collect, null, null);

    public static Aggregator Sum(Func<object, double> selector, string? key = null) => Valued(AggregateKind.Sum, selector, key);

    public static Aggregator Min(Func<object, double> selector, string? key = null) => Valued(AggregateKind.Min, selector, key);

    public static Aggregator Max(Func<object, double> selector, string? key = null) => Valued(AggregateKind.Max, selector, key);

    public static Aggregator Average(Func<object, double> selector, string? key = null) =>
        Valued(AggregateKind.Average, selector, key);

    public static Aggregator Sum<T>(Func<T, double> selector, string? key = null) => Sum(f => selector((T)f), key);

    public static Aggregator Min<T>(Func<T, double> selector, string? key = null) => Min(f => selector((T)f), key);

    public static Aggregator Max<T>(Func<T, double> selector, string? key = null) => Max(f => selector((T)f), key);

    public static Aggregator Average<T>(Func<T, double> selector, string? key = null) => Average(f => selector((T)f), key);

    private static Aggregator Valued(AggregateKind kind, Func<object, double> selector, string? key) =>
        new(kind, selector ?? throw new ArgumentNullException(nameof(selector)), key);

    public override string ToString() => Key ?? Kind.ToString();
}
