namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>A three-valued truth: missing data makes a condition <see cref="Unknown"/>, never silently true or false.</summary>
public enum Truth : byte { False = 0, True = 1, Unknown = 2 }

/// <summary>Kleene's strong three-valued logic.</summary>
public static class Kleene
{
    public static Truth Of(bool b) => b ? Truth.True : Truth.False;

    /// <summary>False wins over unknown: false and unknown = false.</summary>
    public static Truth And(Truth a, Truth b) =>
        a == Truth.False || b == Truth.False ? Truth.False : a == Truth.True && b == Truth.True ? Truth.True : Truth.Unknown;

    /// <summary>True wins over unknown: true or unknown = true.</summary>
    public static Truth Or(Truth a, Truth b) =>
        a == Truth.True || b == Truth.True ? Truth.True : a == Truth.False && b == Truth.False ? Truth.False : Truth.Unknown;

    public static Truth Not(Truth a) => a switch { Truth.True => Truth.False, Truth.False => Truth.True, _ => Truth.Unknown };

    public static Explanations.Verdict ToVerdict(this Truth t) => t switch
    {
        Truth.True => Explanations.Verdict.Met,
        Truth.False => Explanations.Verdict.NotMet,
        _ => Explanations.Verdict.Unknown,
    };
}
