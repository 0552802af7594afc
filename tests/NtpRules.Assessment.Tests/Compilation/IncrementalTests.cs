using FsCheck;
using FsCheck.Fluent;
using NtpRules.Engine;
using Record = NtpRules.Engine.Record;
using NtpRules.Language.Compilation;
using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Assessment.Tests.Compilation;

/// <summary>Changing records and firing again re-derives everything, with nothing stale: the same as a fresh session.</summary>
public sealed class IncrementalTests
{
    [Fact]
    public void Raising_a_communes_irrigation_over_the_threshold_re_derives_its_criterion_and_count()
    {
        var rows = SampleSession.OneCommuneWithHouseholds();
        var records = rows.Select(r => SampleSession.ToRecord(r, r.Kind == "commune" ? new Dictionary<string, object?> { ["irrigated_land_pct"] = 50.0 } : null)).ToList();
        var session = SampleSession.Fresh(records);
        var commune = records.Single(r => r.Schema.Name == "commune");
        var results = session.Results();
        Assert.Equal(Truth.False, results.Indicators(commune).Single(o => o.RuleSetId == "ntm-commune" && o.IndicatorId == "3.1").Verdict);
        var before = results.Standard(commune, "ntm-commune")!;

        commune.SetNumber(commune.Schema.IndexOf("irrigated_land_pct"), 95);
        session.Update(commune);
        session.Fire();

        results = session.Results();
        Assert.Equal(Truth.True, results.Indicators(commune).Single(o => o.RuleSetId == "ntm-commune" && o.IndicatorId == "3.1").Verdict);
        var c03 = results.Criteria(commune).Single(o => o.RuleSetId == "ntm-commune" && o.CriterionId == "c03");
        var after = results.Standard(commune, "ntm-commune")!;
        Assert.Equal(before.CriteriaMet + (c03.Verdict == Truth.True ? 1 : 0), after.CriteriaMet);
        // One outcome per indicator and standard: the old ones were replaced, not kept beside the new.
        Assert.Single(session.Outcomes<StandardOutcome>(), s => s.Subject == commune && s.StandardId == "ntm-commune");
        Assert.Equal(SampleSession.Snapshot(SampleSession.Fresh(records)), SampleSession.Snapshot(session));
    }

    [Fact]
    public void Retracting_households_re_derives_the_communes_poverty_rate()
    {
        var rows = SampleSession.OneCommuneWithHouseholds();
        var records = rows.Select(r => SampleSession.ToRecord(r)).ToList();
        var session = SampleSession.Fresh(records);
        var households = records.Where(r => r.Schema.Name == "household").ToList();
        foreach (var h in households.Skip(households.Count / 2)) session.Retract(h);
        session.Fire();

        var remaining = records.Except(households.Skip(households.Count / 2)).Select(r => SampleSession.ToRecord(rows.Single(x => x.Id == r.Id && x.Kind == r.Schema.Name)));
        Assert.Equal(SampleSession.Snapshot(SampleSession.Fresh(remaining)), SampleSession.Snapshot(session));
        var commune = records.Single(r => r.Schema.Name == "commune");
        var rate = session.Outcomes<DerivedValue>().Single(d => d.Subject == commune && d.Key == "households_count").Value;
        Assert.Equal(households.Count - households.Count / 2, rate.AsNumber);
    }

    [Fact]
    public void Any_sequence_of_household_income_changes_ends_as_a_fresh_session_would()
    {
        var rows = SampleSession.OneCommuneWithHouseholds();
        var householdCount = rows.Count(r => r.Kind == "household");
        var changes = Gen.Choose(0, householdCount - 1).SelectMany(i => Gen.Elements<double?>(null, 500_000, 1_400_000, 1_500_000, 1_600_000, 2_500_000)
            .Select(income => (Index: i, Income: income))).ListOf().Select(l => l.Take(12).ToArray());
        Prop.ForAll(changes.ToArbitrary(), steps =>
        {
            var records = rows.Select(r => SampleSession.ToRecord(r)).ToList();
            var households = records.Where(r => r.Schema.Name == "household").ToList();
            var session = SampleSession.Fresh(records);
            var slot = households[0].Schema.IndexOf("income_per_person");
            foreach (var (index, income) in steps)
            {
                if (income is { } v) households[index].SetNumber(slot, v);
                else households[index].Clear(slot);
                session.Update(households[index]);
                session.Fire();
            }
            var fresh = SampleSession.Fresh(records.Select(Copy));
            return SampleSession.Snapshot(fresh).SequenceEqual(SampleSession.Snapshot(session));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(15));
    }

    private static Record Copy(Record r)
    {
        var copy = r.Schema.NewRecord(r.Id);
        for (var i = 0; i < r.Schema.Slots.Count; i++) RecordValues.Write(copy, i, RecordValues.Read(r, i));
        return copy;
    }
}
