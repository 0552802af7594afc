using System.Diagnostics;
using System.Text;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Syntax;
using NtpRules.Language.Library;
using NtpRules.Language.Yaml;

namespace NtpRules.Language.Tests.Fuzz;

/// <summary>
/// Hostile rule files with the default limits: each is turned down with a located error, quickly (well under the
/// fuzzer's 2 s) and with allocations that do not grow with what the file asks for.
/// </summary>
public sealed class RuleLimitTests
{
    private static (Diagnostic Error, long Allocated, TimeSpan Took) Measure(Func<IEnumerable<Diagnostic>> load)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var errors = load().Where(d => d.IsError).ToList();
        clock.Stop();
        return (Assert.Single(errors), GC.GetAllocatedBytesForCurrentThread() - before, clock.Elapsed);
    }

    private static IEnumerable<Diagnostic> LoadYaml(string text)
    {
        var bag = new DiagnosticBag();
        YamlDocumentLoader.Load("bomb.yaml", text, bag);
        return bag;
    }

    [Fact]
    public void A_billion_laughs_alias_bomb_stops_at_the_alias_that_passes_the_node_limit()
    {
        // Nine levels of nine aliases each: 9^9 (387 million) strings if expanded.
        var sb = new StringBuilder("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
            sb.Append($"{level}: &{level} [{string.Join(", ", Enumerable.Repeat($"*{(char)(level - 1)}", 9))}]\n");
        var (e, allocated, took) = Measure(() => LoadYaml(sb.ToString()));
        Assert.Equal(DiagnosticCodes.AliasLimit, e.Code);
        Assert.Equal("bomb.yaml", e.Location.File);
        Assert.Equal(6, e.Location.Line);   // the fourth '*e' (9^4 = 6,561 nodes each, counted with what 'e' holds) passes 200,000
        Assert.True(allocated < 4 << 20, $"allocated {allocated / 1024} KB");
        Assert.True(took < TimeSpan.FromSeconds(2), $"took {took}");
    }

    [Fact]
    public void Sixty_five_aliases_are_turned_down_however_small()
    {
        var text = "a: &a x\nb: [" + string.Join(", ", Enumerable.Repeat("*a", 65)) + "]\n";
        var (e, _, _) = Measure(() => LoadYaml(text));
        Assert.Equal((DiagnosticCodes.AliasLimit, 2), (e.Code, e.Location.Line));
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void Nesting_10000_deep_stops_at_the_33rd_level(string open, string close)
    {
        var text = "a: " + string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000));
        if (open == "- ") text = string.Concat(Enumerable.Repeat(open, 10_000)) + "1";
        var (e, allocated, took) = Measure(() => LoadYaml(text));
        Assert.Equal((DiagnosticCodes.TooDeep, "bomb.yaml", 1), (e.Code, e.Location.File, e.Location.Line));
        Assert.True(allocated < 16 << 20, $"allocated {allocated / 1024} KB");
        Assert.True(took < TimeSpan.FromSeconds(2), $"took {took}");
    }

    [Fact]
    public void A_50_MB_rule_file_is_turned_down_without_being_read()
    {
        var root = Directory.CreateTempSubdirectory("ntp-rules-").FullName;
        try
        {
            var rules = Path.Combine(root, "rules");
            Directory.CreateDirectory(Path.Combine(rules, "huge"));
            using (var f = File.Create(Path.Combine(rules, "huge", "2026.yaml")))
            {
                var line = Encoding.UTF8.GetBytes("# " + new string('x', 1021) + "\n");
                for (var i = 0; i < 50 * 1024; i++) f.Write(line);
            }
            var (e, allocated, took) = Measure(() => RuleLibrary.LoadDirectory(rules).Diagnostics);
            Assert.Equal((DiagnosticCodes.DocumentTooLarge, "rules/huge/2026.yaml", 1, 1), (e.Code, e.Location.File, e.Location.Line, e.Location.Column));
            Assert.Contains("52,428,800 bytes", e.Message);
            Assert.True(allocated < 8 << 20, $"allocated {allocated / 1024} KB");
            Assert.True(took < TimeSpan.FromSeconds(2), $"took {took}");
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void A_rule_text_over_two_million_characters_is_turned_down_before_parsing()
    {
        var text = "a: " + new string('x', 2_000_000);
        var (e, allocated, _) = Measure(() => LoadYaml(text));
        Assert.Equal((DiagnosticCodes.DocumentTooLarge, 1, 1), (e.Code, e.Location.Line, e.Location.Column));
        Assert.True(allocated < 1 << 20, $"allocated {allocated / 1024} KB");
    }

    [Fact]
    public void A_10000_term_expression_is_turned_down_by_length_depth_or_node_count()
    {
        var origin = new SourceLocation("rules/demo/v1.yaml", 12, 11);
        var lifted = ExpressionLimits.Default with { MaxTextLength = 1_000_000 };
        (Diagnostic Error, long Allocated, TimeSpan Took) Parse(string text, ExpressionLimits? limits = null) =>
            Measure(() => { var bag = new DiagnosticBag(); ExpressionParser.Parse(text, origin, bag, limits); return bag; });

        var sum = string.Join(" + ", Enumerable.Repeat("x", 10_000));
        var (byLength, _, _) = Parse(sum);
        Assert.Equal((ExpressionCodes.TooLarge, origin), (byLength.Code, byLength.Location));
        Assert.Contains("39997 characters", byLength.Message);

        // With the length limit lifted, a chain of sums is refused for its depth (each '+' nests the sum before it)…
        var (byDepth, _, _) = Parse(sum, lifted);
        Assert.Equal((ExpressionCodes.TooDeep, origin), (byDepth.Code, byDepth.Location));

        // …and a flat list of 10,000 arguments for its size.
        var (byNodes, allocated, took) = Parse("min(" + string.Join(", ", Enumerable.Repeat("x", 10_000)) + ")", lifted);
        Assert.Equal((ExpressionCodes.TooLarge, origin), (byNodes.Code, byNodes.Location));
        Assert.Contains("10001 nodes; the limit is 1000", byNodes.Message);
        Assert.True(allocated < 16 << 20, $"allocated {allocated / 1024} KB");
        Assert.True(took < TimeSpan.FromSeconds(2), $"took {took}");
    }

    [Fact]
    public void An_expression_nested_10000_deep_stops_at_64_levels()
    {
        var text = new string('(', 10_000) + "1" + new string(')', 10_000);
        var (e, _, _) = Measure(() =>
        {
            var bag = new DiagnosticBag();
            ExpressionParser.Parse(text, new SourceLocation("rules/demo/v1.yaml", 3, 11), bag, ExpressionLimits.Default with { MaxTextLength = 100_000 });
            return bag;
        });
        Assert.Equal((ExpressionCodes.TooDeep, 3), (e.Code, e.Location.Line));
    }
}
