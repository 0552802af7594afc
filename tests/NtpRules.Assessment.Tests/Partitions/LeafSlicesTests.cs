using NtpRules.Assessment.Partitions;
using NtpRules.Assessment.Tests.Compilation;
using NtpRules.Language.Compilation;

namespace NtpRules.Assessment.Tests.Partitions;

public sealed class LeafSlicesTests
{
    [Fact]
    public void Households_are_sliced_and_every_rule_is_in_exactly_one_of_the_two_sessions()
    {
        var rules = SampleSession.Rules;
        var slices = LeafSlices.For(rules)!;

        Assert.Contains("household", slices.Kinds);
        // Communes are parents: never sliced.
        Assert.DoesNotContain("commune", slices.Kinds);
        Assert.All(slices.LeafRules.Model.Rules, r => Assert.Contains(r.Subject!.Kind, slices.Kinds));
        Assert.All(slices.UpperRules.Model.Rules, r => Assert.True(r.Subject is null || !slices.Kinds.Contains(r.Subject.Kind), r.Name));
        Assert.Equal(rules.Model.Rules.Count, slices.LeafRules.Model.Rules.Count + slices.UpperRules.Model.Rules.Count);
        Assert.Contains(slices.LeafRules.Model.Rules, r => r.Subject!.Kind == "household");
        // A restricted model keeps the full model's order, and is translated once per set of kinds.
        Assert.Same(slices.LeafRules, rules.ForKinds(slices.Kinds, wholeDataSet: false));
    }

    [Fact]
    public void A_kind_whose_outcomes_a_parent_reads_is_not_sliced()
    {
        // Communes read households' poverty_status through the households' values, so households can be sliced; a
        // model where a commune rule read households' standard outcomes (met('…') over children) could not.
        var rules = SampleSession.Rules;
        var readingOutcomes = rules.Model.Rules.Any(r => r.Subject?.Kind != "household" && r.Outcomes.Any(o => o.ChildKind == "household"));
        Assert.Equal(!readingOutcomes, LeafSlices.Sliceable(rules.Model, rules.Schemas).Contains("household"));
        Assert.False(readingOutcomes);
    }
}
