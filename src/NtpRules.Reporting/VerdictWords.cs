using NtpRules.Language.Explanations;

namespace NtpRules.Reporting;

internal static class VerdictWords
{
    /// <summary>The verdict as people read it: met, not met, unknown.</summary>
    public static string Of(Verdict v) => v switch { Verdict.Met => "met", Verdict.NotMet => "not met", _ => "unknown" };
}
