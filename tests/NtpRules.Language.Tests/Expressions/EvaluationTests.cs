using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Language.Tests.Expressions;

public class EvaluationTests
{
    private static readonly Truth T = Truth.True, F = Truth.False, U = Truth.Unknown;

    private static InMemoryScope Booleans() => new InMemoryScope("commune")
        .Indicator("a", ExprType.Boolean).Indicator("b", ExprType.Boolean)
        .Indicator("x", ExprType.Number).Indicator("y", ExprType.Number)
        .Indicator("s", ExprType.Text).Indicator("d", ExprType.Date);

    private static object? Raw(Truth t) => t == U ? null : t == T;

    /// <summary>Evaluates with the interpreter and the compiled delegate, asserts they agree, returns the result.</summary>
    private static Value Eval(string text, TestContext ctx, IExpressionScope scope)
    {
        var e = Fixtures.Check(text, scope);
        var interpreted = e.Evaluate(ctx);
        var compiled = e.Compile().Evaluate(ctx);
        Assert.Equal(interpreted, compiled);
        return interpreted;
    }

    private static Truth Logic(string text, Truth a, Truth b)
    {
        var scope = Booleans();
        return Eval(text, new TestContext(scope).Set("a", Raw(a)).Set("b", Raw(b)), scope).AsTruth;
    }

    public static TheoryData<Truth, Truth, Truth> AndTable => new()
    {
        { T, T, T }, { T, F, F }, { T, U, U },
        { F, T, F }, { F, F, F }, { F, U, F },
        { U, T, U }, { U, F, F }, { U, U, U },
    };

    public static TheoryData<Truth, Truth, Truth> OrTable => new()
    {
        { T, T, T }, { T, F, T }, { T, U, T },
        { F, T, T }, { F, F, F }, { F, U, U },
        { U, T, T }, { U, F, U }, { U, U, U },
    };

    [Theory, MemberData(nameof(AndTable))]
    public void And_is_Kleene(Truth a, Truth b, Truth expected)
    {
        Assert.Equal(expected, Logic("a and b", a, b));
        Assert.Equal(expected, Kleene.And(a, b));
    }

    [Theory, MemberData(nameof(OrTable))]
    public void Or_is_Kleene(Truth a, Truth b, Truth expected)
    {
        Assert.Equal(expected, Logic("a or b", a, b));
        Assert.Equal(expected, Kleene.Or(a, b));
    }

    [Theory]
    [InlineData(Truth.True, Truth.False)]
    [InlineData(Truth.False, Truth.True)]
    [InlineData(Truth.Unknown, Truth.Unknown)]
    public void Not_is_Kleene(Truth a, Truth expected) => Assert.Equal(expected, Logic("not a", a, T));

    [Theory]
    [InlineData(Truth.True, Truth.True, Truth.True)]
    [InlineData(Truth.True, Truth.False, Truth.False)]
    [InlineData(Truth.Unknown, Truth.True, Truth.Unknown)]
    [InlineData(Truth.False, Truth.Unknown, Truth.Unknown)]
    public void Boolean_equality_with_unknown_is_unknown(Truth a, Truth b, Truth expected) => Assert.Equal(expected, Logic("a == b", a, b));

    private static Value Num(string text, object? x, object? y = null)
    {
        var scope = Booleans();
        return Eval(text, new TestContext(scope).Set("x", x).Set("y", y), scope);
    }

    [Theory]
    [InlineData("x + y")]
    [InlineData("x - y")]
    [InlineData("x * y")]
    [InlineData("x / y")]
    [InlineData("-x + 0 * y")]
    [InlineData("min(x, y)")]
    [InlineData("max(x, y)")]
    [InlineData("abs(x) + y")]
    [InlineData("round(x, y)")]
    public void Arithmetic_with_unknown_is_unknown(string text)
    {
        Assert.True(Num(text, null, 2.0).IsMissing);
        Assert.True(Num(text, 2.0, null).IsMissing);
    }

    [Theory]
    [InlineData("x == y")]
    [InlineData("x != y")]
    [InlineData("x < y")]
    [InlineData("x <= y")]
    [InlineData("x > y")]
    [InlineData("x >= y")]
    public void Comparison_with_unknown_is_unknown(string text)
    {
        Assert.Equal(U, Num(text, null, 2.0).AsTruth);
        Assert.Equal(U, Num(text, 2.0, null).AsTruth);
        Assert.NotEqual(U, Num(text, 2.0, 3.0).AsTruth);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(72.0)]
    [InlineData(-3.0)]
    [InlineData(12.5)]
    [InlineData(1.0 / 3)]
    [InlineData(0.00004)]
    [InlineData(1_500_000.0)]
    [InlineData(123456789012345.0)]
    [InlineData(1e15)]
    [InlineData(-2.5e20)]
    [InlineData(double.NaN)]
    public void Numbers_appended_to_a_text_read_as_they_print(double n)
    {
        var text = new System.Text.StringBuilder("x = ");
        Value.AppendNumber(text, n);
        Assert.Equal("x = " + Value.FormatNumber(n), text.ToString());
    }

    [Fact]
    public void Division_by_zero_is_unknown_with_a_reason()
    {
        Assert.True(Num("x / y", 5.0, 0.0).IsMissing);
        var scope = Booleans();
        var trace = new ExpressionTrace();
        var compiled = Fixtures.Check("x / y > 1", scope).Compile();
        Assert.Equal(U, compiled.EvaluateTruth(new TestContext(scope).Set("x", 5.0).Set("y", 0.0), trace));
        Assert.Equal(["division by zero in x / y"], trace.Notes);
    }

    [Theory]
    [InlineData("7 / 2", 3.5)]
    [InlineData("2 + 3 * 4", 14)]
    [InlineData("(2 + 3) * 4", 20)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("-2 * -3", 6)]
    [InlineData("80% + 0", 80)]
    [InlineData("round(2.345, 2)", 2.35)]
    [InlineData("round(2.5)", 3)]
    [InlineData("round(-2.5)", -3)]
    [InlineData("min(4, 2, 9)", 2)]
    [InlineData("max(4, 2, 9)", 9)]
    [InlineData("abs(-4.5)", 4.5)]
    [InlineData("coalesce(x, y, 7)", 7)]
    [InlineData("count_true(true, false, true)", 2)]
    [InlineData("if 1 < 2 then 10 else 20", 10)]
    [InlineData("year(date('2026-02-15'))", 2026)]
    [InlineData("year", 2024)]
    public void Arithmetic_and_functions(string text, double expected) => Assert.Equal(expected, Num(text, null).AsNumber, 9);

    [Fact]
    public void Coalesce_known_and_count_true_with_missing_values()
    {
        Assert.Equal(3.0, Num("coalesce(x, y, 7)", null, 3.0).AsNumber);
        Assert.Equal(F, Num("known(x)", null).AsTruth);
        Assert.Equal(T, Num("known(x)", 0.0).AsTruth);
        var scope = Booleans();
        Assert.True(Eval("count_true(a, b)", new TestContext(scope).Set("a", true), scope).IsMissing);
        Assert.Equal(1.0, Eval("count_true(a, b)", new TestContext(scope).Set("a", true).Set("b", false), scope).AsNumber);
    }

    [Fact]
    public void Conditional_with_unknown_condition_is_unknown()
    {
        var scope = Booleans();
        Assert.True(Eval("if a then 1 else 2", new TestContext(scope), scope).IsMissing);
        Assert.Equal(2.0, Eval("if a then 1 else 2", new TestContext(scope).Set("a", false), scope).AsNumber);
    }

    [Theory]
    [InlineData("DBSH", Truth.True)]
    [InlineData("TN", Truth.False)]
    [InlineData(null, Truth.Unknown)]
    public void Membership(string? region, Truth expected)
    {
        var scope = Fixtures.Commune();
        Assert.Equal(expected, Eval("region in ['DBSH', 'DNB']", new TestContext(scope).Set("region", region), scope).AsTruth);
    }

    [Fact]
    public void Membership_with_an_unknown_item_is_unknown_unless_another_item_matches()
    {
        var scope = Booleans();
        var ctx = new TestContext(scope).Set("x", 3.0);
        Assert.Equal(U, Eval("x in [1, y]", ctx, scope).AsTruth);
        Assert.Equal(T, Eval("x in [y, 3]", ctx, scope).AsTruth);
    }

    [Fact]
    public void Text_and_date_comparisons()
    {
        var scope = Booleans();
        var ctx = new TestContext(scope).Set("s", "urban").Set("d", new DateOnly(2023, 5, 1));
        Assert.Equal(T, Eval("s == 'urban'", ctx, scope).AsTruth);
        Assert.Equal(F, Eval("s != \"urban\"", ctx, scope).AsTruth);
        Assert.Equal(T, Eval("d < as_of", ctx, scope).AsTruth);
        Assert.Equal(F, Eval("d >= date('2023-05-02')", ctx, scope).AsTruth);
        Assert.Equal(new DateOnly(2024, 6, 30), Eval("as_of", ctx, scope).ToObject());
        Assert.Equal(U, Eval("s == 'urban'", new TestContext(scope), scope).AsTruth);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_reads_as_missing()
    {
        var scope = Booleans();
        Assert.Equal(U, Eval("x > 1", new TestContext(scope).Set("x", "lots"), scope).AsTruth);
    }

    [Fact]
    public void Definitions_evaluate_where_used()
    {
        var scope = Fixtures.Commune();
        var ctx = new TestContext(scope).Set("region", "DBSH").Set("especially_difficult", true);
        Assert.Equal("TDMNPB", Eval("effective_region", ctx, scope).AsText);
        Assert.Equal("DBSH", Eval("effective_region", ctx.Set("especially_difficult", false), scope).AsText);
        Assert.True(Eval("effective_region", ctx.Set("especially_difficult", null), scope).IsMissing);
    }

    [Fact]
    public void Table_parameters_are_looked_up_by_their_key_values()
    {
        var scope = Fixtures.Commune();
        var ctx = new TestContext(scope).Set("region", "TDMNPB").Set("especially_difficult", false).Set("income_per_capita", 40.0)
            .Param("income_min", keys => keys[0].AsText == "TDMNPB" && keys[1].AsNumber == 2024 ? 39.0 : 47.0);
        Assert.Equal(T, Eval("income_per_capita >= income_min", ctx, scope).AsTruth);
        Assert.Equal(T, Eval("income_per_capita >= income_min[effective_region][year]", ctx, scope).AsTruth);
        Assert.Equal(F, Eval("income_per_capita >= income_min['DBSH'][2024]", ctx, scope).AsTruth);
        Assert.Equal(F, Eval("income_per_capita >= income_min[region][2025]", ctx, scope).AsTruth);
    }

    [Fact]
    public void No_parameter_row_or_a_missing_key_is_unknown()
    {
        var scope = Fixtures.Commune();
        var ctx = new TestContext(scope).Set("irrigated_land_pct", 90.0);
        Assert.Equal(U, Eval("irrigated_land_pct >= irrigation_min", ctx, scope).AsTruth);
        ctx.Param("income_min", _ => 39.0).Set("income_per_capita", 50.0);
        var before = ctx.ParameterCalls;
        Assert.Equal(U, Eval("income_per_capita >= income_min", ctx, scope).AsTruth); // region is missing
        Assert.Equal(before, ctx.ParameterCalls);
    }

    private static TestContext CommuneWithHouseholds(params (double? income, string? status)[] households)
    {
        var commune = Fixtures.Commune();
        var household = (IExpressionScope)commune.Child("household")!;
        var ctx = new TestContext(commune);
        foreach (var (income, status) in households)
            ctx.Child("household", new TestContext(household).Set("income_per_person", income).Set("poverty_status", status).Set("area", "rural")
                .Param("poverty_line", k => k[0].AsText == "rural" ? 1_500_000.0 : 2_000_000.0));
        return ctx;
    }

    [Fact]
    public void Aggregates_over_children()
    {
        var scope = Fixtures.Commune();
        var ctx = CommuneWithHouseholds((1_000_000, "poor"), (1_800_000, "none"), (1_400_000, "near-poor"), (3_000_000, "none"));
        Assert.Equal(4, Eval("count(household)", ctx, scope).AsNumber);
        Assert.Equal(1, Eval("count(household, poverty_status == 'poor')", ctx, scope).AsNumber);
        Assert.Equal(50, Eval("share(household, income_per_person <= poverty_line)", ctx, scope).AsNumber);
        Assert.Equal(7_200_000, Eval("sum(household, income_per_person)", ctx, scope).AsNumber);
        Assert.Equal(1_800_000, Eval("avg(household, income_per_person)", ctx, scope).AsNumber);
        Assert.Equal(1_000_000, Eval("min_of(household, income_per_person)", ctx, scope).AsNumber);
        Assert.Equal(3_000_000, Eval("max_of(household, income_per_person)", ctx, scope).AsNumber);
    }

    [Fact]
    public void An_unknown_child_value_makes_the_aggregate_unknown()
    {
        var scope = Fixtures.Commune();
        var ctx = CommuneWithHouseholds((1_000_000, "poor"), (null, null));
        Assert.Equal(2, Eval("count(household)", ctx, scope).AsNumber);
        foreach (var text in new[] { "count(household, poverty_status == 'poor')", "share(household, poverty_status == 'poor')",
                     "sum(household, income_per_person)", "avg(household, income_per_person)", "min_of(household, income_per_person)" })
            Assert.True(Eval(text, ctx, scope).IsMissing, text);
    }

    [Fact]
    public void Aggregates_over_no_children()
    {
        var scope = Fixtures.Commune();
        var ctx = CommuneWithHouseholds();
        Assert.Equal(0, Eval("count(household)", ctx, scope).AsNumber);
        Assert.Equal(0, Eval("count(household, poverty_status == 'poor')", ctx, scope).AsNumber);
        Assert.Equal(0, Eval("sum(household, income_per_person)", ctx, scope).AsNumber);
        Assert.True(Eval("avg(household, income_per_person)", ctx, scope).IsMissing);
        Assert.True(Eval("share(household, poverty_status == 'poor')", ctx, scope).IsMissing);
    }

    [Fact]
    public void Met_and_baseline_come_from_the_context()
    {
        var scope = Fixtures.Commune();
        var ctx = new TestContext(scope).Meets("ntm-commune", T).Set("irrigated_land_pct", 90.0);
        Assert.Equal(T, Eval("met('ntm-commune')", ctx, scope).AsTruth);
        Assert.Equal(U, Eval("met('ntm-advanced')", ctx, scope).AsTruth);
        Assert.Equal(17, Eval("criteria_met('ntm-commune') + 0", ctx.CriteriaMetCount("ntm-commune", 17), scope).AsNumber);
        Assert.True(Eval("irrigated_land_pct - baseline(irrigated_land_pct)", ctx, scope).IsMissing);
        ctx.Baseline = new TestContext(scope).Set("irrigated_land_pct", 75.0);
        Assert.Equal(15, Eval("irrigated_land_pct - baseline(irrigated_land_pct)", ctx, scope).AsNumber);
    }

    [Theory]
    [InlineData(72.0, "72")]
    [InlineData(12.5, "12.5")]
    [InlineData(1.0 / 3, "0.3333")]
    [InlineData(-0.0, "0")]
    [InlineData(1500000.0, "1500000")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(-2.00004, "-2")]
    public void Numbers_read_plainly_in_explanations(double n, string text) => Assert.Equal(text, Value.Number(n).ToString());
}
