namespace NtpRules.Engine;

/// <summary>A general test of a new fact against the earlier bindings (not indexed; prefer <see cref="JoinKey"/>
/// for equalities).</summary>
public sealed class JoinCondition
{
    public JoinCondition(string? key, Func<Bindings, object, bool> test)
    {
        Key = string.IsNullOrEmpty(key) ? null : key;
        Test = test ?? throw new ArgumentNullException(nameof(test));
    }

    public string? Key { get; }

    public Func<Bindings, object, bool> Test { get; }

    public override string ToString() => Key ?? "<join condition>";
}
