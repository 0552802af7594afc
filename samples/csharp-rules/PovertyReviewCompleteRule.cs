using NRules.Fluent.Dsl;
using NtpRules.Engine;
using NtpRules.Language.Compilation;
using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.ExampleRules;

/// <summary>
/// For every commune assessed against the NTM standard: does its data carry both figures the annual household poverty
/// review publishes, the poverty rate and the near-poor rate? Criterion 11 reads the first; a commune that reports only
/// one of them has not brought in the review's results. Matches an outcome fact of the YAML rules (the commune's
/// ntm-commune standard) and reads the commune record; adds an outcome of its own, linked to the match so that it is
/// replaced when the standard is assessed again.
/// </summary>
[Name(RuleId)]
[Description("The poverty review's two figures are both in the commune's data")]
public sealed class PovertyReviewCompleteRule : Rule
{
    public const string RuleId = "example/poverty-review-complete";
    public const string Citation = "Circular 07/2021/TT-BLĐTBXH, annual review of poor and near-poor households (as amended by Circular 02/2022/TT-BLĐTBXH)";

    public override void Define()
    {
        StandardOutcome ntm = null!;

        When()
            .Match(() => ntm, s => s.StandardId == "ntm-commune" && s.Subject.Schema.Name == "commune");
        Then()
            .Do(ctx => ctx.InsertLinked(RuleId, Check(ntm.Subject)));
    }

    public static AdditionalOutcome Check(Record commune)
    {
        var missing = new[] { "poverty_rate", "near_poor_rate" }.Where(key => !Present(commune, key)).ToArray();
        var (verdict, reason) = missing.Length == 0
            ? (Truth.True, "the poverty rate and the near-poor rate are both reported")
            : (Truth.False, $"not reported: {string.Join(", ", missing)}");
        return new AdditionalOutcome(commune, RuleId, "Poverty review figures complete", verdict, reason, Citation);
    }

    private static bool Present(Record record, string key) => record.Schema.IndexOf(key) is >= 0 and var slot && record.IsPresent(slot);
}
