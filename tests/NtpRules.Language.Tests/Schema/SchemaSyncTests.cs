using System.Text.Json;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Library;
using NtpRules.Language.Yaml;

namespace NtpRules.Language.Tests.Schema;

/// <summary>The JSON Schemas under rules/schema/ declare exactly the keys the loaders accept, and accept the sample files.</summary>
public class SchemaSyncTests
{
    private static readonly string[] SchemaFiles = ["catalogue.schema.json", "rule-set.schema.json", "rule-set-test.schema.json"];

    private static JsonElement Schema(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", file))).RootElement;

    private static IEnumerable<(string File, string Name, JsonElement Def)> Definitions() =>
        SchemaFiles.SelectMany(f => Schema(f).GetProperty("definitions").EnumerateObject().Select(d => (f, d.Name, d.Value)));

    /// <summary>The keys an object definition declares, also when it is one alternative of a oneOf (multilingual text).</summary>
    private static IEnumerable<string> Properties(JsonElement def)
    {
        if (def.TryGetProperty("properties", out var p)) return p.EnumerateObject().Select(x => x.Name);
        if (def.TryGetProperty("oneOf", out var alternatives))
            return alternatives.EnumerateArray().SelectMany(Properties);
        return [];
    }

    [Fact]
    public void Every_object_the_loader_knows_is_in_a_schema_with_exactly_its_keys()
    {
        foreach (var (name, keys) in KnownKeys.All)
        {
            var defs = Definitions().Where(d => d.Name == name).ToList();
            Assert.True(defs.Count > 0, $"no schema defines '{name}'");
            foreach (var (file, _, def) in defs)
            {
                var declared = Properties(def).Order().ToArray();
                Assert.True(keys.Order().SequenceEqual(declared),
                    $"{file} '{name}': schema has [{string.Join(", ", declared)}], loader knows [{string.Join(", ", keys)}]");
            }
        }
    }

    [Fact]
    public void Every_object_in_a_schema_is_known_to_the_loader()
    {
        var objects = Definitions().Where(d => Properties(d.Def).Any()).Select(d => d.Name).Distinct();
        Assert.Empty(objects.Except(KnownKeys.All.Keys));
    }

    public static TheoryData<string> SampleFiles() => new(
        Directory.EnumerateFiles(TestPaths.Rules, "*.yaml", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(TestPaths.Rules, f)).Order());

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Schemas_accept_every_file_the_loader_accepts(string relative)
    {
        var lib = RuleLibrary.LoadDirectory(TestPaths.Rules);
        Assert.DoesNotContain(lib.Diagnostics, d => d.IsError);
        var text = File.ReadAllText(Path.Combine(TestPaths.Rules, relative));
        var root = YamlDocumentLoader.Load(relative, text, new DiagnosticBag())!;
        var schema = relative.StartsWith("catalogue") ? SchemaFiles[0] : relative.Contains("/tests/") ? SchemaFiles[2] : SchemaFiles[1];
        Assert.Empty(new MiniSchemaValidator(Schema(schema)).Validate(root));
    }

    [Fact]
    public void Schemas_accept_every_file_of_the_repository_rules_folder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NtpRules.sln"))) dir = dir.Parent;
        var rules = Path.Combine(dir!.FullName, "rules");
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(rules, "*.yaml", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(rules, file).Replace('\\', '/');
            var root = YamlDocumentLoader.Load(relative, File.ReadAllText(file), new DiagnosticBag());
            if (root is null) { problems.Add($"{relative}: does not load"); continue; }
            var schema = relative.StartsWith("catalogue/") ? SchemaFiles[0] : relative.Contains("/tests/") ? SchemaFiles[2] : SchemaFiles[1];
            problems.AddRange(new MiniSchemaValidator(Schema(schema)).Validate(root).Select(e => $"{relative}:{e}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Theory]
    [InlineData("unknown-key-root.yaml", "rule-set.schema.json", "unknown key 'titel'")]
    [InlineData("missing-id.yaml", "rule-set.schema.json", "missing 'id'")]
    [InlineData("bad-status.yaml", "rule-set.schema.json", "'activ' is not one of")]
    [InlineData("missing-citation-indicator.yaml", "rule-set.schema.json", "missing 'citation'")]
    [InlineData("effective-not-a-date.yaml", "rule-set.schema.json", "'2024-13-01' does not match")]
    [InlineData("catalogue-bad-type.yaml", "catalogue.schema.json", "'float' is not one of")]
    [InlineData("test-bad-verdict.yaml", "rule-set-test.schema.json", "'passed' is not one of")]
    public void Schemas_reject_what_the_loader_rejects_for_shape_errors(string broken, string schema, string fragment)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Corpus, "broken", broken));
        var root = YamlDocumentLoader.Load(broken, text, new DiagnosticBag())!;
        var errors = new MiniSchemaValidator(Schema(schema)).Validate(root);
        Assert.Contains(errors, e => e.Contains(fragment));
    }
}
