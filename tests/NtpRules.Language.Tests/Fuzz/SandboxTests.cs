using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Expressions;
using NtpRules.Language.Library;

namespace NtpRules.Language.Tests.Fuzz;

/// <summary>
/// Expressions are a closed language: names resolve only to indicators, parameters and definitions of the rule set,
/// calls only to the whitelisted functions, and there is no member access. Text naming .NET types, reflection or IO
/// is turned down when the rule file loads, with its file, line, column and code. The cost of evaluating one subject
/// is bounded by the expression limits and by the depth of the subject hierarchy.
/// </summary>
public sealed class SandboxTests
{
    private const string File = "rules/demo/v1.yaml";

    private static IReadOnlyList<Diagnostic> LoadErrors(string definitions, string condition = "irrigated_land_pct >= 0")
    {
        var yaml = TestYaml.Header + $"""
            definitions:
            {definitions}
            criteria:
              - id: c1
                name: One
                citation: Decision 1, art. 1
                indicators:
                  - id: "1.1"
                    condition: {condition}
                    citation: Decision 1, art. 1.1
            """;
        var catalogue = Directory.EnumerateFiles(Path.Combine(TestPaths.Rules, "catalogue"), "*.yaml").Order()
            .Select(f => new SourceFile(f, System.IO.File.ReadAllText(f)));
        var library = RuleLibrary.Load(catalogue, [(null, new SourceFile(File, yaml))], []);
        // The sample catalogue names a classification of another rule set; only this file's errors matter here.
        return library.Diagnostics.Where(d => d.IsError && d.Location.File == File).ToList();
    }

    private static string Definition(string expr) => $"""
          - id: attempt
            expr: '{expr.Replace("'", "''")}'
            citation: none
        """;

    [Theory]
    [InlineData("System.IO.File.Delete(\"x\")", ExpressionCodes.Syntax, "System", 6, "unexpected character '.'")]
    [InlineData("File.Delete('x')", ExpressionCodes.Syntax, "File", 4, "unexpected character '.'")]
    [InlineData("typeof(System.IO.File)", ExpressionCodes.Syntax, "typeof", 13, "unexpected character '.'")]
    [InlineData("typeof(x)", ExpressionCodes.UnknownFunction, "typeof", 0, "'typeof'")]
    [InlineData("GetType()", ExpressionCodes.UnknownFunction, "GetType", 0, "'GetType'")]
    [InlineData("irrigated_land_pct.GetType()", ExpressionCodes.Syntax, "irrigated", 18, "unexpected character '.'")]
    [InlineData("Type.GetType('System.IO.File')", ExpressionCodes.Syntax, "Type", 4, "unexpected character '.'")]
    [InlineData("Activator.CreateInstance('System.Diagnostics.Process')", ExpressionCodes.Syntax, "Activator", 9, "unexpected character '.'")]
    [InlineData("Delete('x')", ExpressionCodes.UnknownFunction, "Delete", 0, "'Delete'")]
    [InlineData("new FileInfo('x')", ExpressionCodes.Syntax, "new", 4, "after the end of the expression")]
    [InlineData("`rm -rf /`", ExpressionCodes.Syntax, "`", 0, "unexpected character '`'")]
    [InlineData("@\"x\"", ExpressionCodes.Syntax, "@", 0, "unexpected character '@'")]
    public void Expression_text_naming_types_reflection_or_IO_is_turned_down_at_load(string expr, string code, string anchor, int offset, string says)
    {
        var errors = LoadErrors(Definition(expr));
        var e = errors.First();
        Assert.True(code == e.Code, string.Join("\n", errors));
        Assert.Contains(says, e.Message);
        // Located in the rule file at the offending character: the line of 'expr:' and the column of the token.
        var lines = (TestYaml.Header + "definitions:\n" + Definition(expr)).Split('\n');
        var line = Array.FindIndex(lines, l => l.TrimStart().StartsWith("expr:")) + 1;
        var column = lines[line - 1].IndexOf(anchor.Replace("'", "''"), StringComparison.Ordinal) + 1 + offset;
        Assert.Equal((File, line, column), (e.Location.File, e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void A_definition_chain_that_doubles_at_each_step_is_turned_down_by_the_expanded_size()
    {
        // d20 written out would be 2^20 terms; binding stops once 20,000 nodes are counted.
        var definitions = string.Join("\n", Enumerable.Range(0, 21).Select(i => $"""
              - id: d{i}
                expr: {(i == 0 ? "irrigated_land_pct" : $"d{i - 1} + d{i - 1}")}
                citation: none
            """));
        var errors = LoadErrors(definitions, "d20 >= 0");
        var e = Assert.Single(errors);
        Assert.Equal(ExpressionCodes.TooLarge, e.Code);
        Assert.Contains("more than 20000 nodes", e.Message);
        Assert.Equal(File, e.Location.File);
        Assert.True(e.Location.Line > 0);
    }

    [Theory]
    [InlineData("count(household, count(household, true)) > 0")]
    [InlineData("sum(household, sum(household, income_per_person)) > 0")]
    public void Aggregates_nest_no_deeper_than_the_subject_hierarchy(string condition)
    {
        // A commune's households have no households under them: each aggregate level must go one kind down, and the
        // catalogue refuses cycles of parents, so the work per subject stays proportional to its descendants.
        var e = Assert.Single(LoadErrors("  []", condition));
        Assert.Equal(ExpressionCodes.NotChildKind, e.Code);
        Assert.Contains("'household' is not a kind of subject under household", e.Message);
        Assert.Equal(File, e.Location.File);
    }
}
