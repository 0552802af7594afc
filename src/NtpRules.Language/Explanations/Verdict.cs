namespace NtpRules.Language.Explanations;

/// <summary>The three verdicts. Missing data gives <see cref="Unknown"/>, never a silent pass or fail.</summary>
public enum Verdict { Met, NotMet, Unknown }

public static class VerdictText
{
    /// <summary>The spelling used in reports and test files: met, not-met, unknown.</summary>
    public static string ToText(this Verdict v) => v switch { Verdict.Met => "met", Verdict.NotMet => "not-met", _ => "unknown" };

    public static bool TryParse(string text, out Verdict verdict)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "met": verdict = Verdict.Met; return true;
            case "not-met": case "not_met": case "notmet": verdict = Verdict.NotMet; return true;
            case "unknown": verdict = Verdict.Unknown; return true;
            default: verdict = Verdict.Unknown; return false;
        }
    }
}
