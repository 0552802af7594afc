using FsCheck;
using FsCheck.Fluent;

namespace NtpRules.Samples.Tests;

public sealed class ColumnSolverTests
{
    private static ColumnSolver Percent(int seed) => new(new Random(seed), _ => (0, 100, false));

    [Fact]
    public void A_value_meets_or_misses_each_threshold_as_asked_and_stays_in_range()
    {
        var ops = new[] { RequirementOp.AtLeast, RequirementOp.MoreThan, RequirementOp.AtMost, RequirementOp.LessThan };
        var cases = from tenths in Gen.Choose(0, 1000)
                    from op in Gen.Elements(ops)
                    from met in Gen.Elements(true, false)
                    from seed in Gen.Choose(0, 10_000)
                    select (tenths, op, met, seed);
        Prop.ForAll(cases.ToArbitrary(), c =>
            {
                var (tenths, op, met, seed) = c;
                var req = new Requirement("c", "i", "x", op, tenths / 10.0, null);
                var solver = Percent(seed);
                if (!solver.TryRequire(req, met)) return true;   // e.g. "more than 100" cannot be met in 0..100
                var value = solver.Solve("x");
                return req.IsMetBy(value) == met && value is >= 0 and <= 100 && Math.Round(value, 1) == value;
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Meeting_a_lower_tier_and_missing_a_stricter_one_lands_between_the_two()
    {
        var solver = Percent(7);
        solver.Require(new Requirement("c02", "2.2", "roads", RequirementOp.AtLeast, 70, null), met: true);
        solver.Require(new Requirement("a02", "2.1", "roads", RequirementOp.AtLeast, 80, null), met: false);
        Assert.InRange(solver.Solve("roads"), 70, 79.9);
    }

    [Fact]
    public void Contradicting_requirements_are_refused()
    {
        var solver = Percent(1);
        solver.Require(new Requirement("c", "i", "x", RequirementOp.AtLeast, 80, null), met: true);
        Assert.False(solver.TryRequire(new Requirement("c", "j", "x", RequirementOp.AtMost, 79, null), met: true));
        Assert.Throws<InvalidOperationException>(() => solver.Require(new Requirement("c", "j", "x", RequirementOp.LessThan, 80, null), met: true));
    }
}
