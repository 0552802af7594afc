using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Documents;

namespace NtpRules.Language.Tests.Yaml;

public class EditDistanceTests
{
    [Theory]
    [InlineData("citaton", "citation", 1)]
    [InlineData("titel", "title", 2)]
    [InlineData("", "abc", 3)]
    [InlineData("region", "region", 0)]
    public void Distance_counts_insertions_deletions_and_substitutions(string a, string b, int d) =>
        Assert.Equal(d, EditDistance.Between(a, b));

    [Fact]
    public void Hints_name_the_closest_known_word_and_nothing_when_all_are_far()
    {
        Assert.Equal("did you mean 'citation'?", EditDistance.Hint("citaton", ["id", "citation", "condition"]));
        Assert.Null(EditDistance.Hint("xyz", ["citation", "condition"]));
    }

    [Fact]
    public void Distance_is_a_metric()
    {
        var word = Gen.Elements('a', 'b', 'c').ArrayOf().Select(a => new string(a.Take(8).ToArray()));
        Prop.ForAll(word.ToArbitrary(), word.ToArbitrary(), word.ToArbitrary(), (a, b, c) =>
            EditDistance.Between(a, b) == EditDistance.Between(b, a)
            && (EditDistance.Between(a, b) == 0) == (a == b)
            && EditDistance.Between(a, c) <= EditDistance.Between(a, b) + EditDistance.Between(b, c)
            && EditDistance.Between(a, b) >= Math.Abs(a.Length - b.Length))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
