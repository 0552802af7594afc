namespace NtpRules.Samples;

/// <summary>The classification labels of the poverty-household rule sets.</summary>
internal static class HouseholdStatus
{
    public const string Poor = "poor", NearPoor = "near-poor", MiddleIncome = "middle-income", None = "none";
}
