using NtpRules.Language.Compilation;
using NtpRules.Language.Engines;

namespace NtpRules.Assessment.Tests.Compilation;

/// <summary>The results of a session, by subject, are the session's outcomes of each kind taken subject by subject.</summary>
public sealed class SessionResultsTests
{
    [Theory]
    [InlineData(RuleEngineKind.NRules)]
    [InlineData(RuleEngineKind.Ntp)]
    public void Each_subjects_outcomes_are_the_sessions_outcomes_about_it_in_the_engines_order(RuleEngineKind engine)
    {
        var records = SampleSession.OneCommuneWithHouseholds().Select(r => SampleSession.ToRecord(r)).ToList();
        var session = SampleSession.Fresh(records, engine: engine);
        var results = session.Results();

        var indicators = session.Outcomes<IndicatorOutcome>();
        var criteria = session.Outcomes<CriterionOutcome>();
        var standards = session.Outcomes<StandardOutcome>();
        var classifications = session.Outcomes<ClassificationOutcome>();
        Assert.NotEmpty(indicators);
        Assert.NotEmpty(classifications);
        foreach (var record in records)
        {
            Assert.Equal(indicators.Where(o => o.Subject == record), results.Indicators(record));
            Assert.Equal(criteria.Where(o => o.Subject == record), results.Criteria(record));
            Assert.Equal(standards.Where(o => o.Subject == record), results.Standards(record));
            // Classifications are listed by rule set, then id, whatever the engine's order.
            Assert.Equal(classifications.Where(o => o.Subject == record).OrderBy(o => o.RuleSetId, StringComparer.Ordinal)
                .ThenBy(o => o.ClassificationId, StringComparer.Ordinal), results.Classifications(record));
            Assert.Empty(results.Additional(record));
        }
        var commune = records.Single(r => r.Schema.Name == "commune");
        Assert.Same(standards.First(o => o.Subject == commune && o.StandardId == "ntm-commune"), results.Standard(commune, "ntm-commune"));
        Assert.Null(results.Standard(commune, "no-such-standard"));
        Assert.Equal(session.Outcomes<TargetOutcome>(), results.Targets);
    }
}
