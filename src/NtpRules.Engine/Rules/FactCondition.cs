namespace NtpRules.Engine;

/// <summary>
/// A test on one fact (an alpha condition). Conditions with the same non-empty <see cref="Key"/> on the same fact
/// type are evaluated once, in one shared network node; so equal keys must mean equal tests.
/// </summary>
public sealed class FactCondition
{
    public FactCondition(string? key, Func<object, bool> test)
    {
        Key = string.IsNullOrEmpty(key) ? null : key;
        Test = test ?? throw new ArgumentNullException(nameof(test));
    }

    /// <summary>The sharing key, also the condition's identity in traces; null when not shared.</summary>
    public string? Key { get; }

    public Func<object, bool> Test { get; }

    public override string ToString() => Key ?? "<condition>";
}
