namespace NtpRules.Engine;

/// <summary>A test over the bindings so far (for example on an aggregate's result).</summary>
public sealed class TupleCondition
{
    public TupleCondition(string? key, Func<Bindings, bool> test)
    {
        Key = string.IsNullOrEmpty(key) ? null : key;
        Test = test ?? throw new ArgumentNullException(nameof(test));
    }

    public string? Key { get; }

    public Func<Bindings, bool> Test { get; }

    public override string ToString() => Key ?? "<test>";
}
