using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Yaml;

namespace NtpRules.Language.Tests.Yaml;

public class YamlDocumentLoaderTests
{
    private static (YamlNode? Root, IReadOnlyList<Diagnostic> Diagnostics) Load(string text, YamlLimits? limits = null)
    {
        var bag = new DiagnosticBag();
        return (YamlDocumentLoader.Load("f.yaml", text, bag, limits), bag.ToList());
    }

    [Fact]
    public void Every_node_and_key_keeps_its_line_and_column()
    {
        var (root, diags) = Load("a: 1\nlist:\n  - { x: 'q', y: [1, 2] }\n  - |\n    block\n");
        Assert.Empty(diags);
        var m = Assert.IsType<YamlMapping>(root);
        Assert.Equal((2, 1), (m.KeyOf("list")!.Location.Line, m.KeyOf("list")!.Location.Column));
        var list = Assert.IsType<YamlSequence>(m["list"]);
        var flow = Assert.IsType<YamlMapping>(list.Items[0]);
        Assert.Equal((3, 5), (flow.Location.Line, flow.Location.Column));
        var q = Assert.IsType<YamlScalar>(flow["x"]);
        Assert.Equal(("q", ScalarStyle.Quoted, 3, 10, 11), (q.Value, q.Style, q.Location.Line, q.Location.Column, q.TextLocation.Column));
        Assert.Equal((3, 18), (flow["y"]!.Location.Line, flow["y"]!.Location.Column));
        var block = Assert.IsType<YamlScalar>(list.Items[1]);
        Assert.Equal(("block\n", ScalarStyle.Block), (block.Value, block.Style));
        Assert.Equal((5, 5), (block.TextLocation.Line, block.TextLocation.Column));   // the text, not the '|'
        Assert.Equal((3, 7), (flow.KeyOf("x")!.Location.Line, flow.KeyOf("x")!.Location.Column));
    }

    [Theory]
    [InlineData("x:", true)]
    [InlineData("x: ~", true)]
    [InlineData("x: null", true)]
    [InlineData("x: 'null'", false)]
    [InlineData("x: \"\"", false)]
    [InlineData("x: 0", false)]
    public void Only_plain_null_spellings_are_null(string text, bool isNull) =>
        Assert.Equal(isNull, ((YamlScalar)((YamlMapping)Load(text).Root!)["x"]!).IsNull);

    [Fact]
    public void A_file_over_the_size_limit_is_rejected_before_parsing()
    {
        var (root, diags) = Load("a: " + new string('x', 200), YamlLimits.Default with { MaxChars = 100 });
        Assert.Null(root);
        var d = Assert.Single(diags);
        Assert.Equal((DiagnosticCodes.DocumentTooLarge, 1, 1), (d.Code, d.Location.Line, d.Location.Column));
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Nesting_up_to_the_depth_limit_loads_and_one_more_level_fails_at_that_level(int depth, bool loads)
    {
        var text = "root: " + new string('[', depth - 1) + new string(']', depth - 1);
        var (root, diags) = Load(text, YamlLimits.Default with { MaxDepth = 4 });
        Assert.Equal(loads, root is not null);
        if (!loads)
        {
            var d = Assert.Single(diags);
            Assert.Equal((DiagnosticCodes.TooDeep, 1, 6 + 4), (d.Code, d.Location.Line, d.Location.Column));
        }
    }

    [Fact]
    public void Aliases_share_the_anchored_node_and_count_its_size()
    {
        var (root, diags) = Load("base: &b { x: 1, y: 2 }\ncopy: *b\n");
        Assert.Empty(diags);
        var m = (YamlMapping)root!;
        Assert.Same(m["base"], m["copy"]);

        var (_, tooBig) = Load("base: &b [1, 2, 3, 4, 5]\na: *b\nb: *b\n", YamlLimits.Default with { MaxNodes = 16 });
        var d = Assert.Single(tooBig);
        Assert.Equal((DiagnosticCodes.AliasLimit, 3, 4), (d.Code, d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void Billion_laughs_fails_fast_at_the_first_alias_over_the_limit()
    {
        var sb = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
            sb.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        var (root, diags) = Load(sb.ToString());
        Assert.Null(root);
        var d = Assert.Single(diags);
        Assert.Equal(DiagnosticCodes.AliasLimit, d.Code);
        Assert.Equal(6, d.Location.Line);   // l5 is the first level past 200 000 nodes
    }

    [Fact]
    public void Duplicate_keys_are_reported_at_the_second_key_and_loading_goes_on()
    {
        var (root, diags) = Load("a: 1\nb: 2\na: 3\n");
        Assert.NotNull(root);
        var d = Assert.Single(diags);
        Assert.Equal((DiagnosticCodes.DuplicateKey, 3, 1), (d.Code, d.Location.Line, d.Location.Column));
        Assert.Equal("1", ((YamlScalar)((YamlMapping)root!)["a"]!).Value);
    }

    // Random documents: nested mappings of plain scalars written one key per line with a known indentation.
    private sealed record Tree(string Key, string? Value, Tree[] Children);

    private static Gen<Tree> TreeGen(int depth) =>
        from key in Gen.Elements("id", "name", "value", "citation", "effective", "from", "to", "kind").Select(k => k)
        from suffix in Gen.Choose(0, 99)
        from leaf in depth == 0 ? Gen.Constant(true) : Gen.Elements(true, true, false)
        from value in Gen.Elements("1", "abc", "2024-01-01", "x y", "3.5")
        from children in leaf ? Gen.Constant(Array.Empty<Tree>()) : TreeGen(depth - 1).ArrayOf().Select(a => a.Take(4).ToArray())
        select new Tree($"{key}_{suffix}", leaf || children.Length == 0 ? value : null, children);

    private static void Write(Tree t, int indent, StringBuilder sb, List<(Tree Tree, int Line, int Column)> where)
    {
        where.Add((t, sb.ToString().Count(c => c == '\n') + 1, indent + 1));
        sb.Append(' ', indent).Append(t.Key).Append(':');
        if (t.Value is not null) { sb.Append(' ').Append(t.Value).Append('\n'); return; }
        sb.Append('\n');
        foreach (var c in t.Children.DistinctBy(c => c.Key)) Write(c, indent + 2, sb, where);
    }

    [Fact]
    public void Loaded_keys_and_values_sit_where_they_were_written()
    {
        Prop.ForAll(TreeGen(3).ArrayOf().Select(a => a.DistinctBy(t => t.Key).Take(5).ToArray()).Where(a => a.Length > 0).ToArbitrary(), trees =>
        {
            var sb = new StringBuilder();
            var where = new List<(Tree Tree, int Line, int Column)>();
            foreach (var t in trees) Write(t, 0, sb, where);
            var (root, diags) = Load(sb.ToString());
            if (diags.Count > 0 || root is not YamlMapping m) return false;
            bool Check(YamlMapping map, Tree t)
            {
                var key = map.KeyOf(t.Key);
                var at = where.First(w => ReferenceEquals(w.Tree, t));
                if (key is null || key.Location.Line != at.Line || key.Location.Column != at.Column) return false;
                return t.Value is not null
                    ? map[t.Key] is YamlScalar s && s.Value == t.Value
                    : map[t.Key] is YamlMapping child && t.Children.DistinctBy(c => c.Key).All(c => Check(child, c));
            }
            return trees.All(t => Check(m, t));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }
}
