using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Testing;

namespace NtpRules.Language.Tests.Testing;

public class RuleSetTestLoaderTests
{
    private static RuleSetTestFile? Load(string yaml, DiagnosticBag bag) =>
        RuleSetTestLoader.Load(new SourceFile("t.yaml", yaml), TestYaml.Catalogue, id => TestYaml.Library.VersionsOf(id),
            TestYaml.Library.RuleSets.SelectMany(s => s.Standards.Select(x => x.Id)).ToHashSet(), bag);

    private static readonly (string Key, string[] Values)[] Columns =
    [
        ("region", ["TDMNPB", "DBSH", "null"]),
        ("irrigated_land_pct", ["0", "79.5", "100", "null"]),
        ("disaster_4_on_the_spot", ["true", "false", "null"]),
        ("has_craft_village", ["true", "false"]),
    ];

    private static object? Expected(string column, string text) => text == "null" ? null : column switch
    {
        "irrigated_land_pct" => double.Parse(text, CultureInfo.InvariantCulture),
        "disaster_4_on_the_spot" or "has_craft_village" => bool.Parse(text),
        _ => text,
    };

    // Each column independently: absent, or one of its values.
    private static Gen<Dictionary<string, string>> Values =>
        Columns.Aggregate(Gen.Constant(new Dictionary<string, string>()), (acc, c) =>
            from d in acc
            from v in Gen.Elements(c.Values.Prepend("absent").ToArray())
            select v == "absent" ? d : new Dictionary<string, string>(d) { [c.Key] = v });

    private static string Flow(Dictionary<string, string> values) => string.Concat(values.Select(v => $", {v.Key}: {v.Value}"));

    [Fact]
    public void A_subject_has_its_fixture_values_overlaid_with_its_own_and_null_means_missing()
    {
        Prop.ForAll(Values.ToArbitrary(), Values.ToArbitrary(), (fixture, own) =>
        {
            var yaml = $$"""
                kind: rule_set_test
                rule_set: ntm-commune
                as_of: 2024-06-30
                fixtures:
                  base: { name: Base{{Flow(fixture)}} }
                cases:
                  - name: overlay
                    subjects:
                      - { kind: commune, id: C1, extends: base{{Flow(own)}} }
                """;
            var bag = new DiagnosticBag();
            var values = Load(yaml, bag)!.Cases[0].Subjects[0].Values;
            var expected = fixture.Concat(own).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => Expected(g.Key, g.Last().Value));
            return bag.Count == 0
                && values.Count == expected.Count + 1 && (string?)values["name"].Value == "Base"
                && expected.All(e => values.TryGetValue(e.Key, out var v) && Equals(v.Value, e.Value));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Expectations_keep_their_kind_key_and_line()
    {
        var bag = new DiagnosticBag();
        var file = Load("""
            kind: rule_set_test
            rule_set: household-poverty
            as_of: 2024-06-30
            cases:
              - name: poor household
                subjects:
                  - { kind: commune, id: C1 }
                  - { kind: household, id: H1, commune_id: C1, area: rural, income_per_person: 1000000, deprivation_count: 3 }
                expect:
                  H1:
                    classifications: { poverty_status: poor }
                    reasons: { }
                  C1:
                    targets: { poverty-rate-below-5: not-met }
                  all: { }
            """, bag)!;
        Assert.Equal(0, bag.Count);
        var h1 = file.Cases[0].Subjects[1];
        Assert.Equal(("C1", 1000000.0, 3.0), ((string?)h1.Values["commune_id"].Value, h1.Values["income_per_person"].Value, h1.Values["deprivation_count"].Value));
        Assert.Equal(
            [(ExpectationKind.Classification, "poverty_status", "poor", 11), (ExpectationKind.Target, "poverty-rate-below-5", "NotMet", 14)],
            file.Cases[0].Expectations.Select(e => (e.Kind, e.Key, e.Label ?? e.Verdict.ToString(), e.Location.Line)));
    }
}
