using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Explain;

namespace NtpRules.Language.Tests.Expressions;

public class ExplanationTests
{
    private readonly InMemoryScope _scope = Fixtures.Commune();

    private IndicatorExplanation Explain(string condition, TestContext ctx, string? appliesIf = null)
    {
        var builder = new ExplanationBuilder(Fixtures.Check(condition, _scope, condition: true),
            appliesIf is null ? null : Fixtures.Check(appliesIf, _scope, condition: true));
        var x = builder.Explain(ctx, "3.1", "Irrigation", "Decision 318/QĐ-TTg, Annex I, criterion 3.1");
        Assert.Equal(x.Verdict, builder.Verdict(ctx).ToVerdict()); // the fast path agrees
        return x;
    }

    private TestContext Irrigation(object? pct) =>
        new TestContext(_scope).Set("irrigated_land_pct", pct).Param("irrigation_min", 80.0, "Decision 318/QĐ-TTg, Annex I, 3.1", "confirmed");

    [Fact]
    public void Not_met_names_value_threshold_and_gap()
    {
        var x = Explain("irrigated_land_pct >= irrigation_min", Irrigation(72.0));
        Assert.Equal(Verdict.NotMet, x.Verdict);
        Assert.Equal("Not met: irrigated_land_pct = 72 is below irrigation_min = 80 (gap 8 %).", x.Reason);
        Assert.Equal(8, x.Gap);
        Assert.Equal("irrigated_land_pct >= irrigation_min", x.Expression);
        Assert.Equal(72.0, x.Values["irrigated_land_pct"]);
        var t = Assert.Single(x.Thresholds);
        Assert.Equal(("irrigation_min", 80.0, "%", "Decision 318/QĐ-TTg, Annex I, 3.1", "confirmed"), (t.Parameter, t.Value, t.Unit, t.Citation, t.Confidence));
        Assert.Empty(x.Missing);
        Assert.Equal(("3.1", "Irrigation", "Decision 318/QĐ-TTg, Annex I, criterion 3.1"), (x.Id, x.Name, x.Citation));
    }

    [Fact]
    public void Met_says_why()
    {
        var x = Explain("irrigated_land_pct >= irrigation_min", Irrigation(85.0));
        Assert.Equal(Verdict.Met, x.Verdict);
        Assert.Equal("Met: irrigated_land_pct = 85 is at least irrigation_min = 80.", x.Reason);
        Assert.Null(x.Gap);
    }

    [Fact]
    public void Exactly_at_the_threshold_is_met() => Assert.Equal(Verdict.Met, Explain("irrigated_land_pct >= irrigation_min", Irrigation(80.0)).Verdict);

    [Fact]
    public void Unknown_names_the_missing_indicator()
    {
        var x = Explain("irrigated_land_pct >= irrigation_min", Irrigation(null));
        Assert.Equal(Verdict.Unknown, x.Verdict);
        Assert.Equal("Unknown: irrigated_land_pct is missing.", x.Reason);
        Assert.Equal(["irrigated_land_pct"], x.Missing);
        Assert.True(x.Values.ContainsKey("irrigated_land_pct"));
        Assert.Null(x.Values["irrigated_land_pct"]);
    }

    [Fact]
    public void At_most_gap_is_value_minus_threshold()
    {
        var x = Explain("population <= 1000", new TestContext(_scope).Set("population", 1200.0));
        Assert.Equal("Not met: population = 1200 is above 1000 (gap 200 people).", x.Reason);
        Assert.Equal(200, x.Gap);
    }

    [Fact]
    public void Through_and_the_first_failing_comparison_gives_the_gap()
    {
        var ctx = Irrigation(90.0).Set("population", 700.0);
        var x = Explain("irrigated_land_pct >= irrigation_min and population >= 1000 and population >= 800", ctx);
        Assert.Equal("Not met: population = 700 is below 1000 (gap 300 people).", x.Reason);
        Assert.Equal(300, x.Gap);
        var met = Explain("irrigated_land_pct >= irrigation_min and population >= 500", ctx);
        Assert.Equal("Met: irrigated_land_pct = 90 is at least irrigation_min = 80 and population = 700 is at least 500.", met.Reason);
    }

    [Fact]
    public void Several_missing_indicators_are_all_named()
    {
        var x = Explain("irrigated_land_pct >= irrigation_min or population > 3 or has_craft_village", Irrigation(null));
        Assert.Equal("Unknown: irrigated_land_pct, population and has_craft_village are missing.", x.Reason);
        Assert.Equal(["irrigated_land_pct", "population", "has_craft_village"], x.Missing);
    }

    [Fact]
    public void Table_thresholds_record_their_keys_and_a_missing_row_is_explained()
    {
        var ctx = new TestContext(_scope).Set("region", "TDMNPB").Set("especially_difficult", false).Set("income_per_capita", 35.0)
            .Param("income_min", k => k[1].AsNumber == 2024 ? 39.0 : null, "Decision 318/QĐ-TTg, Annex I, criterion 10", "provisional");
        var x = Explain("income_per_capita >= income_min[effective_region][year]", ctx);
        Assert.Equal("Not met: income_per_capita = 35 is below income_min[effective_region][year] = 39 (gap 4 million VND/person/year).", x.Reason);
        var t = Assert.Single(x.Thresholds);
        Assert.Equal(new Dictionary<string, string> { ["region"] = "TDMNPB", ["year"] = "2024" }, t.Keys);
        Assert.Equal("provisional", t.Confidence);
        Assert.Equal(false, x.Values["especially_difficult"]); // read through the definition

        var later = new TestContext(_scope, new DateOnly(2031, 1, 1)).Set("region", "DBSH").Set("especially_difficult", false).Set("income_per_capita", 35.0)
            .Param("income_min", k => k[1].AsNumber == 2024 ? 39.0 : null);
        var u = Explain("income_per_capita >= income_min[effective_region][year]", later);
        Assert.Equal(Verdict.Unknown, u.Verdict);
        Assert.Equal("Unknown: no value of income_min is in force for region=DBSH, year=2031.", u.Reason);
        Assert.Null(Assert.Single(u.Thresholds).Value);
    }

    [Fact]
    public void Division_by_zero_is_explained()
    {
        var x = Explain("irrigated_land_pct / population > 0.1", Irrigation(50.0).Set("population", 0.0));
        Assert.Equal("Unknown: division by zero in irrigated_land_pct / population.", x.Reason);
    }

    [Fact]
    public void Boolean_indicators_read_plainly()
    {
        var ctx = new TestContext(_scope).Set("disaster_4_on_the_spot", false);
        Assert.Equal("Not met: disaster_4_on_the_spot is false.", Explain("disaster_4_on_the_spot", ctx).Reason);
        Assert.Equal("Met: not disaster_4_on_the_spot holds with disaster_4_on_the_spot = false.", Explain("not disaster_4_on_the_spot", ctx).Reason);
        Assert.Equal("Not met: region = DBSH differs from 'TDMNPB'.",
            Explain("region == 'TDMNPB'", ctx.Set("region", "DBSH")).Reason);
    }

    [Fact]
    public void Not_applicable_counts_as_met()
    {
        var ctx = new TestContext(_scope).Set("has_craft_village", false);
        var x = Explain("disaster_4_on_the_spot", ctx, appliesIf: "has_craft_village");
        Assert.Equal(Verdict.Met, x.Verdict);
        Assert.Equal("Not applicable: has_craft_village is false, so the indicator counts as met.", x.Reason);
        var unknown = Explain("disaster_4_on_the_spot", new TestContext(_scope), appliesIf: "has_craft_village");
        Assert.Equal(Verdict.Unknown, unknown.Verdict);
        Assert.Equal(["has_craft_village", "disaster_4_on_the_spot"], unknown.Missing);
        var met = Explain("disaster_4_on_the_spot", new TestContext(_scope).Set("disaster_4_on_the_spot", true), appliesIf: "has_craft_village");
        Assert.Equal(Verdict.Met, met.Verdict); // met whether or not it applies
    }

    [Fact]
    public void Unknown_aggregates_and_standards_are_named()
    {
        var household = (IExpressionScope)_scope.Child("household")!;
        var ctx = new TestContext(_scope).Child("household", new TestContext(household));
        var x = Explain("share(household, poverty_status == 'poor') <= 10", ctx);
        // One household of unknown status: the share is anywhere from 0 to 100 %, and the reason says so.
        Assert.Equal("Unknown: share(household, poverty_status == 'poor'): between 0 and 100 (1 of 1 unknown).", x.Reason);
        Assert.Empty(x.Missing);
        Assert.Equal("Unknown: met('ntm-commune') is unknown.", Explain("met('ntm-commune')", ctx).Reason);
    }

    [Fact]
    public void Aggregates_compared_with_a_threshold_give_a_gap()
    {
        var household = (IExpressionScope)_scope.Child("household")!;
        var ctx = new TestContext(_scope);
        foreach (var status in new[] { "poor", "poor", "none", "near-poor", "none", "none", "none", "none" })
            ctx.Child("household", new TestContext(household).Set("poverty_status", status));
        var x = Explain("share(household, poverty_status == 'poor') <= 10", ctx);
        Assert.Equal("Not met: share(household, poverty_status == 'poor') = 25 is above 10 (gap 15 %).", x.Reason);
        Assert.Equal(25.0, x.Values["share(household, poverty_status == 'poor')"]);
    }

    [Fact]
    public void Date_gaps_are_in_days()
    {
        var x = Explain("recognised_on <= date('2024-01-10')", new TestContext(_scope).Set("recognised_on", new DateOnly(2024, 1, 31)));
        Assert.Equal("Not met: recognised_on = 2024-01-31 is above date('2024-01-10') (gap 21 days).", x.Reason);
    }

    [Fact]
    public void Values_are_listed_once_each_in_the_order_read()
    {
        var x = Explain("population >= 1000 and irrigated_land_pct >= irrigation_min and population > 0", Irrigation(90.0).Set("population", 1700.0));
        Assert.Equal(["population", "irrigated_land_pct"], x.Values.Keys);
        Assert.Equal([1700.0, 90.0], x.Values.Values);
        Assert.False(x.Values.ContainsKey("region"));
        Assert.Throws<KeyNotFoundException>(() => x.Values["region"]);
    }

    [Fact]
    public void Reasons_are_the_same_whichever_thread_builds_them_and_after_whatever_came_before()
    {
        // One builder serves every session and thread (the compiled rules share it); it reuses a buffer per thread.
        var builder = new ExplanationBuilder(Fixtures.Check("irrigated_land_pct >= irrigation_min", _scope, condition: true));
        static string Expected(double v) => v >= 80
            ? $"Met: irrigated_land_pct = {Value.FormatNumber(v)} is at least irrigation_min = 80."
            : $"Not met: irrigated_land_pct = {Value.FormatNumber(v)} is below irrigation_min = 80 (gap {Value.FormatNumber(80 - v)} %).";
        var values = Gen.Choose(-1_000_000, 2_000_000).Select(i => i / 10_000.0).ArrayOf().ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(values, vs =>
        {
            var contexts = vs.Select(v => Irrigation(v)).ToArray();
            var reasons = new string[vs.Length];
            Parallel.For(0, vs.Length, i => reasons[i] = builder.Explain(contexts[i], "3.1", "Irrigation", "").Reason);
            Assert.Equal(vs.Select(Expected), reasons);
        }));
    }

    [Fact]
    public void Tracing_off_records_nothing_and_on_records_reads()
    {
        var e = Fixtures.Check("irrigated_land_pct >= irrigation_min", _scope).Compile();
        var trace = new ExpressionTrace();
        e.EvaluateTruth(Irrigation(72.0), trace);
        Assert.Equal([("irrigated_land_pct", Value.Number(72))], trace.Values);
        Assert.Single(trace.Thresholds);
        trace.Clear();
        Assert.Empty(trace.Values);
    }
}
