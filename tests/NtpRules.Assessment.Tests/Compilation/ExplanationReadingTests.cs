using NtpRules.Language.Compilation;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Assessment.Tests.Compilation;

/// <summary>Indicator explanations are built when first read, once, whichever thread reads them.</summary>
public sealed class ExplanationReadingTests
{
    [Fact]
    public void Concurrent_readers_get_one_explanation_per_outcome_matching_its_verdict()
    {
        var session = SampleSession.Fresh(SampleSession.OneCommuneWithHouseholds().Select(r => SampleSession.ToRecord(r)), explain: true);
        var outcomes = session.Outcomes<IndicatorOutcome>().ToArray();
        Assert.NotEmpty(outcomes);
        var read = new IndicatorExplanation?[4][];
        Parallel.For(0, read.Length, t => read[t] = outcomes.Select(o => o.Explanation).ToArray());
        for (var i = 0; i < outcomes.Length; i++)
        {
            var x = read[0][i]!;
            Assert.All(read, r => Assert.Same(outcomes[i].Explanation, r[i]));
            Assert.Equal(outcomes[i].Verdict.ToVerdict(), x.Verdict);
            Assert.Equal(outcomes[i].IndicatorId, x.Id);
            Assert.Matches(x.Verdict switch { Verdict.Met => "^(Met|Not applicable): ", Verdict.NotMet => "^Not met: ", _ => "^Unknown: " }, x.Reason);
        }
    }

    [Fact]
    public void A_session_without_explanations_has_none_to_read()
    {
        var session = SampleSession.Fresh(SampleSession.OneCommuneWithHouseholds().Select(r => SampleSession.ToRecord(r)));
        Assert.All(session.Outcomes<IndicatorOutcome>(), o => Assert.Null(o.Explanation));
    }
}
