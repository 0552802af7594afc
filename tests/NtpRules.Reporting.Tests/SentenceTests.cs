using FsCheck;
using FsCheck.Fluent;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;
using NtpRules.Reporting.Sentences;

namespace NtpRules.Reporting.Tests;

/// <summary>Reasons and targets as people read them: names, values, thresholds, gaps, citations; counts the right way round.</summary>
public sealed class SentenceTests
{
    private static IndicatorExplanation Compared(string expression, Verdict verdict, string key, object? value, string parameter, double threshold, string unit,
        double? gap, Dictionary<string, string>? keys = null) => new(
        "3.1", "Irrigated land", verdict, expression, new Dictionary<string, object?> { [key] = value, ["region"] = "DBSH" },
        [new ThresholdUse(parameter, threshold, keys ?? new Dictionary<string, string>(), unit, "Decision 318/QĐ-TTg, 3.1 (DBSH)", "confirmed")],
        gap, "Not met: engine words", "Decision 318/QĐ-TTg, Annex I, criterion 3.1", value is null ? [key] : []);

    private static IndicatorExplanation Flag(string expression, Verdict verdict, bool? value) => new(
        "6.1", "Cultural house", verdict, expression, new Dictionary<string, object?> { ["cultural_house"] = value }, [], null,
        "engine words", "Decision 318/QĐ-TTg, criterion 6.1", value is null ? ["cultural_house"] : []);

    [Fact]
    public void A_shortfall_names_the_indicator_value_threshold_keys_parameter_gap_and_citation()
    {
        var i = Compared("irrigated_land_pct >= irrigation_min", Verdict.NotMet, "irrigated_land_pct", 72.5, "irrigation_min", 80, "%", 7.5,
            new Dictionary<string, string> { ["effective_region"] = "DBSH", ["year"] = "2024" });

        Assert.Equal("Irrigated land (irrigated_land_pct) is 72.5 %, below the 80 % required for DBSH in 2024 (parameter irrigation_min); 7.5 points short. Decision 318/QĐ-TTg, Annex I, criterion 3.1.",
            IndicatorSentences.Of(i, i.Name, "en").Text);
        Assert.Equal("Đất được tưới (irrigated_land_pct) là 72.5 %, thấp hơn mức tối thiểu 80 % đối với DBSH năm 2024 (tham số irrigation_min); còn thiếu 7.5 điểm phần trăm. Decision 318/QĐ-TTg, Annex I, criterion 3.1.",
            IndicatorSentences.Of(i, "Đất được tưới", "vi").Text);
        // The subject's figures are the only parts not shared with other subjects.
        Assert.Equal(["72.5", "7.5"], IndicatorSentences.Of(i, i.Name, "en").Args);
    }

    [Fact]
    public void Maximums_read_as_allowed_and_over_and_a_met_comparison_as_at_least()
    {
        var over = Compared("commune_poverty_rate <= poverty_max", Verdict.NotMet, "commune_poverty_rate", 10.0, "poverty_max", 8, "%", 2);
        Assert.StartsWith("Irrigated land (commune_poverty_rate) is 10 %, above the 8 % allowed (parameter poverty_max); 2 points over.", IndicatorSentences.Of(over, over.Name, "en").Text);

        var income = Compared("income_per_capita >= income_min", Verdict.Met, "income_per_capita", 49.8, "income_min", 45, "million VND/person/year", null);
        Assert.StartsWith("Irrigated land (income_per_capita) is 49.8 million VND/person/year, at least the 45 million VND/person/year required (parameter income_min).",
            IndicatorSentences.Of(income, income.Name, "en").Text);
    }

    [Fact]
    public void Each_failing_part_of_a_condition_is_said_with_its_own_gap()
    {
        var i = new IndicatorExplanation("8.1", "Post and internet", Verdict.NotMet, "post_pct >= post_min and internet_pct >= internet_min and radio",
            new Dictionary<string, object?> { ["post_pct"] = 50.0, ["internet_pct"] = 90.0, ["radio"] = false },
            [new ThresholdUse("post_min", 60.0, new Dictionary<string, string>(), "%", null, "confirmed"), new ThresholdUse("internet_min", 80.0, new Dictionary<string, string>(), "%", null, "confirmed")],
            10, "engine words", "Decision 318, 8.1", []);

        // internet_pct meets its threshold, so only the post share and the radio flag are said.
        Assert.Equal("Post and internet (post_pct) is 50 %, below the 60 % required (parameter post_min); 10 points short; radio: no; required: yes. Decision 318, 8.1.",
            IndicatorSentences.Of(i, i.Name, "en").Text);
    }

    [Fact]
    public void Yes_no_indicators_say_the_answer_and_what_is_required()
    {
        Assert.Equal("Cultural house (cultural_house): no; required: yes. Decision 318/QĐ-TTg, criterion 6.1.",
            IndicatorSentences.Of(Flag("cultural_house", Verdict.NotMet, false), "Cultural house", "en").Text);
        Assert.Equal("Cultural house (cultural_house): no. Decision 318/QĐ-TTg, criterion 6.1.",
            IndicatorSentences.Of(Flag("not cultural_house", Verdict.Met, false), "Cultural house", "en").Text);
        Assert.Equal("Nhà văn hóa (cultural_house): không; yêu cầu: có. Decision 318/QĐ-TTg, criterion 6.1.",
            IndicatorSentences.Of(Flag("cultural_house", Verdict.NotMet, false), "Nhà văn hóa", "vi").Text);
    }

    [Fact]
    public void Unknowns_name_the_missing_data_and_other_conditions_keep_the_engine_reason_with_the_name()
    {
        var unknown = Compared("irrigated_land_pct >= irrigation_min", Verdict.Unknown, "irrigated_land_pct", null, "irrigation_min", 80, "%", null);
        Assert.Equal("Irrigated land (irrigated_land_pct): no data. Decision 318/QĐ-TTg, Annex I, criterion 3.1.", IndicatorSentences.Of(unknown, unknown.Name, "en").Text);

        var aggregate = Compared("share(commune, met('ntm-commune')) >= share_min", Verdict.NotMet, "x", 1.0, "share_min", 100, "%", 10) with
        {
            Reason = "Not met: share(commune, met('ntm-commune')) = 90 is below share_min = 100 (gap 10 %).",
        };
        Assert.Equal("Irrigated land: share(commune, met('ntm-commune')) = 90 is below share_min = 100 (gap 10 %). Decision 318/QĐ-TTg, Annex I, criterion 3.1.",
            IndicatorSentences.Of(aggregate, aggregate.Name, "en").Text);
    }

    [Fact]
    public void A_sentence_is_its_template_filled_with_its_figures_whatever_the_text()
    {
        Prop.ForAll<NonNull<string>, NonNull<string>, NonNull<string>>((before, figure, after) =>
        {
            var sentence = new Sentence.Builder().Text(before.Get).Figure(figure.Get).Text(after.Get).Build();
            return sentence.Text == before.Get + figure.Get + after.Get && sentence.Args.SequenceEqual([figure.Get]);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static readonly Rollup[] Rollups =
    [
        new("province", "P1", "Province one", [new RollupStandard("ntm-commune", 50, 30, 4, 15), new RollupStandard("ntm-model-commune", 3, 81, 0, 2)]),
        new("province", "P2", "Province two", [new RollupStandard("ntm-commune", 7, 3, 0, 16), new RollupStandard("ntm-model-commune", 0, 10, 0, 2)]),
        new("district", "D1", "District", [new RollupStandard("ntm-commune", 20, 10, 0, 15)]), // inside P1: not counted twice
        new("region", "DBSH", "DBSH", [new RollupStandard("ntm-commune", 40, 20, 0, 15)]),
    ];

    private static TargetResult Target(string measure, Verdict verdict, double? actual, double target, string scope = "all", string reason = "") =>
        new("t", "target", scope, verdict, actual, target, "", null, reason, "Resolution 25/2021/QH15") { Measure = measure, Comparison = ">=" };

    [Fact]
    public void Shares_read_as_subjects_counted_against_the_subjects_the_target_needs()
    {
        Assert.Equal("57 of 94 communes meet ntm-commune (60.64 %); target at least 80 % = 76 communes; 19 short",
            TargetSentences.Of(Target("share(commune, met('ntm-commune'))", Verdict.NotMet, 5700.0 / 94, 80), Rollups));
        Assert.Equal("50 of 84 communes meet ntm-commune (59.52 %); target at least 50 % = 42 communes: met",
            TargetSentences.Of(Target("share(commune, met('ntm-commune'))", Verdict.Met, 5000.0 / 84, 50, "province P1"), Rollups));
        Assert.Equal("40 of 60 communes of region DBSH meet ntm-commune (66.67 %); target at least 100 % = 60 communes; 20 short",
            TargetSentences.Of(Target("count(commune, region == 'DBSH' and met('ntm-commune')) * 100 / count(commune, region == 'DBSH')", Verdict.NotMet, 4000.0 / 60, 100), Rollups));
        Assert.Equal("3 of 57 communes that meet ntm-commune meet ntm-model-commune (5.26 %); target at least 10 % = 6 communes; 3 short",
            TargetSentences.Of(Target("count(commune, met('ntm-model-commune')) * 100 / count(commune, met('ntm-commune'))", Verdict.NotMet, 300.0 / 57, 10), Rollups));
        Assert.Equal("57 communes meet ntm-commune (of 94); target at least 84; 27 communes short",
            TargetSentences.Of(Target("count(commune, met('ntm-commune'))", Verdict.NotMet, 57, 84) with { Gap = 27 }, Rollups));
    }

    [Fact]
    public void Counts_that_do_not_give_the_target_value_back_are_not_said()
    {
        // The roll-ups say 60.64 %; a target computed otherwise keeps its own value, read the right way round.
        Assert.Equal("the value is 49; target at least 80; 31 short",
            TargetSentences.Of(Target("share(commune, met('ntm-commune'))", Verdict.NotMet, 49, 80) with { Gap = 31 }, Rollups));
        Assert.Equal("the fewest ntm-commune criteria a commune meets is 2; target at least 15; 13 short",
            TargetSentences.Of(Target("min_of(commune, criteria_met('ntm-commune'))", Verdict.NotMet, 2, 15) with { Gap = 13 }, Rollups));
    }

    [Fact]
    public void Unknown_targets_name_the_missing_data_not_the_formula()
    {
        Assert.Equal("unknown: 9 of 9 districts have no data for region",
            TargetSentences.Of(Target("count(district, region == 'BTB' and met('ntm-district')) * 100 / count(district, region == 'BTB')", Verdict.Unknown, null, 45, reason:
                "Unknown: … cannot be computed (with count(district, region == 'BTB' and met('ntm-district')) = missing, count(district, region == 'BTB') = missing; " +
                "count(district, region == 'BTB' and met('ntm-district')): at least 0 of 9 (1 unknown); count(district, region == 'BTB'): at least 0 of 9 (9 unknown))"), Rollups));
        Assert.Equal("unknown: 12 of 84 communes have an unknown verdict on ntm-commune",
            TargetSentences.Of(Target("share(commune, met('ntm-commune'))", Verdict.Unknown, null, 80, reason:
                "Unknown: actual between 50 and 64.29 does not decide >= 80 (share(commune, met('ntm-commune')): between 50 and 64.29 (12 of 84 unknown))"), Rollups));
        Assert.Equal("unknown: the data has no communes of region BTB to count",
            TargetSentences.Of(Target("count(commune, region == 'BTB' and met('ntm-commune')) * 100 / count(commune, region == 'BTB')", Verdict.Unknown, null, 87, reason:
                "Unknown: … cannot be computed (with …; division by zero in count(commune, region == 'BTB' and met('ntm-commune')) * 100 / count(commune, region == 'BTB'))"), Rollups));
        Assert.Equal("unknown: no commune in the data has em_households (the divisor is 0)",
            TargetSentences.Of(Target("x", Verdict.Unknown, null, 3, reason:
                "Unknown: … (with …; division by zero in sum(commune, em_poor_households) * 100 / sum(commune, em_households))"), Rollups));
        Assert.StartsWith("unknown: no baseline data; give the earlier data with --baseline",
            TargetSentences.Of(Target("x", Verdict.Unknown, null, 3, reason: "Unknown: x cannot be computed (with y = 1; there is no baseline data)"), Rollups));
    }
}
