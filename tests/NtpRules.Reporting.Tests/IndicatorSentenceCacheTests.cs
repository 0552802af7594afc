using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Explanations;
using NtpRules.Reporting.Sentences;

namespace NtpRules.Reporting.Tests;

/// <summary>Reasons kept by their shape read exactly as the sentences built for each subject.</summary>
public sealed class IndicatorSentenceCacheTests
{
    // One indicator's condition, names, citation and thresholds, shared by its explanations as the engine shares them.
    private const string Condition = "post_pct >= post_min and internet_pct >= 80 and radio";
    private const string Name = "Post and internet", Vietnamese = "Bưu chính và internet", Citation = "Decision 318, 8.1";
    private static readonly ThresholdUse PostMin = new("post_min", 60.0, new Dictionary<string, string> { ["region"] = "DBSH", ["year"] = "2024" }, "%", null, "confirmed");
    private static readonly ThresholdUse PostMinDefault = new("post_min", 55.5, new Dictionary<string, string>(), "%", null, "confirmed",
        DefaultRow: "Default row used for post_min: no row for region TNB");

    private static IndicatorExplanation Explanation(double? post, double? internet, bool? radio, Verdict verdict, double? gap, bool defaultRow, bool notApplicable)
    {
        var values = new Dictionary<string, object?> { ["post_pct"] = post, ["internet_pct"] = internet, ["radio"] = radio };
        return new IndicatorExplanation("8.1", Name, verdict, Condition, values, [defaultRow ? PostMinDefault : PostMin], gap, "Not met: engine words", Citation,
            values.Where(v => v.Value is null).Select(v => v.Key).ToList()) { NotApplicable = notApplicable };
    }

    /// <summary>The English and Vietnamese texts the cache gives (its template filled with its figures, or what it built).</summary>
    private static (string English, string Vietnamese, IndicatorSentenceCache.Shape? Shape) Cached(IndicatorSentenceCache cache, IndicatorExplanation i)
    {
        Sentence.Builder en = new(), vi = new();
        var shape = cache.Of(i, Name, Vietnamese, en, vi);
        string Text(Sentence.Builder b, string? template)
        {
            var w = new StringWriter();
            if (template is null) b.WriteText(w, static (text, w) => w.Write(text));
            else Sentence.Fill(template, cache, w, static (text, w) => w.Write(text));
            return w.ToString();
        }
        return (Text(en, shape?.English), Text(vi, shape?.Vietnamese), shape);
    }

    [Fact]
    public void Subjects_of_the_same_shape_share_the_template_and_give_their_own_figures()
    {
        var cache = new IndicatorSentenceCache();
        var first = Cached(cache, Explanation(50, 90, true, Verdict.NotMet, 10, false, false));
        var second = Cached(cache, Explanation(41.25, 95, true, Verdict.NotMet, 18.75, false, false));

        Assert.NotNull(first.Shape);
        Assert.Same(first.Shape, second.Shape);
        Assert.Equal("Post and internet (post_pct) is 41.25 %, below the 60 % required for DBSH in 2024 (parameter post_min); 18.75 points short. Decision 318, 8.1.",
            second.English);
        Assert.Equal(["41.25", "18.75"], Enumerable.Range(0, cache.FigureCount).Select(n => cache[n].ToString()));
        // Another row of the threshold is another shape.
        Assert.NotSame(first.Shape, Cached(cache, Explanation(50, 90, true, Verdict.NotMet, 5.5, true, false)).Shape);
    }

    [Fact]
    public void Any_sequence_of_subjects_reads_as_each_sentence_built_alone()
    {
        var values = Gen.Elements<double?>(null, 0.0, -0.0, 12.345, 55.5, 59.994, 60.0, 60.004, 79.99, 80.0, 100.0, 1e15, -3.2, double.NaN);
        var subject =
            from post in values
            from internet in values
            from radio in Gen.Elements<bool?>(null, false, true)
            from verdict in Gen.Elements(Verdict.Met, Verdict.NotMet, Verdict.Unknown)
            from gap in values
            from defaultRow in Gen.Elements(false, true)
            from notApplicable in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
            select Explanation(post, internet, radio, verdict, gap, defaultRow, notApplicable);

        Prop.ForAll(subject.ArrayOf().ToArbitrary(), subjects =>
        {
            var cache = new IndicatorSentenceCache();
            foreach (var i in subjects)
            {
                var (english, vietnamese, _) = Cached(cache, i);
                Assert.Equal(IndicatorSentences.Of(i, Name, "en").Text, english);
                Assert.Equal(IndicatorSentences.Of(i, Vietnamese, "vi").Text, vietnamese);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void A_sentence_asked_without_its_vietnamese_reads_as_built_in_english()
    {
        var cache = new IndicatorSentenceCache();
        var i = Explanation(50, 70, false, Verdict.NotMet, 10, false, false);
        var en = new Sentence.Builder();
        var shape = cache.Of(i, Name, null, en, null);

        Assert.NotNull(shape);
        Assert.Null(shape.Vietnamese);
        var w = new StringWriter();
        Sentence.Fill(shape.English, cache, w, static (text, w) => w.Write(text));
        Assert.Equal(IndicatorSentences.Of(i, Name, "en").Text, w.ToString());
    }
}
