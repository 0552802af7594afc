using System.Text.RegularExpressions;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Library;

namespace NtpRules.Language.Tests.Corpus;

/// <summary>
/// Every file under <c>Corpus/broken/</c> states in header comments the diagnostics it must produce:
/// <c># expect: NTP1101 at 14:5 "did you mean 'title'"</c> (the quoted fragment, optional, must appear in the
/// message or hint). The file is loaded beside the sample rules (as a catalogue, rule set or test file by its
/// <c>kind</c>) and the diagnostics located in it must be exactly those expected.
/// </summary>
public partial class BrokenCorpusTests
{
    [GeneratedRegex("""^# expect: (NTP\d{4}) at (\d+):(\d+)(?: "([^"]*)")?\s*$""")]
    private static partial Regex ExpectLine();

    public static TheoryData<string> Files() =>
        new(Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "broken"), "*.yaml").Select(Path.GetFileName).Order()!);

    [Fact]
    public void The_corpus_has_at_least_forty_broken_files() => Assert.True(Files().Count >= 40);

    [Theory]
    [MemberData(nameof(Files))]
    public void Broken_file_gives_its_expected_diagnostics_at_their_positions(string name)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Corpus, "broken", name));
        var expected = text.Split('\n').Select(l => ExpectLine().Match(l)).Where(m => m.Success).ToList();
        Assert.NotEmpty(expected);

        var found = Load(new SourceFile($"broken/{name}", text));
        var report = string.Join("\n", found);
        Assert.Equal(
            expected.Select(m => $"{m.Groups[1].Value} at {m.Groups[2].Value}:{m.Groups[3].Value}").Order(),
            found.Select(d => $"{d.Code} at {d.Location.Line}:{d.Location.Column}").Order());
        foreach (var m in expected.Where(m => m.Groups[4].Success))
            Assert.True(found.Any(d => d.Code == m.Groups[1].Value && (d.Message + " " + d.Hint).Contains(m.Groups[4].Value)),
                $"no {m.Groups[1].Value} mentions \"{m.Groups[4].Value}\":\n{report}");
    }

    private static readonly string SampleRoot = Path.GetDirectoryName(TestPaths.Rules)!;

    private static SourceFile Sample(string path) => new(Path.GetRelativePath(SampleRoot, path), File.ReadAllText(path));

    private static IReadOnlyList<Diagnostic> Load(SourceFile broken)
    {
        var catalogue = Directory.EnumerateFiles(Path.Combine(TestPaths.Rules, "catalogue")).Order().Select(Sample).ToList();
        var sets = Directory.EnumerateDirectories(TestPaths.Rules).Where(d => !d.EndsWith("catalogue"))
            .SelectMany(d => Directory.EnumerateFiles(d, "*.yaml")).Order().Select(f => ((string?)null, Sample(f))).ToList();
        var tests = new List<SourceFile>();
        if (broken.Text.Contains("\nkind: catalogue")) catalogue.Add(broken);
        else if (broken.Text.Contains("\nkind: rule_set_test")) tests.Add(broken);
        else sets.Add((null, broken));
        var lib = RuleLibrary.Load(catalogue, sets, tests);
        return lib.Diagnostics.Where(d => d.Location.File == broken.Path).ToList();
    }
}
