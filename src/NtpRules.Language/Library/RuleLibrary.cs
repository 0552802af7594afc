using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Expressions;
using NtpRules.Language.RuleSets;
using NtpRules.Language.Scopes;
using NtpRules.Language.Testing;
using NtpRules.Language.Versions;
using NtpRules.Language.Yaml;

namespace NtpRules.Language.Library;

/// <summary>
/// Everything under a <c>rules/</c> folder: the merged catalogue, every rule-set version, every test file, the
/// SHA-256 of every file read, and all diagnostics found while loading and checking them.
/// </summary>
public sealed class RuleLibrary
{
    private readonly RuleSetChecker.Result _checked;

    private RuleLibrary(IndicatorCatalogue catalogue, IReadOnlyList<RuleSet> ruleSets, IReadOnlyList<RuleSetTestFile> tests,
        IReadOnlyList<SourceFile> files, IReadOnlyList<Diagnostic> diagnostics, RuleSetChecker.Result checkedResult)
    {
        _checked = checkedResult;
        Catalogue = catalogue;
        RuleSets = ruleSets;
        Tests = tests;
        Files = files;
        Diagnostics = diagnostics;
    }

    public IndicatorCatalogue Catalogue { get; }
    /// <summary>Every version of every rule set, including drafts.</summary>
    public IReadOnlyList<RuleSet> RuleSets { get; }
    public IReadOnlyList<RuleSetTestFile> Tests { get; }
    /// <summary>Every file read, with its <see cref="SourceFile.Sha256"/>.</summary>
    public IReadOnlyList<SourceFile> Files { get; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public IEnumerable<string> RuleSetIds => RuleSets.Select(r => r.Id).Distinct();

    public IReadOnlyList<RuleSet> VersionsOf(string id) => RuleSets.Where(r => r.Id == id).OrderBy(r => r.Effective.From).ToArray();

    /// <summary>The version of <paramref name="id"/> in force on <paramref name="asOf"/> (never a draft), or null.</summary>
    public RuleSet? InForce(string id, DateOnly asOf) => VersionSelector.InForce(VersionsOf(id), asOf);

    /// <summary>For each rule set id, its version in force on <paramref name="asOf"/> (ids with none are left out).</summary>
    public IReadOnlyList<RuleSet> AllInForce(DateOnly asOf) =>
        RuleSetIds.Select(id => InForce(id, asOf)).OfType<RuleSet>().ToArray();

    /// <summary>The checked form of an expression of a loaded rule set or derived indicator; null when it failed to check.</summary>
    public CheckedExpression? Checked(ExpressionText expression) => _checked.Checked.GetValueOrDefault(expression);

    /// <summary>The indicator slots of a subject kind (catalogue indicators, derived indicators, classification outputs).</summary>
    public SubjectLayout? LayoutOf(string kind) => _checked.Layouts.GetValueOrDefault(kind);

    /// <summary>The scope expressions of <paramref name="set"/> about <paramref name="kind"/> are checked in (<c>all</c> for whole-data targets).</summary>
    public IExpressionScope ScopeFor(RuleSet set, string kind) => _checked.Scopes[set].For(kind);

    public ParameterListing Parameters(DateOnly? asOf = null) => ParameterListing.Of(RuleSets, asOf);

    /// <summary>
    /// Reads <c>catalogue/*.yaml</c>, <c>&lt;id&gt;/*.yaml</c> and <c>&lt;id&gt;/tests/*.yaml</c> under <paramref name="rulesDirectory"/>
    /// (the <c>schema</c> folder is skipped). Diagnostics name files relative to the folder's parent, e.g. <c>rules/ntm-commune/2021-2025.yaml</c>.
    /// </summary>
    public static RuleLibrary LoadDirectory(string rulesDirectory, YamlLimits? limits = null)
    {
        var bag = new DiagnosticBag();
        var root = Path.GetFullPath(rulesDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var baseDir = Path.GetDirectoryName(root) ?? root;
        IEnumerable<SourceFile> Read(string dir) => Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.yaml").Concat(Directory.EnumerateFiles(dir, "*.yml")).Order(StringComparer.Ordinal)
                .Select(f => ReadFile(f, Path.GetRelativePath(baseDir, f).Replace('\\', '/'), bag, limits ?? YamlLimits.Default)).OfType<SourceFile>().ToArray()
            : [];

        var catalogue = Read(Path.Combine(root, "catalogue"));
        var sets = new List<(string Folder, SourceFile File)>();
        var tests = new List<SourceFile>();
        if (Directory.Exists(root))
            foreach (var dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                if (name is "catalogue" or "schema") continue;
                sets.AddRange(Read(dir).Select(f => (name, f)));
                tests.AddRange(Read(Path.Combine(dir, "tests")));
            }
        else
            bag.Error(DiagnosticCodes.UnreadableFile, $"the rules folder '{rulesDirectory}' does not exist", SourceLocation.None(rulesDirectory));
        return Load(catalogue.ToArray(), sets.Select(s => ((string?)s.Folder, s.File)).ToArray(), tests, bag, limits);
    }

    /// <summary>Loads files already in memory; each rule-set file is given with the folder it sits in (or null).</summary>
    public static RuleLibrary Load(IEnumerable<SourceFile> catalogueFiles, IEnumerable<(string? Folder, SourceFile File)> ruleSetFiles,
        IEnumerable<SourceFile> testFiles, YamlLimits? limits = null) =>
        Load(catalogueFiles.ToArray(), ruleSetFiles.ToArray(), testFiles.ToArray(), new DiagnosticBag(), limits);

    private static RuleLibrary Load(IReadOnlyList<SourceFile> catalogueFiles, IReadOnlyList<(string? Folder, SourceFile File)> ruleSetFiles,
        IReadOnlyList<SourceFile> testFiles, DiagnosticBag bag, YamlLimits? limits)
    {
        var catalogue = CatalogueLoader.Load(catalogueFiles, bag, limits);
        var sets = new List<RuleSet>();
        var unloaded = new HashSet<string>(StringComparer.Ordinal); // folders with a version file too broken to load
        foreach (var (folder, file) in ruleSetFiles)
        {
            var set = RuleSetLoader.Load(file, catalogue, bag, limits);
            if (set is null)
            {
                if (folder is not null) unloaded.Add(folder);
                continue;
            }
            if (folder is not null && folder != set.Id)
                bag.Warning(DiagnosticCodes.FolderMismatch, $"rule set '{set.Id}' sits in the folder '{folder}'", set.IdLocation,
                    $"move it to rules/{set.Id}/");
            sets.Add(set);
        }
        foreach (var group in sets.GroupBy(s => s.Id))
            VersionSelector.Check(group.ToArray(), bag);
        CheckStandards(sets, bag);
        var checkedResult = RuleSetChecker.Check(catalogue, sets, bag);

        var standards = sets.SelectMany(s => s.Standards.Select(x => x.Id)).ToHashSet();
        var tests = new List<RuleSetTestFile>();
        // One root cause, one error: the tests of a rule set whose version did not load would each report the
        // missing version; they are checked again once the version file loads.
        foreach (var file in testFiles.Where(f => !unloaded.Contains(TestFolderOf(f.Path))))
        {
            var test = RuleSetTestLoader.Load(file, catalogue, id => sets.Where(s => s.Id == id).ToArray(), standards, bag, limits);
            if (test is not null) tests.Add(test);
        }
        var files = catalogueFiles.Concat(ruleSetFiles.Select(f => f.File)).Concat(testFiles).ToArray();
        return new RuleLibrary(catalogue, sets, tests, files, bag.Where(d => !FollowsFromUnloaded(d, unloaded)).ToList(), checkedResult);
    }

    private static readonly HashSet<string> UnknownStandardCodes =
        [DiagnosticCodes.UnknownStandard, DiagnosticCodes.UnknownExpectationId, Expressions.ExpressionCodes.UnknownStandard];

    /// <summary>
    /// A reference to a standard of a rule set whose file did not load (its standards carry the set's id by
    /// convention) follows from that file's error, reported already.
    /// </summary>
    private static bool FollowsFromUnloaded(Diagnostic d, HashSet<string> unloaded) =>
        unloaded.Count > 0 && UnknownStandardCodes.Contains(d.Code) && unloaded.Any(f => d.Message.Contains($"'{f}'", StringComparison.Ordinal));

    /// <summary>The rule-set folder of a test file: rules/&lt;id&gt;/tests/x.yaml → &lt;id&gt;.</summary>
    private static string TestFolderOf(string path) => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))) ?? "";

    /// <summary>Standard ids are global: one rule set id owns each; <c>requires</c> must name a known standard.</summary>
    private static void CheckStandards(List<RuleSet> sets, DiagnosticBag bag)
    {
        var owner = new Dictionary<string, RuleSet>();
        foreach (var set in sets)
            foreach (var s in set.Standards)
                if (!owner.TryAdd(s.Id, set) && owner[s.Id].Id != set.Id)
                    bag.Error(DiagnosticCodes.DuplicateStandard, $"standard '{s.Id}' is also defined by rule set '{owner[s.Id].Id}'", s.Location);
        foreach (var set in sets)
            foreach (var s in set.Standards)
                for (var i = 0; i < s.Requires.Count; i++)
                    if (!owner.ContainsKey(s.Requires[i]))
                        bag.Error(DiagnosticCodes.UnknownStandard, $"standard '{s.Id}' requires an unknown standard '{s.Requires[i]}'",
                            i < s.RequiresLocations.Count ? s.RequiresLocations[i] : s.Location, EditDistance.Hint(s.Requires[i], owner.Keys));
    }

    private static SourceFile? ReadFile(string path, string shownAs, DiagnosticBag bag, YamlLimits limits)
    {
        try
        {
            // UTF-8 takes at most 3 bytes per UTF-16 character: a longer file is over the limit whatever it holds,
            // and is turned down before it is read into memory.
            var length = new FileInfo(path).Length;
            if (length > 3L * limits.MaxChars)
            {
                bag.Error(DiagnosticCodes.DocumentTooLarge, $"the file has {length:N0} bytes, more than the limit of {limits.MaxChars:N0} characters",
                    new SourceLocation(shownAs, 1, 1));
                return null;
            }
            return SourceFile.Decode(shownAs, File.ReadAllBytes(path), bag);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bag.Error(DiagnosticCodes.UnreadableFile, $"cannot read the file: {ex.Message}", new SourceLocation(shownAs, 1, 1));
            return null;
        }
    }
}
