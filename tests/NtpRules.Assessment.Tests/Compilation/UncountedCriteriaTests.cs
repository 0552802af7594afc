using NtpRules.Language.Compilation;
using NtpRules.Language.Compilation.Model;

namespace NtpRules.Assessment.Tests.Compilation;

public sealed class UncountedCriteriaTests
{
    [Fact]
    public void Only_the_rules_of_criteria_no_standard_counts_are_left_out()
    {
        var rules = SampleSession.Rules;
        var kept = rules.WithoutUncountedCriteria();
        // Translated once, like the full rules.
        Assert.Same(kept, rules.WithoutUncountedCriteria());

        var dropped = rules.Model.Rules.Except(kept.Model.Rules).ToList();
        // Households' deprivation dimensions: criteria of a rule set that has no standard.
        Assert.NotEmpty(dropped);
        Assert.All(dropped, r =>
        {
            Assert.Equal("household", r.Subject!.Kind);
            Assert.Contains(r.Stage, new[] { RuleStage.Indicator, RuleStage.Criterion });
        });
        Assert.Equal(rules.Model.Rules.Count, kept.Model.Rules.Count + dropped.Count);
        // Every criterion a standard counts keeps its rule and its indicators' rules; the household classification stays.
        foreach (var set in rules.RuleSets)
            foreach (var standard in set.Standards)
                foreach (var id in standard.CriteriaIn(set))
                {
                    Assert.Contains(kept.Model.Rules, r => r.Name == $"{set.Id}/{id}");
                    var indicators = set.FindCriterion(id)!.Indicators;
                    Assert.All(indicators, i => Assert.Contains(kept.Model.Rules, r => r.Name == $"{set.Id}/{id}/{i.Id}"));
                }
        Assert.Contains(kept.Model.Rules, r => r.Subject?.Kind == "household" && r.Stage == RuleStage.Classification);
    }

    [Fact]
    public void Rules_whose_criteria_are_all_counted_are_kept_whole()
    {
        var communes = SampleSession.Rules.ForKinds(["commune"], wholeDataSet: true);
        Assert.Same(communes, communes.WithoutUncountedCriteria());
    }
}
