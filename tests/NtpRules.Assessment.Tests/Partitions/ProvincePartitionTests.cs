using NtpRules.Assessment.Data;
using NtpRules.Assessment.Partitions;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Tests.Partitions;

public sealed class ProvincePartitionTests
{
    private static DataRecord R(string kind, string id, params (string Kind, string Id)[] parents) =>
        new(kind, id, null, parents.ToDictionary(p => p.Kind, p => p.Id), new Dictionary<string, object?>(), SourceLocation.None("x.csv"));

    private static readonly DataRecord[] Country =
    [
        R("province", "P1"), R("province", "P2"),
        R("district", "D1", ("province", "P1")),
        R("commune", "C1", ("district", "D1")), R("commune", "C2", ("province", "P2")), R("commune", "C3", ("district", "D1"), ("province", "P1")),
        R("household", "H1", ("commune", "C1")), R("household", "H2", ("commune", "C2")), R("household", "H3", ("commune", "C3")),
    ];

    [Theory]
    [InlineData("H1", "P1 D1 C1 C3 H1 H3")]
    [InlineData("C3", "P1 D1 C1 C3 H1 H3")]
    [InlineData("P2", "P2 C2 H2")]
    [InlineData("H2", "P2 C2 H2")]
    public void A_subject_brings_its_whole_province_through_any_chain_of_parents(string subject, string expected) =>
        Assert.Equal(expected, string.Join(" ", ProvincePartition.Of(Country, subject).Select(r => r.Id)));

    [Fact]
    public void An_unknown_subject_or_one_without_a_province_keeps_every_record()
    {
        Assert.Same(Country, ProvincePartition.Of(Country, "nope"));
        DataRecord[] orphans = [R("household", "H9", ("commune", "C9")), R("commune", "C1")];
        Assert.Same(orphans, ProvincePartition.Of(orphans, "H9"));
    }

    [Fact]
    public void Explaining_one_commune_gives_it_the_verdicts_of_the_whole_run()
    {
        var data = new[] { RepositoryPaths.Sample("lao-cai-2024") };
        var whole = RepositoryPaths.Assessor.Assess(data, new AssessmentOptions()).Report!;
        var commune = whole.Subjects.First(s => s.Kind == "commune" && s.Standards.Count > 0);
        var one = RepositoryPaths.Assessor.Assess(data, new AssessmentOptions { Subject = commune.Id }).Report!;

        var alone = Assert.Single(one.Subjects);
        Assert.Equal(commune.Standards.Select(s => (s.Id, s.Verdict, s.CriteriaMet)), alone.Standards.Select(s => (s.Id, s.Verdict, s.CriteriaMet)));
    }
}
