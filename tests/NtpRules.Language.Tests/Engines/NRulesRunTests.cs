using Microsoft.Extensions.Logging;
using NRules.Fluent.Dsl;
using NtpRules.Engine;
using Record = NtpRules.Engine.Record;
using NtpRules.Language.Compilation;
using NtpRules.Language.Compilation.Model;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Engines;
using NtpRules.Language.Engines.NRules;
using NtpRules.Language.Library;

namespace NtpRules.Language.Tests.Engines;

/// <summary>
/// The NRules translation runs each subject kind's consecutive rules as one NRules rule: in the model's order, again
/// from the start when a rule changes what one that already ran reads (within the run, or through an earlier run by
/// updating the record), each failure and firing named as the model rule's own; with C# rules, one NRules rule each.
/// </summary>
public sealed class NRulesRunTests
{
    // Households: the classifications come before the derived values they read, and `adjusted` reads the label `status`
    // gives, so a household settles only after its rules ran three times: status and band read nothing the first time,
    // then band reads an `adjusted` made before status was known, then everything is settled.
    private const string Catalogue = """
        kind: catalogue
        subjects:
          - kind: commune
            name: { en: Commune }
          - kind: household
            name: { en: Household }
            parents: [commune]
        #school
        indicators:
          - key: income
            subject: household
            type: number
          - key: size
            subject: household
            type: number
        #school indicators
        derived:
          - key: per_person
            subject: household
            type: number
            expr: income / size
        #school derived
          - key: adjusted
            subject: household
            type: number
            expr: per_person + (if status == 'poor' then 1000 else 0)
          - key: poor_households
            subject: commune
            type: integer
            expr: count(household, band == 'high')
        """;

    // A kind at the households' depth, whose rules come between the households' classifications and derived values.
    private static readonly (string Marker, string Text)[] School =
    [
        ("#school\n", """
              - kind: school
                name: { en: School }
                parents: [commune]

            """),
        ("#school indicators\n", """
              - key: pupils
                subject: school
                type: number
              - key: teachers
                subject: school
                type: number

            """),
        ("#school derived\n", """
              - key: pupils_per_teacher
                subject: school
                type: number
                expr: pupils / teachers

            """),
    ];

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
          - id: band
            citation: Decision 1, art. 2
            cases:
              - { label: high, when: adjusted >= 1000, citation: "Decision 1, art. 2(a)" }
            otherwise: low
        criteria:
          - id: c1
            name: { en: Income }
            citation: Decision 1, art. 3
            indicators:
              - id: "1.1"
                name: { en: Income per person }
                condition: adjusted >= 100
                citation: Decision 1, art. 3.1
        """;

    private const string SchoolRules = """
        kind: rule_set
        id: schools
        version: v1
        title: Schools
        effective: { from: 2024-01-01 }
        source: Decision 3
        status: active
        subject: school
        classifications:
          - id: crowded
            citation: Decision 3, art. 1
            cases:
              - { label: yes, when: pupils_per_teacher > 30, citation: "Decision 3, art. 1(a)" }
            otherwise: no
        """;

    private static readonly DateOnly AsOf = new(2024, 12, 31);

    private static CompiledRules Compile(bool withSchools)
    {
        var catalogue = School.Aggregate(Catalogue, (text, school) => text.Replace(school.Marker, withSchools ? school.Text : ""));
        return withSchools
            ? TestYaml.Compiled(catalogue, AsOf, ("poverty", Poverty), ("schools", SchoolRules))
            : TestYaml.Compiled(catalogue, AsOf, ("poverty", Poverty));
    }

    private static readonly Lazy<CompiledRules> OneRunPerKind = new(() => Compile(withSchools: false));
    private static readonly Lazy<CompiledRules> KindsInterleaved = new(() => Compile(withSchools: true));

    /// <summary>Two communes of households with incomes 50, 80, 110, … for 1 or 2 people, and a school each.</summary>
    private static List<Record> Records(CompiledRules rules, int householdsPerCommune)
    {
        var records = new List<Record>();
        for (var c = 0; c < 2; c++)
        {
            records.Add(SubjectRecords.Create(rules, "commune", $"c{c}", [], []));
            for (var i = 0; i < householdsPerCommune; i++)
                records.Add(SubjectRecords.Create(rules, "household", $"c{c}-h{i}", [new("commune", $"c{c}")],
                    [new("income", 50.0 + 30 * i), new("size", 1.0 + c)]));
            if (rules.Schemas.ContainsKey("school"))
                records.Add(SubjectRecords.Create(rules, "school", $"c{c}-s", [new("commune", $"c{c}")], [new("pupils", 400.0), new("teachers", 10.0 + c * 5)]));
        }
        return records;
    }

    private static RuleSession Fired(CompiledRules rules, IEnumerable<Record> records, RuleEngineKind engine, ILogger? log = null)
    {
        var session = rules.CreateSession(AsOf, explain: true, engine, log: log);
        session.InsertAll(records);
        session.Fire();
        return session;
    }

    private static List<string> Snapshot(RuleSession session) =>
        session.Outcomes<DerivedValue>().Select(d => $"{d.Subject.Id} {d.Key}={d.Value}")
            .Concat(session.Outcomes<ClassificationOutcome>().Select(o => $"{o.Subject.Id} {o.ClassificationId}={o.Label} ({o.Reason})"))
            .Concat(session.Outcomes<IndicatorOutcome>().Select(o => $"{o.Subject.Id} {o.IndicatorId}={o.Verdict}"))
            .Concat(session.Outcomes<CriterionOutcome>().Select(o => $"{o.Subject.Id} {o.CriterionId}={o.Verdict}"))
            .Order(StringComparer.Ordinal).ToList();

    private static string Label(RuleSession session, string subject, string classification) =>
        session.Outcomes<ClassificationOutcome>().Single(o => o.Subject.Id == subject && o.ClassificationId == classification).Label!;

    private static RuleRun RunOf(NRulesRules translated, string rule) => translated.Runs.Single(r => r.Rules.Any(m => m.Name == rule));

    [Fact]
    public void Each_run_is_a_maximal_stretch_of_one_subject_kinds_rules_in_order()
    {
        foreach (var rules in new[] { OneRunPerKind.Value, KindsInterleaved.Value })
        {
            var translated = NRulesEngine.Compile(rules.Model, null);
            var inOrder = translated.Runs.SelectMany(r => r.Rules).ToList();
            Assert.Equal(rules.Model.Rules.OrderBy(r => r.Order), inOrder);
            foreach (var run in translated.Runs) Assert.All(run.Rules, r => Assert.Same(run.Rules[0].Subject, r.Subject));
            for (var i = 1; i < translated.Runs.Count; i++) Assert.NotSame(translated.Runs[i - 1].Rules[0].Subject, translated.Runs[i].Rules[0].Subject);
        }
        // Households alone at their depth: all their rules are one NRules rule.
        var households = NRulesEngine.Compile(OneRunPerKind.Value.Model, null).Runs.Where(r => r.Rules[0].Subject?.Kind == "household").ToList();
        Assert.Single(households);
        Assert.Equal(["poverty/status", "poverty/band", "derive household", "poverty/c1/1.1", "poverty/c1"], households[0].Rules.Select(r => r.Name));
    }

    [Fact]
    public void A_change_that_a_rule_of_the_run_already_run_reads_runs_the_run_again_and_ends_as_ntp_does()
    {
        var rules = OneRunPerKind.Value;
        var run = RunOf(NRulesEngine.Compile(rules.Model, null), "derive household");
        Assert.Equal(Refire.Run, run.RefireOnChange[Array.FindIndex(run.Rules, r => r.Name == "derive household")]);

        var session = Fired(rules, Records(rules, 40), RuleEngineKind.NRules);
        // c0-h1: 80 for one person, poor, so adjusted 1080 and band high, which takes the third time through the run.
        Assert.Equal("poor", Label(session, "c0-h1", "status"));
        Assert.Equal("high", Label(session, "c0-h1", "band"));
        Assert.Equal("low", Label(session, "c0-h2", "band")); // 110 for one person
        Assert.Equal("high", Label(session, "c1-h4", "band")); // 170 for two
        Assert.Equal(Snapshot(Fired(rules, Records(rules, 40), RuleEngineKind.Ntp)), Snapshot(session));
    }

    [Fact]
    public void A_change_that_a_rule_of_an_earlier_run_reads_fires_the_subjects_rules_again_and_ends_as_ntp_does()
    {
        var rules = KindsInterleaved.Value;
        var translated = NRulesEngine.Compile(rules.Model, null);
        // The schools' classification stands between the households' classifications and their derived values.
        var derive = RunOf(translated, "derive household");
        Assert.DoesNotContain(derive.Rules, r => r.Name == "poverty/status");
        Assert.Equal(Refire.UpdateRecord, derive.RefireOnChange[Array.IndexOf(derive.Rules, derive.Rules.Single(r => r.Name == "derive household"))]);

        var session = Fired(rules, Records(rules, 40), RuleEngineKind.NRules);
        Assert.Equal("high", Label(session, "c0-h1", "band"));
        Assert.Equal("yes", Label(session, "c0-s", "crowded")); // 40 pupils per teacher
        Assert.Equal("no", Label(session, "c1-s", "crowded"));
        Assert.Equal(Snapshot(Fired(rules, Records(rules, 40), RuleEngineKind.Ntp)), Snapshot(session));
    }

    [Fact]
    public void Records_changed_between_firings_settle_again_as_ntp_does()
    {
        var rules = OneRunPerKind.Value;
        var records = Records(rules, 10);
        var session = Fired(rules, records, RuleEngineKind.NRules);
        var changed = records.Single(r => r.Id == "c0-h1");
        changed.SetNumber(changed.Schema.IndexOf("income"), 500);
        session.Update(changed);
        session.Fire();
        Assert.Equal("low", Label(session, "c0-h1", "band"));
        Assert.Equal(Snapshot(Fired(rules, records, RuleEngineKind.Ntp)), Snapshot(session));
    }

    [Fact]
    public void Firings_are_counted_and_logged_per_model_rule()
    {
        var rules = OneRunPerKind.Value;
        var log = new ListLogger(LogLevel.Debug);
        var records = Records(rules, 3);
        var session = rules.CreateSession(AsOf, explain: false, RuleEngineKind.NRules, log: log);
        session.InsertAll(records);
        var fired = session.Fire();

        var firings = log.Entries.Where(e => e.Message.Contains(" fired for ")).Select(e => e.Message).ToList();
        Assert.Equal(fired, firings.Count);
        var household = records.Single(r => r.Id == "c0-h0").ToString();
        var ofHousehold = firings.Where(m => m.EndsWith("fired for " + household)).ToList();
        // Status, band, derive (per_person changes: from the start again), the same (adjusted changes), then all five.
        Assert.Equal(3 + 3 + 5, ofHousehold.Count);
        Assert.StartsWith("Rule poverty/status (poverty/v1.yaml:", ofHousehold[0]);
        Assert.StartsWith("Rule poverty/band (poverty/v1.yaml:", ofHousehold[1]);
        Assert.StartsWith("Rule derive household (catalogue/catalogue.yaml:", ofHousehold[2]);
        Assert.StartsWith("Rule poverty/status (", ofHousehold[3]);
        Assert.StartsWith("Rule poverty/c1 (poverty/v1.yaml:", ofHousehold[^1]);
    }

    [Fact]
    public void A_rule_failing_inside_a_run_is_named_with_its_line_and_the_subject()
    {
        var rules = WithFailingRule(OneRunPerKind.Value, "poverty/band", failingFor: "c1-h2");
        var band = rules.Model.Rules.Single(r => r.Name == "poverty/band");
        var run = RunOf(NRulesEngine.Compile(rules.Model, null), band.Name);
        Assert.True(Array.IndexOf(run.Rules, band) is > 0 and var i && i < run.Rules.Length - 1);

        var log = new ListLogger(LogLevel.Information);
        var records = Records(rules, 5);
        var e = Assert.Throws<RuleFailedException>(() => Fired(rules, records, RuleEngineKind.NRules, log));
        var household = records.Single(r => r.Id == "c1-h2").ToString();
        Assert.Equal("poverty/band", e.RuleName);
        Assert.Equal(band.Location.ToString(), e.RuleLocation);
        Assert.StartsWith("poverty/v1.yaml:", e.RuleLocation);
        Assert.Equal(household, e.Subject);
        Assert.Contains("no figure for this household", e.Message);
        var error = Assert.Single(log.Entries, x => x.Level == LogLevel.Error);
        Assert.StartsWith($"Rule poverty/band ({band.Location}) failed for {household}: no figure for this household", error.Message);
    }

    [Fact]
    public void With_csharp_rules_every_model_rule_is_its_own_nrules_rule()
    {
        var rules = KindsInterleaved.Value;
        var csharp = CSharpRules.Load([typeof(NeverMatchingRule).Assembly.Location], new DiagnosticBag());
        Assert.NotNull(csharp);
        var translated = NRulesEngine.Compile(rules.Model, csharp);
        Assert.True(translated.HasCSharpRules);
        Assert.Equal(rules.Model.Rules.Count, translated.Runs.Count);
        Assert.All(translated.Runs, r => Assert.Single(r.Rules));
        Assert.Equal(rules.Model.Rules.OrderBy(r => r.Order), translated.Runs.Select(r => r.Rules[0]));

        // The same outcomes, one rule at a time.
        var session = rules.CreateSession(AsOf, explain: true, RuleEngineKind.NRules, csharp);
        session.InsertAll(Records(rules, 20));
        session.Fire();
        Assert.Equal(Snapshot(Fired(rules, Records(rules, 20), RuleEngineKind.NRules)), Snapshot(session));
    }

    /// <summary>The same rules, <paramref name="name"/>'s action throwing for one subject.</summary>
    private static CompiledRules WithFailingRule(CompiledRules rules, string name, string failingFor)
    {
        var copies = rules.Model.Rules.Select(r => new ModelRule(r.Name, r.Description, r.Stage, r.Priority, r.Citation, r.Location, r.Subject,
            r.Schemas, r.Children, r.Outcomes, r.Name != name ? r.Action : firing =>
            {
                if (firing.Subject?.Id == failingFor) throw new InvalidOperationException("no figure for this household");
                r.Action(firing);
            }, r.Reads, r.Writes) { Expressions = r.Expressions }).ToArray();
        var model = new RuleModel(copies, kind => kind == "household" ? 1 : 0);
        Assert.Equal(rules.Model.Rules.Select(r => r.Order), copies.Select(r => r.Order));
        return new CompiledRules(rules.Library, rules.RuleSets, rules.Schemas, model);
    }

    private sealed class ListLogger(LogLevel minimum) : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => level >= minimum;

        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(level)) Entries.Add((level, formatter(state, exception)));
        }
    }
}

/// <summary>A C# rule that matches no fact of these tests: loaded, it keeps every model rule its own NRules rule.</summary>
[Name("test/never")]
public sealed class NeverMatchingRule : NRules.Fluent.Dsl.Rule
{
    public override void Define()
    {
        AdditionalOutcome outcome = null!;
        When().Match(() => outcome, o => o.RuleId == "never");
        Then().Do(_ => Nothing());
    }

    private static void Nothing()
    {
    }
}
