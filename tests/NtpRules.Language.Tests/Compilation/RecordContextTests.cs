using NtpRules.Language.Compilation;
using Record = NtpRules.Engine.Record;

namespace NtpRules.Language.Tests.Compilation;

/// <summary>A context makes its children's contexts once and makes them again when the session's records change.</summary>
public sealed class RecordContextTests
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

    private static Record Household(string id, string commune) =>
        SubjectRecords.Create(Rules.Value, "household", id, [new("commune", commune)], [new("income", 50.0)]);

    private static IEnumerable<Record?> Read(IReadOnlyList<NtpRules.Language.Expressions.Evaluation.IEvaluationContext> children) =>
        children.Select(c => ((RecordContext)c).Record);

    [Fact]
    public void Children_follow_the_records_added_and_removed_after_they_were_read()
    {
        var state = new SessionState(Rules.Value, AsOf, explain: false);
        var commune = SubjectRecords.Create(Rules.Value, "commune", "c0", [], []);
        var (h0, h1, other) = (Household("h0", "c0"), Household("h1", "c0"), Household("h2", "c1"));
        state.Add(commune);
        state.Add(h0);
        var context = state.Context(null, "commune", commune);

        var first = context.Children("household");
        Assert.Equal([h0], Read(first));
        Assert.Same(first, context.Children("household"));
        Assert.Empty(context.Children("commune"));

        state.Add(h1);
        state.Add(other);
        Assert.Equal([h0, h1], Read(context.Children("household")));
        state.Remove(h0);
        Assert.Equal([h1], Read(context.Children("household")));
        // The whole data set's context reads every record of the kind.
        Assert.Equal([h1, other], Read(state.Context(null, "all", null).Children("household")));
    }
}
