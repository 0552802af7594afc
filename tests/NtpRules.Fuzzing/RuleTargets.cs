using System.Text;
using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Expressions;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;
using NtpRules.Language.Yaml;

namespace NtpRules.Fuzzing;

/// <summary>
/// The rule loader and the expression parser and binder, fed the repository's rule files (as bytes, decoded the way
/// the library decodes files on disk) and the expressions written in them.
/// </summary>
public static class RuleTargets
{
    private const string Name = "rules/fuzz/fuzz.yaml";

    private static readonly string[] YamlTokens =
        ["- ", ": ", "&a ", "*a", "<<: *a", "!!binary ", "? ", "|", ">-", "\t", "~", "---\n", "{", "[", "'", "\"", "#", "expr: ", "id: ", "  "];

    private static readonly string[] ExpressionTokens =
    [
        " and ", " or ", "not ", " in [", "if ", " then ", " else ", "(", ")", "[", "]", ",", "'", "\"", ">=", "==", "!=", "+", "*", "/", "%",
        "sum(", "count(", "share(", "avg(", "min_of(", "max_of(", "met(", "criteria_met(", "baseline(", "date('2026-02-15')", "known(", "coalesce(",
        "households", "communes", "as_of", "year", "1e308", "0.5", "System.IO.File.Delete(\"x\")", "typeof(", "GetType()", ".",
    ];

    /// <param name="maxSeedBytes">Leaves out larger rule files as seeds (the test suite keeps to the small ones).</param>
    public static IReadOnlyList<FuzzTarget> All(RuleLibrary library, int maxSeedBytes = int.MaxValue) =>
        [YamlDocuments(maxSeedBytes), Catalogue(maxSeedBytes), RuleSets(library, maxSeedBytes), Expressions(library)];

    /// <summary>Any YAML file of the rules folder, read into a positioned tree under the document limits.</summary>
    public static FuzzTarget YamlDocuments(int maxSeedBytes = int.MaxValue) => new(
        "yaml-document", ".yaml", RuleFiles(_ => true, maxSeedBytes),
        input => Load(input, (file, bag) => YamlDocumentLoader.Load(file.Path, file.Text, bag)),
        YamlTokens);

    public static FuzzTarget Catalogue(int maxSeedBytes = int.MaxValue) => new(
        "catalogue", ".yaml", RuleFiles(f => f.Contains("/catalogue/"), maxSeedBytes),
        input => Load(input, (file, bag) => CatalogueLoader.Load([file], bag)),
        [.. YamlTokens, "parents: ", "type: enum", "range: [", "values: ["]);

    /// <summary>A rule-set file loaded and type-checked against the real catalogue, as the library does.</summary>
    public static FuzzTarget RuleSets(RuleLibrary library, int maxSeedBytes = int.MaxValue) => new(
        "rule-set", ".yaml", RuleFiles(f => !f.Contains("/catalogue/") && !f.Contains("/tests/"), maxSeedBytes),
        input => Load(input, (file, bag) =>
        {
            if (RuleSetLoader.Load(file, library.Catalogue, bag) is { } set) RuleSetChecker.Check(library.Catalogue, [set], bag);
        }),
        [.. YamlTokens, .. ExpressionTokens]);

    /// <summary>
    /// One expression, parsed and checked in the scope of a rule set's subject. The input's first line names the
    /// scope (<c>rule-set-id/kind</c>); an unknown first line falls back to the first rule set's subject.
    /// </summary>
    public static FuzzTarget Expressions(RuleLibrary library) => new(
        "expression", ".txt",
        [.. ExpressionTexts(library).Select(e => Encoding.UTF8.GetBytes($"{e.Set.Id}/{e.Kind}\n{e.Text}"))],
        input => CheckExpression(library, input),
        ExpressionTokens);

    private static IEnumerable<Diagnostic> CheckExpression(RuleLibrary library, byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var newline = text.IndexOf('\n');
        var scopeName = newline < 0 ? "" : text[..newline];
        var expression = newline < 0 ? text : text[(newline + 1)..];
        var set = library.RuleSets.FirstOrDefault(s => scopeName.StartsWith(s.Id + "/", StringComparison.Ordinal)) ?? library.RuleSets[0];
        var kind = scopeName.Length > set.Id.Length && library.Catalogue.FindKind(scopeName[(set.Id.Length + 1)..]) is { } k ? k.Kind : set.Subject;
        var bag = new DiagnosticBag();
        ExpressionChecker.Check(expression, new SourceLocation(Name, 2, 1), library.ScopeFor(set, kind), bag);
        return bag;
    }

    private static IEnumerable<Diagnostic> Load(byte[] input, Action<SourceFile, DiagnosticBag> load)
    {
        var bag = new DiagnosticBag();
        if (SourceFile.Decode(Name, input, bag) is { } file) load(file, bag);
        return bag;
    }

    private static byte[][] RuleFiles(Func<string, bool> keep, int maxBytes) =>
        [.. RepositoryFiles.Files(RepositoryFiles.Rules, "*.yaml").Where(f => keep(f.Replace('\\', '/')) && new FileInfo(f).Length <= maxBytes).Select(File.ReadAllBytes)];

    /// <summary>Every expression of the loaded rule sets with the subject kind it is about.</summary>
    public static IEnumerable<(RuleSet Set, string Kind, string Text)> ExpressionTexts(RuleLibrary library)
    {
        foreach (var set in library.RuleSets)
        {
            foreach (var d in set.Definitions) yield return (set, set.Subject, d.Expr.Text);
            foreach (var (_, i) in set.AllIndicators)
            {
                yield return (set, i.Subject, i.Condition.Text);
                if (i.AppliesIf is { } a) yield return (set, i.Subject, a.Text);
            }
            foreach (var c in set.Standards.SelectMany(s => s.Conditions)) yield return (set, set.Subject, c.Expr.Text);
            foreach (var c in set.Classifications)
                foreach (var k in c.Cases) yield return (set, c.Subject, k.When.Text);
        }
    }
}
