using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Language.Tests.Expressions;

public class SmokeTests
{
    [Fact]
    public void Irrigation_condition_is_met_not_met_and_unknown()
    {
        var scope = Fixtures.Commune();
        var e = Fixtures.Check("irrigated_land_pct >= irrigation_min", scope, condition: true);
        var compiled = e.Compile();
        foreach (var (value, expected) in new (object?, Truth)[] { (85.0, Truth.True), (72.0, Truth.False), (null, Truth.Unknown) })
        {
            var ctx = new TestContext(scope).Set("irrigated_land_pct", value).Param("irrigation_min", 80.0);
            Assert.Equal(expected, e.Evaluate(ctx).AsTruth);
            Assert.Equal(expected, compiled.EvaluateTruth(ctx));
        }
    }
}
