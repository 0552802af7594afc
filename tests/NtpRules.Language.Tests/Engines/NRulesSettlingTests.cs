using NtpRules.Engine;
using Record = NtpRules.Engine.Record;
using NtpRules.Language.Compilation;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Engines;
using NtpRules.Language.Library;

namespace NtpRules.Language.Tests.Engines;

/// <summary>
/// The NRules translation fires a subject's rules in the model's order, gives NRules the records in batches kind by
/// kind, and fires a subject's rules again after an action changes it only when a rule that already fired reads what
/// changed. These rules need each of those: a classification reading a derived value that a later rule writes, a
/// derived value reading one listed after it, a count of children, and a target over the whole data set.
/// </summary>
public sealed class NRulesSettlingTests
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
          - key: income
            subject: household
            type: number
          - key: size
            subject: household
            type: number
        derived:
          - key: per_person
            subject: household
            type: number
            expr: income / size
          - key: twice_households
            subject: commune
            type: number
            expr: households * 2
          - key: households
            subject: commune
            type: integer
            expr: count(household)
          - key: poor_households
            subject: commune
            type: integer
            expr: count(household, status == 'poor')
        """;

    private const string Poverty = """
        kind: rule_set
        id: poverty
        version: v1
        title: Poverty
        effective: { from: 2024-01-01 }
        source: Decision 1
        status: active
        subject: household
        classifications:
          - id: status
            citation: Decision 1, art. 1
            cases:
              - { label: poor, when: per_person < 100, citation: "Decision 1, art. 1(a)" }
            otherwise: none
        """;

    private const string Totals = """
        kind: rule_set
        id: totals
        version: v1
        title: Totals
        effective: { from: 2024-01-01 }
        source: Decision 2
        status: active
        subject: commune
        targets:
          - id: all-households
            name: { en: Every household assessed }
            scope: all
            actual: count(household, status == 'poor') + count(household, status == 'none')
            op: ">="
            target: 1
            citation: Decision 2, art. 1
        """;

    private static readonly DateOnly AsOf = new(2024, 12, 31);

    private static readonly Lazy<CompiledRules> Rules = new(() => TestYaml.Compiled(Catalogue, AsOf, ("poverty", Poverty), ("totals", Totals)));

    /// <summary>Two communes; household i of commune c has income 50 + 10 i and 1 + c people (so some are poor).</summary>
    private static List<Record> Records(int householdsPerCommune)
    {
        var rules = Rules.Value;
        var records = new List<Record>();
        for (var c = 0; c < 2; c++)
        {
            records.Add(SubjectRecords.Create(rules, "commune", $"c{c}", [], []));
            for (var i = 0; i < householdsPerCommune; i++)
                records.Add(SubjectRecords.Create(rules, "household", $"c{c}-h{i}", [new("commune", $"c{c}")],
                    [new("income", 50.0 + 10 * i), new("size", 1.0 + c)]));
        }
        return records;
    }

    private static RuleSession Fired(IEnumerable<Record> records, RuleEngineKind engine, Action<RuleSession>? beforeFiring = null)
    {
        var session = Rules.Value.CreateSession(AsOf, explain: true, engine);
        session.InsertAll(records);
        beforeFiring?.Invoke(session);
        session.Fire();
        return session;
    }

    private static double Derived(RuleSession session, string kind, string id, string key) =>
        session.Outcomes<DerivedValue>().Single(d => d.Subject.Schema.Name == kind && d.Subject.Id == id && d.Key == key).Value.AsNumber;

    private static string? Status(RuleSession session, string id) =>
        session.Outcomes<ClassificationOutcome>().Single(o => o.Subject.Id == id).Label;

    /// <summary>Everything the session derived, in a fixed order, for comparing two sessions.</summary>
    private static List<string> Snapshot(RuleSession session) =>
        session.Outcomes<DerivedValue>().Select(d => $"{d.Subject.Id} {d.Key}={d.Value}")
            .Concat(session.Outcomes<ClassificationOutcome>().Select(o => $"{o.Subject.Id} {o.ClassificationId}={o.Label} ({o.Reason})"))
            .Concat(session.Outcomes<TargetOutcome>().Select(t => $"{t.TargetId}={t.Actual} {t.Verdict}"))
            .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Only_changes_that_a_rule_already_fired_reads_fire_the_subjects_rules_again()
    {
        var rules = Rules.Value.Model.Rules;
        // The classification's label is read by the communes' count only, which fires later: nothing to fire again.
        Assert.False(rules.Single(r => r.Name == "poverty/status").ChangeNeedsRefire);
        // The classification fires before the household's derived values and reads per_person.
        Assert.True(rules.Single(r => r.Name == "derive household").ChangeNeedsRefire);
        // twice_households reads households, listed after it in the same rule.
        Assert.True(rules.Single(r => r.Name == "derive commune").ChangeNeedsRefire);
    }

    [Fact]
    public void Values_that_settle_only_when_rules_fire_again_come_out_settled_on_nrules()
    {
        var session = Fired(Records(40), RuleEngineKind.NRules);
        // per_person of c0-h3 is 80 (poor), of c1-h3 40 (poor), of c0-h5 100 (not poor): read by the classification
        // that fired before the derived values were written.
        Assert.Equal("poor", Status(session, "c0-h3"));
        Assert.Equal("none", Status(session, "c0-h5"));
        Assert.Equal(40, Derived(session, "commune", "c0", "households"));
        Assert.Equal(80, Derived(session, "commune", "c0", "twice_households"));
        Assert.Equal(5, Derived(session, "commune", "c0", "poor_households")); // incomes 50..90 for one person
        Assert.Equal(15, Derived(session, "commune", "c1", "poor_households")); // incomes 50..190 for two
        Assert.Equal(Snapshot(Fired(Records(40), RuleEngineKind.Ntp)), Snapshot(session));
    }

    [Fact]
    public void Whole_data_set_rules_see_every_record_given_in_batches()
    {
        // More households than one batch, communes inserted before their households.
        var records = Records(100).OrderBy(r => r.Schema.Name == "household").ToList();
        var session = Fired(records, RuleEngineKind.NRules);
        var target = Assert.Single(session.Outcomes<TargetOutcome>());
        Assert.Equal(200.0, target.Actual);
        Assert.Equal(Snapshot(Fired(Records(100), RuleEngineKind.Ntp)), Snapshot(session));
    }

    [Fact]
    public void Records_changed_or_retracted_before_the_first_firing_end_as_a_fresh_session_would()
    {
        var records = Records(50);
        var changed = records.First(r => r.Id == "c0-h1");
        var retracted = records.First(r => r.Id == "c1-h2");
        var session = Fired(records, RuleEngineKind.NRules, s =>
        {
            changed.SetNumber(changed.Schema.IndexOf("income"), 500);
            s.Update(changed);
            s.Retract(retracted);
        });
        Assert.Equal("none", Status(session, "c0-h1"));
        Assert.Equal(Snapshot(Fired(records.Where(r => r != retracted), RuleEngineKind.Ntp)), Snapshot(session));
    }

    [Fact]
    public void Households_inserted_after_a_firing_are_assessed_on_the_next()
    {
        var records = Records(30);
        var session = Fired(records.Take(20), RuleEngineKind.NRules);
        session.InsertAll(records.Skip(20));
        session.Fire();
        foreach (var household in records.Skip(20).Where(r => r.Schema.Name == "household"))
            Assert.Contains(session.Outcomes<ClassificationOutcome>(), o => o.Subject == household);
        Assert.Equal(60, session.Outcomes<DerivedValue>().Count(d => d.Key == "per_person"));
    }
}
