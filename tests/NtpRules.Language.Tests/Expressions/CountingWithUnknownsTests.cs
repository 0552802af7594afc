using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Explain;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Tests.Expressions;

/// <summary>
/// Counts and sums with unknown operands are bounds, and comparisons decide as soon as the bound does. Checked against
/// a brute-force evaluator that tries every completion of the unknown true/false values.
/// </summary>
public class CountingWithUnknownsTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);
    private static readonly InMemoryScope Scope = Generators.TypedScope();

    /// <summary>A data set with every number, text and date known and some true/false values blank (null).</summary>
    private sealed record World(bool?[] Root, double[] Numbers, string E1, Truth Met, (double Cn, bool? Cb)[] Children)
    {
        public TestContext Context()
        {
            var ctx = new TestContext(Scope, new DateOnly(2024, 6, 30));
            ctx.Set("b1", Root[0]).Set("b2", Root[1]).Set("b3", Root[2]);
            ctx.Set("n1", Numbers[0]).Set("n2", Numbers[1]).Set("n3", Numbers[2]).Set("i1", Math.Round(Numbers[3]));
            ctx.Set("t1", "x").Set("e1", E1).Set("d1", new DateOnly(2020, 1, 1));
            ctx.Param("p", k => k[0].AsText == "C" ? null : 7.5).Param("q", 2.0);
            ctx.Meets("std", Met).CriteriaMetCount("std", 5);
            var child = (IExpressionScope)Scope.Child("child")!;
            foreach (var (cn, cb) in Children) ctx.Child("child", new TestContext(child).Set("cn", cn).Set("cb", cb));
            return ctx;
        }

        /// <summary>Every way of filling in the blanks.</summary>
        public IEnumerable<World> Completions()
        {
            var blanks = Root.Count(b => b is null) + Children.Count(c => c.Cb is null);
            for (var mask = 0; mask < 1 << blanks; mask++)
            {
                var bit = 0;
                bool Fill(bool? b) => b ?? ((mask >> bit++) & 1) == 1;
                var root = Root.Select(b => (bool?)Fill(b)).ToArray();
                var children = Children.Select(c => (c.Cn, (bool?)Fill(c.Cb))).ToArray();
                yield return this with { Root = root, Children = children };
            }
        }
    }

    private static readonly Gen<bool?> Blankable = Gen.Elements<bool?>(true, false, null);

    private static readonly Gen<World> Worlds =
        from root in Gen.ArrayOf(Blankable, 3)
        from numbers in Gen.ArrayOf(Gen.Choose(-6, 12).Select(i => i / 2.0), 4)
        from e1 in Gen.Elements("A", "B", "C")
        from met in Gen.Elements(Truth.True, Truth.False, Truth.Unknown)
        from children in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 6).Select(i => (double)i), Blankable), n))
        select new World(root, numbers, e1, met, children.Select(c => (c.Item1, c.Item2)).ToArray());

    private static CheckedExpression Checked(Expr ast)
    {
        var bag = new DiagnosticBag();
        var e = ExpressionChecker.Check(ast, Scope, bag, new ExpressionLimits(MaxDepth: 500, MaxNodes: 100_000, MaxExpandedNodes: 100_000));
        Assert.True(e is not null, string.Join("\n", bag));
        return e!;
    }

    private static Truth BruteForce(IEnumerable<Truth> completions)
    {
        var seen = completions.Distinct().ToList();
        return seen.Count == 1 ? seen[0] : Truth.Unknown;
    }

    [Fact]
    public void A_decided_verdict_or_a_known_number_holds_for_every_completion_of_the_unknowns()
    {
        Check.One(Runs, Prop.ForAll(Generators.Typed, Worlds.ToArbitrary(), (ast, world) =>
        {
            var text = ExpressionPrinter.Print(ast);
            // known(…) and coalesce(…) ask whether a value is blank, which no completion keeps: they are not monotone.
            if (text.Contains("known(") || text.Contains("coalesce(")) return;
            var e = Checked(ast);
            var compiled = e.Compile();
            var ctx = world.Context();
            var actual = e.Evaluate(ctx);
            Assert.True(actual == compiled.Evaluate(ctx), $"{text}: interpreter {actual}, compiled {compiled.Evaluate(ctx)}");
            var completions = world.Completions().Select(w => e.Evaluate(w.Context())).ToList();
            if (e.Type.Kind == TypeKind.Boolean)
            {
                var expected = BruteForce(completions.Select(v => v.AsTruth));
                Assert.True(actual.AsTruth == Truth.Unknown || actual.AsTruth == expected,
                    $"{text}: decided {actual}, but the completions give {string.Join(", ", completions)}");
                return;
            }
            if (!actual.IsMissing)
                Assert.All(completions, v => Assert.True(v == actual, $"{text}: known {actual}, but a completion gives {v}"));
            if (e.Type.Kind is not (TypeKind.Number or TypeKind.Integer)) return;
            var bound = e.EvaluateBound(ctx);
            Assert.Equal(bound, compiled.EvaluateBound(ctx));
            foreach (var v in completions.Where(v => !v.IsMissing).Select(v => v.AsNumber))
                Assert.True(bound.Lo - 1e-9 * Math.Abs(v) <= v && v <= bound.Hi + 1e-9 * Math.Abs(v), $"{text}: {v} lies outside {bound}");
        }));
    }

    /// <summary>A count of independent blanks compared with a constant: decided exactly when every completion agrees.</summary>
    private static readonly Gen<(string Text, Func<World, double> Count, bool Share)> Counts = Gen.OneOf(
        Gen.SubListOf(new[] { "b1", "b2", "b3", "true", "false" }).Where(l => l.Count > 0).Select(atoms =>
            ($"count_true({string.Join(", ", atoms)})",
             (Func<World, double>)(w => atoms.Count(a => a == "true" || (a.StartsWith('b') && w.Root[a[1] - '1'] == true))), false)),
        Gen.Constant(("count(child, cb)", (Func<World, double>)(w => w.Children.Count(c => c.Cb == true)), false)),
        Gen.Constant(("count(child, not cb)", (Func<World, double>)(w => w.Children.Count(c => c.Cb == false)), false)),
        Gen.Constant(("share(child, cb)", (Func<World, double>)(w => w.Children.Length == 0 ? double.NaN : 100.0 * w.Children.Count(c => c.Cb == true) / w.Children.Length), true)),
        Gen.Constant(("count_true(b1, b2) + count(child, cb)",
            (Func<World, double>)(w => (w.Root[0] == true ? 1 : 0) + (w.Root[1] == true ? 1 : 0) + w.Children.Count(c => c.Cb == true)), false)));

    [Fact]
    public void Comparing_a_count_with_a_constant_decides_exactly_when_every_completion_agrees()
    {
        var cases = from count in Counts
                    from op in Gen.Elements(">=", ">", "<=", "<", "==", "!=")
                    from k in Gen.Elements(0, 1, 2, 3, 4, 25, 50, 100)
                    where !count.Share || (op != "==" && op != "!=") // shares are not integers: a bound cannot rule out a value between two
                    select (count, op, k);
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), Worlds.ToArbitrary(), (c, world) =>
        {
            var text = $"{c.count.Text} {c.op} {c.k}";
            var e = Fixtures.Check(text, Scope, condition: true);
            var expected = BruteForce(world.Completions().Select(w => Oracle(c.op, c.count.Count(w), c.k)));
            Assert.True(expected == e.Evaluate(world.Context()).AsTruth, $"{text} on {Describe(world)}: expected {expected}");
            Assert.Equal(expected, e.Compile().EvaluateTruth(world.Context()));
        }));
    }

    private static Truth Oracle(string op, double count, double k) => double.IsNaN(count) ? Truth.Unknown : Kleene.Of(op switch
    {
        ">=" => count >= k,
        ">" => count > k,
        "<=" => count <= k,
        "<" => count < k,
        "==" => count == k,
        _ => count != k,
    });

    private static string Describe(World w) =>
        $"b = [{string.Join(", ", w.Root.Select(b => b?.ToString() ?? "blank"))}], children cb = [{string.Join(", ", w.Children.Select(c => c.Cb?.ToString() ?? "blank"))}]";

    [Fact]
    public void Three_known_deprivations_and_one_blank_is_at_least_three()
    {
        var ctx = new TestContext(Scope).Set("b1", true).Set("b2", true).Set("b3", null);
        var count = Fixtures.Check("count_true(b1, b2, b3, true)", Scope);
        Assert.Equal(NumberBound.Count(3, 1, 4), count.EvaluateBound(ctx));
        Assert.Equal("at least 3 of 4 (1 unknown)", count.EvaluateBound(ctx).ToString());
        Assert.True(count.Evaluate(ctx).IsMissing); // its plain value is still unknown
        Assert.Equal(Truth.True, Fixtures.Check("count_true(b1, b2, b3, true) >= 3", Scope).Evaluate(ctx).AsTruth);
        Assert.Equal(Truth.Unknown, Fixtures.Check("count_true(b1, b2, b3, true) >= 4", Scope).Evaluate(ctx).AsTruth);
        Assert.Equal(Truth.False, Fixtures.Check("count_true(b1, b2, b3, true) < 3", Scope).Evaluate(ctx).AsTruth);
    }

    [Fact]
    public void Criteria_met_counts_the_unknown_criteria_as_either()
    {
        // 14 of 19 criteria met, 2 unknown: at least 14, at most 16.
        var ctx = new TestContext(Scope).CriteriaMetCount("std", 14, 2, 19);
        Assert.Equal(NumberBound.Count(14, 2, 19), Fixtures.Check("criteria_met('std')", Scope).EvaluateBound(ctx));
        Assert.Equal(Truth.True, Fixtures.Check("criteria_met('std') >= 14", Scope).Evaluate(ctx).AsTruth);
        Assert.Equal(Truth.Unknown, Fixtures.Check("criteria_met('std') >= 15", Scope).Evaluate(ctx).AsTruth);
        Assert.Equal(Truth.False, Fixtures.Check("criteria_met('std') >= 17", Scope).Evaluate(ctx).AsTruth);
        Assert.Equal(Truth.True, Fixtures.Check("criteria_met('std') + 3 >= 17", Scope).Evaluate(ctx).AsTruth);
        var x = new ExplanationBuilder(Fixtures.Check("criteria_met('std') >= 15", Scope, condition: true)).Explain(ctx, "s", "std", "c");
        Assert.Equal(Explanations.Verdict.Unknown, x.Verdict);
        Assert.Contains("at least 14 of 19 (2 unknown)", x.Reason);
        // Every criterion known: a plain number.
        Assert.Equal(19, Fixtures.Check("criteria_met('std')", Scope).Evaluate(new TestContext(Scope).CriteriaMetCount("std", 19, 0, 19)).AsNumber);
    }

    [Fact]
    public void Dividing_by_a_count_of_no_children_says_there_are_none_not_division_by_zero()
    {
        // A region without communes in the data: its share of communes meeting the standard has no value, and the
        // reason says why in the words of the data.
        var child = (IExpressionScope)Scope.Child("child")!;
        var ctx = new TestContext(Scope).Child("child", new TestContext(child).Set("cb", false));
        const string Text = "count(child, cb and cn > 0) * 100 / count(child, cb) >= 50";
        var trace = new ExpressionTrace();
        Assert.Equal(Truth.Unknown, Fixtures.Check(Text, Scope).Compile().EvaluateTruth(ctx, trace));
        Assert.Equal(["no child with cb in the data (count(child, cb) = 0)"], trace.Notes);
        var x = new ExplanationBuilder(Fixtures.Check(Text, Scope, condition: true)).Explain(ctx, "t", "share", "c");
        Assert.Contains("no child with cb in the data", x.Reason);
        Assert.DoesNotContain("division by zero", x.Reason);
        Assert.Equal(["no child in the data (count(child) = 0)"], Notes("count(child, cb) / count(child) > 0", new TestContext(Scope)));
        Assert.Equal(["division by zero in n1 / n2"], Notes("n1 / n2 > 0", new TestContext(Scope).Set("n1", 1.0).Set("n2", 0.0)));
    }

    private static IReadOnlyList<string> Notes(string text, TestContext ctx)
    {
        var trace = new ExpressionTrace();
        Fixtures.Check(text, Scope).Compile().EvaluateTruth(ctx, trace);
        return trace.Notes;
    }

    [Fact]
    public void The_explanation_says_how_many_were_counted_and_how_many_are_unknown()
    {
        var scope = Generators.TypedScope().Definition("deprivation_count", "count_true(b1, b2, b3)");
        var ctx = new TestContext(scope).Set("b1", true).Set("b2", null).Set("b3", null);
        var x = new ExplanationBuilder(Fixtures.Check("deprivation_count >= 2", scope, condition: true)).Explain(ctx, "p", "poor", "Decree 07/2021/NĐ-CP");
        Assert.Equal(Explanations.Verdict.Unknown, x.Verdict);
        Assert.Contains("deprivation_count: at least 1 of 3 (2 unknown)", x.Reason);
        var met = new ExplanationBuilder(Fixtures.Check("deprivation_count >= 1", scope, condition: true)).Explain(ctx, "p", "poor", "c");
        Assert.Equal(Explanations.Verdict.Met, met.Verdict);
        Assert.Contains("deprivation_count = at least 1 of 3 (2 unknown) is at least 1", met.Reason);
    }

    [Fact]
    public void A_share_with_unknown_children_not_met_gives_the_gap_from_its_upper_end()
    {
        var child = (IExpressionScope)Scope.Child("child")!;
        var ctx = new TestContext(Scope);
        foreach (var cb in new bool?[] { true, false, false, null })
            ctx.Child("child", new TestContext(child).Set("cb", cb));
        var x = new ExplanationBuilder(Fixtures.Check("share(child, cb) >= 80", Scope, condition: true)).Explain(ctx, "P1", "share", "c");
        Assert.Equal(Explanations.Verdict.NotMet, x.Verdict);
        Assert.Equal(30, x.Gap); // at most 50 % whatever the blank child is
        Assert.Contains("between 25 and 50 (1 of 4 unknown)", x.Reason);
    }
}
