using NtpRules.Language.Compilation;
using Record = NtpRules.Engine.Record;

namespace NtpRules.Assessment.Tests.Compilation;

public sealed class WholeDataSetRollupTests
{
    private static string Targets(IEnumerable<TargetOutcome> targets) =>
        string.Join("\n", targets.Where(t => t.Subject is null).OrderBy(t => t.TargetId, StringComparer.Ordinal)
            .Select(t => $"{t.RuleSetId}/{t.TargetId} {t.Verdict} {t.Actual} {t.Gap} {t.Reason}"));

    [Fact]
    public void Keeps_of_a_commune_only_the_slots_the_whole_data_set_targets_read_and_its_parent_ids()
    {
        var rollup = WholeDataSetRollup.For(SampleSession.Rules, SampleSession.AsOf, explain: true);
        var kept = rollup.SlotsKept("commune");

        Assert.NotNull(kept);
        // sum(commune, poor_households) * 100 / sum(commune, households_count), and the ethnic-minority share.
        Assert.Superset(new HashSet<string> { "poor_households", "households_count", "em_poor_households", "em_households", "district_id", "province_id" },
            kept.ToHashSet());
        Assert.DoesNotContain("poverty_rate", kept);
        Assert.True(kept.Count * 10 < SampleSession.Rules.Schemas["commune"].Schema.Slots.Count,
            $"{kept.Count} of {SampleSession.Rules.Schemas["commune"].Schema.Slots.Count} slots kept");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Narrowed_records_give_the_whole_data_set_targets_of_the_single_session(bool explain)
    {
        var session = SampleSession.Fresh(SampleSession.Data.Select(r => SampleSession.ToRecord(r)), explain);
        var order = new Dictionary<Record, long>();
        foreach (var kind in new[] { "province", "district", "commune", "household" })
            foreach (var r in session.Subjects(kind)) order[r] = order.Count;
        var rollup = WholeDataSetRollup.For(SampleSession.Rules, SampleSession.AsOf, explain);

        rollup.Add(session, r => order[r]);
        var targets = rollup.Evaluate();

        Assert.NotEmpty(targets);
        Assert.Equal(Targets(session.Outcomes<TargetOutcome>()), Targets(targets));
    }
}
