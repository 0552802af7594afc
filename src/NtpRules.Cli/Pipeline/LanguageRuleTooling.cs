using System.Globalization;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Engines;
using NtpRules.Language.Diff;
using NtpRules.Language.Documents;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;
using NtpRules.Language.Testing;

namespace NtpRules.Cli.Pipeline;

/// <summary>
/// <c>ntp rules check|test|list|diff</c> on the language layer; <c>rules test</c> runs the rule-set test runner.
/// </summary>
public sealed class LanguageRuleTooling : IRuleTooling
{
    public RuleCheckReport Check(string rulesDirectory)
    {
        var library = RuleLibrary.LoadDirectory(rulesDirectory);
        ProvisionalThreshold[] Rows(Func<ParameterRow, bool> which, Func<ParameterRow, string?> note) => library.RuleSets
            .SelectMany(s => s.Parameters.SelectMany(p => p.Values
                .Where(which)
                .Select(v => new ProvisionalThreshold($"{s.Id}@{s.Version}", Label(p, v), Format(v.Value, p.Unit), note(v), v.Location))))
            .ToArray();
        return new RuleCheckReport(library.Diagnostics, Rows(v => v.Published && v.Confidence == Confidence.Provisional, v => v.Citation))
        {
            Inferred = Rows(v => v.Published && v.Confidence == Confidence.Inferred, v => v.Derivation),
            Unpublished = Rows(v => !v.Published, v => v.Citation),
        };
    }

    public RuleTestReport Test(string rulesDirectory, RuleEngineKind engine = RuleEngineKind.NRules)
    {
        var library = RuleLibrary.LoadDirectory(rulesDirectory);
        if (library.HasErrors) return new RuleTestReport(0, [], library.Diagnostics, 0, []);
        var run = new RuleSetTestRunner(library, engine).RunAll();
        var failures = run.Failures.Select(f => new RuleTestFailure(run.Files.First(x => x.TestFile == f.TestFile).RuleSetId, f.Case, f.Message, f.Location)).ToArray();
        var uncovered = run.Coverage.Where(c => !c.Complete)
            .Select(c => $"{c.RuleSetId}@{c.Version} {c.IndicatorId}: not exercised as " +
                         string.Join(", ", new[] { c.Met ? null : "met", c.NotMet ? null : "not met", c.Unknown ? null : "unknown" }.OfType<string>()))
            .ToArray();
        return new RuleTestReport(run.CasesPassed, failures, [.. library.Diagnostics, .. run.Diagnostics], run.CoverageShare, uncovered);
    }

    public RuleDiffReport Diff(string oldPath, string newPath)
    {
        var bag = new DiagnosticBag();
        var (a, b) = (LoadOne(oldPath, bag), LoadOne(newPath, bag));
        if (a is null || b is null || bag.HasErrors) return new RuleDiffReport([], bag.ToList());
        var diff = RuleSetDiffer.Compare(a, b);
        var changes = diff.Changes.Select(c => new RuleChange(
            c.Kind switch { ChangeKind.Added => "added", ChangeKind.Removed => "removed", _ => "changed" },
            c.Field is null ? c.Item : $"{c.Item} {c.Field}", c.Old, c.New)).ToArray();
        return new RuleDiffReport(changes, bag.ToList());
    }

    public RuleListing List(string rulesDirectory)
    {
        var library = RuleLibrary.LoadDirectory(rulesDirectory);
        var rows = library.RuleSets.OrderBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.Effective.From)
            .Select(s =>
            {
                var values = s.Parameters.SelectMany(p => p.Values).ToArray();
                return new RuleSetSummary(s.Id, s.Version, s.Effective.From, s.Effective.To, s.Status.ToString().ToLowerInvariant(),
                    values.Count(v => v.Published && v.Confidence == Confidence.Confirmed), values.Count(v => v.Published && v.Confidence == Confidence.Provisional), s.File.Path)
                {
                    InferredThresholds = values.Count(v => v.Published && v.Confidence == Confidence.Inferred),
                    UnpublishedThresholds = values.Count(v => !v.Published),
                };
            }).ToArray();
        return new RuleListing(rows, library.Diagnostics);
    }

    /// <summary>
    /// A rule-set file is checked against the catalogue of the rules folder it sits in (rules/&lt;id&gt;/&lt;version&gt;.yaml);
    /// the set is picked from that folder's library by file name.
    /// </summary>
    private static RuleSet? LoadOne(string path, DiagnosticBag bag)
    {
        var full = Path.GetFullPath(path);
        var rulesRoot = Path.GetDirectoryName(Path.GetDirectoryName(full));
        if (!File.Exists(full) || rulesRoot is null)
        {
            bag.Error(DiagnosticCodes.NotARuleSetFile, "expected a rule-set file rules/<id>/<version>.yaml", SourceLocation.None(path));
            return null;
        }
        var library = RuleLibrary.LoadDirectory(rulesRoot);
        var set = library.RuleSets.FirstOrDefault(s => Path.GetFileName(s.File.Path) == Path.GetFileName(full)
                                                       && Path.GetFileName(Path.GetDirectoryName(s.File.Path)) == Path.GetFileName(Path.GetDirectoryName(full)));
        bag.AddRange(library.Diagnostics.Where(d => d.IsError && set is not null && d.Location.File == set.File.Path));
        if (set is null) bag.Error(DiagnosticCodes.NotARuleSetFile, "no rule set was loaded from this file", SourceLocation.None(path));
        return set;
    }

    private static string Label(Parameter p, ParameterRow v)
    {
        var keys = v.KeyText(p.Keys);
        var range = v.Effective is { } e ? $" ({e})" : "";
        return keys.Length > 0 ? $"{p.Id}[{keys}]{range}" : $"{p.Id}{range}";
    }

    private static string Format(object value, string? unit) =>
        (value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "") + (unit is null ? "" : " " + unit);
}
