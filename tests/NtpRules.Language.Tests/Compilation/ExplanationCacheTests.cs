using NtpRules.Language.Compilation;
using NtpRules.Language.Engines;
using Record = NtpRules.Engine.Record;

namespace NtpRules.Language.Tests.Compilation;

/// <summary>
/// Subjects whose indicator reads the same values share one explanation, made once; an indicator whose explanation
/// reads more than its subject's own values (here its children) gets one explanation per subject.
/// </summary>
public sealed class ExplanationCacheTests
{
    private const string Catalogue = """
        kind: catalogue
        subjects:
          - kind: commune
            name: { en: Commune }
          - kind: household
            name: { en: Household }
            parents: [commune]
        indicators:
          - key: roads
            subject: commune
            type: number
          - key: region
            subject: commune
            type: text
          - key: income
            subject: household
            type: number
        """;

    private const string Roads = """
        kind: rule_set
        id: roads
        version: v1
        title: Roads
        effective: { from: 2024-01-01 }
        source: Decision 3
        status: active
        subject: commune
        parameters:
          - id: roads_min
            title: Minimum share of roads hardened
            type: number
            unit: "%"
            keys: [region]
            values:
              - { region: X, value: 100, citation: "Decision 3, art. 1(a)", confidence: confirmed }
              - { region: "*", value: 70, citation: "Decision 3, art. 1(b)", confidence: confirmed }
        criteria:
          - id: c1
            number: 1
            name: { en: Roads }
            citation: Decision 3, art. 1
            indicators:
              - { id: "1", name: { en: Roads hardened }, condition: roads >= roads_min, citation: "Decision 3, art. 1" }
          - id: c2
            number: 2
            name: { en: Households }
            citation: Decision 3, art. 2
            indicators:
              - { id: "2", name: { en: Households recorded }, condition: count(household) >= 1, citation: "Decision 3, art. 2" }
        standards:
          - id: roads-standard
            name: { en: Roads standard }
            criteria: all
            citation: Decision 3, art. 3
        """;

    private static readonly DateOnly AsOf = new(2024, 12, 31);

    private static IReadOnlyDictionary<string, IndicatorOutcome> Outcomes(RuleEngineKind engine, string indicator)
    {
        var rules = TestYaml.Compiled(Catalogue, AsOf, ("roads", Roads));
        var records = new List<Record>();
        foreach (var (id, roads, region) in new[] { ("A", 100.0, "X"), ("B", 100.0, "X"), ("C", 90.0, "X"), ("D", 100.0, "Y"), ("E", 90.0, "Y") })
        {
            records.Add(SubjectRecords.Create(rules, "commune", id, [], [new("roads", roads), new("region", region)]));
            records.Add(SubjectRecords.Create(rules, "household", $"{id}-h", [new("commune", id)], [new("income", 1.0)]));
        }
        var session = rules.CreateSession(AsOf, explain: true, engine);
        session.InsertAll(records);
        session.Fire();
        return session.Outcomes<IndicatorOutcome>().Where(o => o.IndicatorId == indicator).ToDictionary(o => o.Subject.Id);
    }

    [Theory]
    [InlineData(RuleEngineKind.NRules)]
    [InlineData(RuleEngineKind.Ntp)]
    public void Subjects_with_the_same_values_share_one_explanation_and_the_others_get_their_own(RuleEngineKind engine)
    {
        var o = Outcomes(engine, "1");

        Assert.Same(o["A"].Explanation, o["B"].Explanation);
        Assert.Equal("Met: roads = 100 is at least roads_min = 100.", o["A"].Explanation!.Reason);
        Assert.Equal("Not met: roads = 90 is below roads_min = 100 (gap 10 %).", o["C"].Explanation!.Reason);
        Assert.Equal(10, o["C"].Explanation!.Gap);
        // The same roads under another region's threshold: another explanation, with its own threshold row.
        Assert.NotSame(o["A"].Explanation, o["D"].Explanation);
        Assert.StartsWith("Met: roads = 100 is at least roads_min = 70.", o["D"].Explanation!.Reason);
        Assert.Equal(("roads/roads_min/1", "Y"), (o["D"].Explanation!.Thresholds.Single().Row, o["D"].Explanation!.Values["region"]));
        Assert.StartsWith("Met: roads = 90 is at least roads_min = 70.", o["E"].Explanation!.Reason);
    }

    [Theory]
    [InlineData(RuleEngineKind.NRules)]
    [InlineData(RuleEngineKind.Ntp)]
    public void An_indicator_reading_children_is_explained_subject_by_subject(RuleEngineKind engine)
    {
        var o = Outcomes(engine, "2");

        Assert.NotSame(o["A"].Explanation, o["B"].Explanation);
        Assert.Equal(o["A"].Explanation!.Reason, o["B"].Explanation!.Reason);
        Assert.All(o.Values, x => Assert.Equal(Explanations.Verdict.Met, x.Explanation!.Verdict));
    }
}
