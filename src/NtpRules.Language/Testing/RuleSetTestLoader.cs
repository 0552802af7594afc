using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Explanations;
using NtpRules.Language.RuleSets;
using NtpRules.Language.Versions;
using NtpRules.Language.Yaml;

namespace NtpRules.Language.Testing;

/// <summary>
/// Loads a rule-set test file and checks that what it names exists: the rule set, fixtures, subject kinds and
/// indicators (values are typed by the catalogue), and the ids expected: against the version, among
/// <c>versionsOf(rule_set)</c>, in force on each case's as-of date (standards against <c>allStandards</c>, since
/// standard ids are global).
/// </summary>
public static class RuleSetTestLoader
{
    public static RuleSetTestFile? Load(SourceFile file, IndicatorCatalogue catalogue, Func<string, IReadOnlyList<RuleSet>> versionsOf,
        IReadOnlyCollection<string> allStandards, DiagnosticBag diagnostics, YamlLimits? limits = null)
    {
        var root = YamlDocumentLoader.Load(file.Path, file.Text, diagnostics, limits);
        if (root is null) return null;
        var r = new DocumentReader(diagnostics);
        var m = r.OpenMapping(root, "the test file", KnownKeys.TestFile);
        if (m is null) return null;
        r.Kind(m, "rule_set_test", "the test file");
        var ruleSet = r.String(m, "rule_set", "the test file", required: true);
        var versions = ruleSet is null ? [] : versionsOf(ruleSet);
        if (ruleSet is not null && versions.Count == 0)
            diagnostics.Error(DiagnosticCodes.UnknownRuleSet, $"the test file names an unknown rule set '{ruleSet}'", m["rule_set"]!.Location);
        var fileAsOf = r.Date(m, "as_of", "the test file");
        var idsByVersion = new Dictionary<RuleSet, ExpectedIds>(ReferenceEqualityComparer.Instance);
        var typer = new ValueTyper(r, catalogue);

        var fixtures = new Dictionary<string, YamlMapping>();
        if (r.Mapping(m["fixtures"], "'fixtures'") is { } fm)
            foreach (var (key, node) in fm.Entries)
                if (r.Mapping(node, $"fixture '{key.Name}'") is { } f) fixtures[key.Name] = f;

        var cases = new List<TestCase>();
        foreach (var node in r.List(m, "cases", "the test file", required: true))
        {
            var c = r.OpenMapping(node, "a test case", KnownKeys.TestCase);
            if (c is null) continue;
            var name = r.String(c, "name", "a test case", required: true) ?? "";
            var what = $"test case '{name}'";
            var asOf = r.Date(c, "as_of", what) ?? fileAsOf;
            if (asOf is null && m["as_of"] is null)
                diagnostics.Error(DiagnosticCodes.MissingKey, $"{what} has no 'as_of' and the file gives none", c.Location);
            ExpectedIds? ids = null;
            if (asOf is { } day && versions.Count > 0)
            {
                if (VersionSelector.InForce(versions, day) is { } version)
                {
                    if (!idsByVersion.TryGetValue(version, out ids)) idsByVersion[version] = ids = new ExpectedIds(version, allStandards);
                }
                else
                    diagnostics.Error(DiagnosticCodes.NoVersionInForce, $"no version of rule set '{ruleSet}' is in force on {day:yyyy-MM-dd}, the as-of date of {what}",
                        (c["as_of"] ?? m["as_of"])?.Location ?? c.Location,
                        $"versions: {string.Join(", ", versions.Select(v => $"{v.Version} ({v.Effective}, {v.Status.ToString().ToLowerInvariant()})"))}");
            }

            var subjects = new List<TestSubject>();
            foreach (var sNode in r.List(c, "subjects", what, required: true))
                if (ReadSubject(r, sNode, what, fixtures, typer, subjects) is { } s) subjects.Add(s);

            var baseline = new List<TestSubject>();
            foreach (var sNode in r.List(c, "baseline", what))
                if (ReadSubject(r, sNode, $"the baseline of {what}", fixtures, typer, baseline) is { } s) baseline.Add(s);

            var expectations = new List<TestExpectation>();
            if (r.Mapping(c["expect"], $"'expect' of {what}") is { } em)
                foreach (var (subjectKey, expectNode) in em.Entries)
                {
                    if (subjectKey.Name != TestCase.WholeDataSet && subjects.All(s => s.Id != subjectKey.Name))
                        diagnostics.Error(DiagnosticCodes.UnknownTestSubject, $"'expect' names '{subjectKey.Name}', which is not a subject of {what}",
                            subjectKey.Location, EditDistance.Hint(subjectKey.Name, subjects.Select(s => s.Id)));
                    ReadExpectations(r, subjectKey.Name, expectNode, ids, expectations);
                }
            if (asOf is not null) cases.Add(new TestCase(name, asOf.Value, subjects, baseline, expectations, c.Location));
        }
        return ruleSet is null ? null : new RuleSetTestFile(ruleSet, cases, file);
    }

    private static TestSubject? ReadSubject(DocumentReader r, YamlNode node, string what, Dictionary<string, YamlMapping> fixtures,
        ValueTyper typer, List<TestSubject> earlier)
    {
        var s = r.Mapping(node, $"a subject of {what}");
        if (s is null) return null;
        var kind = r.String(s, "kind", $"a subject of {what}", required: true);
        var id = r.String(s, "id", $"a subject of {what}", required: true);
        if (kind is null || id is null) return null;
        if (earlier.Any(e => e.Id == id))
            r.Diagnostics.Error(DiagnosticCodes.DuplicateTestSubject, $"subject '{id}' appears twice in {what}", s.KeyOf("id")!.Location);
        if (!typer.KnownKind(kind, s["kind"]!)) return null;

        Dictionary<string, TestValue>? values = null;
        if (r.String(s, "extends", $"subject '{id}'") is { } extends)
        {
            if (fixtures.TryGetValue(extends, out var fixture))
                values = new Dictionary<string, TestValue>(typer.Fixture(extends, fixture, kind)); // copied whole, not grown key by key
            else
                r.Diagnostics.Error(DiagnosticCodes.UnknownFixture, $"subject '{id}' extends an unknown fixture '{extends}'", s["extends"]!.Location,
                    EditDistance.Hint(extends, fixtures.Keys));
        }
        values ??= new Dictionary<string, TestValue>(s.Entries.Count);
        foreach (var (key, valueNode) in s.Entries.Where(e => !KnownKeys.TestSubject.Contains(e.Key.Name)))
            typer.Add(values, kind, key, valueNode, $"subject '{id}'");
        return new TestSubject(kind, id, values, s.Location);
    }

    private static void ReadExpectations(DocumentReader r, string subject, YamlNode node, ExpectedIds? ids, List<TestExpectation> into)
    {
        var e = r.OpenMapping(node, $"the expectations for '{subject}'", KnownKeys.TestExpectation);
        if (e is null) return;
        foreach (var (key, value) in e.Entries)
        {
            var section = key.Name;
            if (section == "criteria_met")
            {
                if (r.Integer(e, "criteria_met", $"the expectations for '{subject}'") is { } n)
                    into.Add(new TestExpectation(subject, ExpectationKind.CriteriaMet, "criteria_met", null, null, n, [], value.Location));
                continue;
            }
            var kind = section switch
            {
                "indicators" => ExpectationKind.Indicator,
                "criteria" => ExpectationKind.Criterion,
                "standards" => ExpectationKind.Standard,
                "classifications" => ExpectationKind.Classification,
                "targets" => ExpectationKind.Target,
                "reasons" => ExpectationKind.Reason,
                _ => (ExpectationKind?)null,
            };
            if (kind is null || r.Mapping(value, $"'{section}' of the expectations for '{subject}'") is not { } items) continue;
            foreach (var (itemKey, itemValue) in items.Entries)
            {
                ids?.Check(r, kind.Value, itemKey);
                if (ReadExpectation(r, subject, kind.Value, itemKey, itemValue) is { } x) into.Add(x);
            }
        }
    }

    private static TestExpectation? ReadExpectation(DocumentReader r, string subject, ExpectationKind kind, YamlKey key, YamlNode value)
    {
        if (kind == ExpectationKind.Reason)
        {
            IReadOnlyList<YamlNode> items = value is YamlSequence seq ? seq.Items : [value];
            var fragments = items.OfType<YamlScalar>().Select(s => s.Value).ToArray();
            if (fragments.Length != items.Count)
                r.Diagnostics.Error(DiagnosticCodes.WrongShape, $"reason fragments for '{key.Name}' must be text or a list of texts", value.Location);
            return new TestExpectation(subject, kind, key.Name, null, null, null, fragments, key.Location);
        }
        if (value is not YamlScalar s || s.IsNull)
        {
            r.Diagnostics.Error(DiagnosticCodes.WrongShape, $"the expectation for '{key.Name}' must be a single value, found {value.ShapeName}", value.Location);
            return null;
        }
        if (kind == ExpectationKind.Classification)
            return new TestExpectation(subject, kind, key.Name, null, s.Value, null, [], key.Location);
        if (VerdictText.TryParse(s.Value, out var verdict))
            return new TestExpectation(subject, kind, key.Name, verdict, null, null, [], key.Location);
        r.Diagnostics.Error(DiagnosticCodes.BadVerdict, $"'{s.Value}' is not a verdict; expected met, not-met or unknown", s.Location,
            EditDistance.Hint(s.Value, ["met", "not-met", "unknown"]));
        return null;
    }

    /// <summary>The ids a test may expect results for in the version in force on its as-of date (standards: any rule set's).</summary>
    private sealed class ExpectedIds(RuleSet version, IReadOnlyCollection<string> allStandards)
    {
        private readonly Dictionary<ExpectationKind, HashSet<string>> _ids = new()
        {
            [ExpectationKind.Indicator] = version.AllIndicators.Select(x => x.Indicator.Id).ToHashSet(),
            // The runner reads the reason of an indicator, a classification, a standard or a target.
            [ExpectationKind.Reason] = version.AllIndicators.Select(x => x.Indicator.Id).Concat(version.Classifications.Select(c => c.Id))
                .Concat(allStandards).Concat(version.Targets.Select(t => t.Id)).ToHashSet(),
            [ExpectationKind.Criterion] = version.Criteria.Select(c => c.Id).ToHashSet(),
            [ExpectationKind.Standard] = allStandards.ToHashSet(),
            [ExpectationKind.Classification] = version.Classifications.Select(c => c.Id).ToHashSet(),
            [ExpectationKind.Target] = version.Targets.Select(t => t.Id).ToHashSet(),
        };

        public void Check(DocumentReader r, ExpectationKind kind, YamlKey key)
        {
            if (_ids[kind].Contains(key.Name)) return;
            var noun = kind == ExpectationKind.Reason ? "indicator, classification, standard or target" : kind.ToString().ToLowerInvariant();
            r.Diagnostics.Error(DiagnosticCodes.UnknownExpectationId, $"rule set '{version.Id}' version '{version.Version}' has no {noun} '{key.Name}'",
                key.Location, EditDistance.Hint(key.Name, _ids[kind]));
        }
    }
}
