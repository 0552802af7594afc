using NtpRules.Engine;
using Record = NtpRules.Engine.Record;
using NtpRules.Language.Compilation;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Library;

namespace NtpRules.Language.Tests.Compilation;

/// <summary>
/// The state the whole-data-set rules read at the end of a partitioned run holds the records kept and asks for their
/// standards when read: it must answer as a session's state holding the same records and outcomes would.
/// </summary>
public sealed class ReadOnlySessionStateTests
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
              - { label: poor, when: income < 100, citation: "Decision 1, art. 1(a)" }
            otherwise: none
        """;

    private static readonly DateOnly AsOf = new(2024, 12, 31);

    private static readonly Lazy<CompiledRules> Rules = new(() => TestYaml.Compiled(Catalogue, AsOf, ("poverty", Poverty)));

    /// <summary>Communes c0, c1 and households interleaved with them (c1's first household before c1 itself).</summary>
    private static List<Record> Records() =>
    [
        SubjectRecords.Create(Rules.Value, "commune", "c0", [], []),
        SubjectRecords.Create(Rules.Value, "household", "h0", [new("commune", "c0")], [new("income", 50.0)]),
        SubjectRecords.Create(Rules.Value, "household", "h1", [new("commune", "c1")], [new("income", 150.0)]),
        SubjectRecords.Create(Rules.Value, "commune", "c1", [], []),
        SubjectRecords.Create(Rules.Value, "household", "h2", [new("commune", "c0")], [new("income", 70.0)]),
    ];

    private static StandardOutcome Outcome(Record subject, string standard, Truth verdict, int met) =>
        new(subject, "set", standard, verdict, met, 5, [], "", 5 - met - 1);

    [Fact]
    public void Answers_as_a_session_state_holding_the_same_records_and_standards()
    {
        var records = Records();
        var outcomes = records.Where(r => r.Schema.Name == "commune")
            .SelectMany(r => new[] { Outcome(r, "a", Truth.True, 4), Outcome(r, "b", r.Id == "c0" ? Truth.False : Truth.Unknown, 2) })
            .ToList();
        var session = new SessionState(Rules.Value, AsOf, explain: false);
        foreach (var r in records) session.Add(r);
        foreach (var o in outcomes) session.SetStandard(o);
        var asked = 0;
        var kept = SessionState.ReadOnly(Rules.Value, AsOf, explain: false, records,
            (record, id) =>
            {
                asked++;
                return outcomes.FirstOrDefault(o => o.Subject == record && o.StandardId == id) is { } o
                    ? new StandardCounts(o.Verdict, o.CriteriaMet, o.CriteriaUnknown, o.CriteriaTotal)
                    : null;
            },
            record => outcomes.Where(o => o.Subject == record));

        foreach (var kind in new[] { "commune", "household", "district" })
            Assert.Equal(session.OfKind(kind), kept.OfKind(kind));
        foreach (var commune in session.OfKind("commune"))
        {
            // The index by parent, built when first asked.
            Assert.Equal(session.ChildrenOf(commune, "household"), kept.ChildrenOf(commune, "household"));
            foreach (var standard in new[] { "a", "b", "c" })
            {
                Assert.Equal(session.Counts(commune, standard), kept.Counts(commune, standard));
                Assert.Same(session.Standard(commune, standard), kept.Standard(commune, standard));
            }
            Assert.Equal(session.Standards(commune), kept.Standards(commune));
        }
        Assert.Equal(["h0", "h2"], kept.ChildrenOf(records[0], "household").Select(r => r.Id));
        Assert.Same(records[2], kept.Find("household", "h1"));
        Assert.Null(kept.Find("commune", "h1"));
        Assert.True(asked > 0);
        Assert.Throws<InvalidOperationException>(() => kept.Add(SubjectRecords.Create(Rules.Value, "commune", "c2", [], [])));
        Assert.Throws<InvalidOperationException>(() => kept.SetStandard(outcomes[0]));
    }
}
