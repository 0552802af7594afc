using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting;

internal static class VerdictWords
{
    /// <summary>The verdict as people read it: met, not met, unknown.</summary>
    public static string Of(Verdict v) => v switch { Verdict.Met => "met", Verdict.NotMet => "not met", _ => "unknown" };

    /// <summary>An indicator's verdict: "not applicable" where the law exempts the subject (it counts as met).</summary>
    public static string Of(IndicatorExplanation i) => i.NotApplicable ? "not applicable" : Of(i.Verdict);

    /// <summary>"poverty rate 12.5 %, near-poor rate 8.1 % (household records)".</summary>
    public static string Rates(HouseholdRates r) =>
        $"poverty rate {Percent(r.PovertyRate)}, near-poor rate {Percent(r.NearPoorRate)} ({(r.Source == "households" ? "household records" : "annual review")})";

    /// <summary>"ntm-commune: meets the criteria: met; eligible for recognition: unknown".</summary>
    public static string Recognition(RecognitionResult r) =>
        $"{r.StandardId}: meets the criteria: {Of(r.MeetsCriteria)}; eligible for recognition: {Of(r.EligibleForRecognition)}";

    private static string Percent(double? p) => p is null ? "unknown" : $"{ValueText.Number(p)} %";
}
