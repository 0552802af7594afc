using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Tests.Expressions;

public class ParserTests
{
    private static Expr Parse(string text)
    {
        var bag = new DiagnosticBag();
        var e = ExpressionParser.Parse(text, new SourceLocation("r.yaml", 3, 16), bag);
        Assert.True(e is not null, string.Join("\n", bag));
        return e!;
    }

    private static List<Diagnostic> SyntaxErrors(string text, ExpressionLimits? limits = null)
    {
        var bag = new DiagnosticBag();
        var e = ExpressionParser.Parse(text, new SourceLocation("r.yaml", 3, 16), bag, limits);
        Assert.Null(e);
        Assert.True(bag.HasErrors);
        return bag.ToList().ToList();
    }

    [Theory]
    [InlineData("irrigated_land_pct >= irrigation_min", "irrigated_land_pct >= irrigation_min")]
    [InlineData("a+b*c", "a + b * c")]
    [InlineData("(a + b) * c", "(a + b) * c")]
    [InlineData("a - (b - c)", "a - (b - c)")]
    [InlineData("(a - b) - c", "a - b - c")]
    [InlineData("not a and b or c", "not a and b or c")]
    [InlineData("not (a and b)", "not (a and b)")]
    [InlineData("a or b and c", "a or b and c")]
    [InlineData("(a or b) and c", "(a or b) and c")]
    [InlineData("not x == 3", "not x == 3")]
    [InlineData("-x * 2", "-x * 2")]
    [InlineData("-(x * 2)", "-(x * 2)")]
    [InlineData("80%", "80%")]
    [InlineData("12.50", "12.5")]
    [InlineData("\"urban\"", "'urban'")]
    [InlineData("'it\\'s'", "'it\\'s'")]
    [InlineData("date('2026-02-15')", "date('2026-02-15')")]
    [InlineData("income_min[effective_region][year]", "income_min[effective_region][year]")]
    [InlineData("region in ['DBSH','DNB']", "region in ['DBSH', 'DNB']")]
    [InlineData("if a then 1 else 2", "if a then 1 else 2")]
    [InlineData("(if a then 1 else 2) + 3", "(if a then 1 else 2) + 3")]
    [InlineData("1 + if a then 1 else 2", "1 + (if a then 1 else 2)")]
    [InlineData("if a then if b then 1 else 2 else 3", "if a then if b then 1 else 2 else 3")]
    [InlineData("min(a, b, 3)", "min(a, b, 3)")]
    [InlineData("count(household, poverty_status == 'poor')", "count(household, poverty_status == 'poor')")]
    [InlineData("met('ntm-commune')", "met('ntm-commune')")]
    [InlineData("(a == b) == c", "(a == b) == c")]
    [InlineData("1e-05 < x", "1E-05 < x")]
    public void Parses_and_prints_canonically(string text, string canonical)
    {
        var e = Parse(text);
        Assert.Equal(canonical, ExpressionPrinter.Print(e));
        Assert.True(SyntaxEquivalence.AreEquivalent(e, Parse(canonical)));
    }

    [Fact]
    public void Builds_the_tree_with_precedence_and_spans()
    {
        var e = Parse("x >= 80% and not y");
        var and = Assert.IsType<BinaryExpr>(e);
        Assert.Equal(BinaryOperator.And, and.Operator);
        var cmp = Assert.IsType<BinaryExpr>(and.Left);
        Assert.Equal(BinaryOperator.GreaterOrEqual, cmp.Operator);
        var pct = Assert.IsType<NumberLiteral>(cmp.Right);
        Assert.True(pct.IsPercent);
        Assert.Equal(80, pct.Value);
        Assert.Equal(new TextSpan(5, 3), pct.Span);
        var not = Assert.IsType<UnaryExpr>(and.Right);
        Assert.Equal(new TextSpan(13, 5), not.Span);
        Assert.Equal(new TextSpan(0, 18), and.Span);
    }

    [Fact]
    public void Lookup_keeps_its_keys_in_order()
    {
        var l = Assert.IsType<LookupExpr>(Parse("income_min[region][2024]"));
        Assert.Equal("income_min", l.Parameter.Name);
        Assert.Equal(2, l.Keys.Count);
        Assert.Equal("region", Assert.IsType<NameExpr>(l.Keys[0]).Name);
        Assert.Equal(2024, Assert.IsType<NumberLiteral>(l.Keys[1]).Value);
    }

    [Theory]
    [InlineData("min(a, b", "expected ')' after arguments of 'min', found the end of the expression", 8)]
    [InlineData("(a + b", "expected ')' to close the '(' at column 16, found the end of the expression", 6)]
    [InlineData("a >= ", "expected a value, found the end of the expression", 5)]
    [InlineData("a b", "unexpected 'b' after the end of the expression", 2)]
    [InlineData("a = 3", "unexpected '='", 2)]
    [InlineData("a && b", "unexpected '&&'", 2)]
    [InlineData("a < b < c", "comparisons cannot be chained: unexpected '<'", 6)]
    [InlineData("'abc", "unterminated string", 0)]
    [InlineData("a # b", "unexpected character '#'", 2)]
    [InlineData("if a then b", "expected 'else' after the 'then' branch, found the end of the expression", 11)]
    [InlineData("if a b else c", "expected 'then' after the condition of 'if', found 'b'", 5)]
    [InlineData("region in 'DBSH'", "expected '[' after 'in', found string 'DBSH'", 10)]
    [InlineData("region in []", "the list after 'in' is empty", 11)]
    [InlineData("x[1", "expected ']' after the key of 'x', found the end of the expression", 3)]
    [InlineData("date('2026-13-01')", "'2026-13-01' is not a date", 5)]
    [InlineData("date(x)", "date(…) takes one date in quotes", 0)]
    [InlineData("a % b", "'%' may only follow a number, as in 80%", 2)]
    [InlineData("", "expected an expression", 0)]
    [InlineData("a + * b", "expected a value, found '*'", 4)]
    [InlineData("f(1)[2]", "only a parameter can be looked up with [ ]", 4)]
    public void Syntax_errors_say_what_was_expected_and_where(string text, string message, int offset)
    {
        var d = SyntaxErrors(text)[0];
        Assert.Equal(ExpressionCodes.Syntax, d.Code);
        Assert.Equal(message, d.Message);
        Assert.Equal(new SourceLocation("r.yaml", 3, 16 + offset), d.Location);
    }

    [Fact]
    public void Hints_suggest_the_right_operator()
    {
        Assert.Equal("use '==' to compare", SyntaxErrors("a = 3")[0].Hint);
        Assert.Equal("use 'and'", SyntaxErrors("a && b")[0].Hint);
        Assert.Equal("combine comparisons with 'and'", SyntaxErrors("0 < a < 3")[0].Hint);
    }

    [Theory]
    [InlineData("a in [1] in [2]")]
    [InlineData("a == b == c")]
    public void A_chained_comparison_is_one_error(string text) =>
        Assert.Equal("combine comparisons with 'and'", Assert.Single(SyntaxErrors(text)).Hint);

    [Fact]
    public void Recovers_to_report_several_errors_in_one_expression()
    {
        var errors = SyntaxErrors("min(a, # ) + (b * ) + c $");
        Assert.True(errors.Count >= 3, string.Join("\n", errors));
        Assert.All(errors, d => Assert.Equal("r.yaml", d.Location.File));
        Assert.Equal(errors.Count, errors.Select(d => d.Location.Column).Distinct().Count());
    }

    [Fact]
    public void Errors_on_later_lines_of_a_multi_line_scalar_count_lines_from_the_origin()
    {
        var d = SyntaxErrors("a >= 1 and\n  b >= )")[0];
        Assert.Equal(new SourceLocation("r.yaml", 4, 16 + 7), d.Location);
    }

    [Fact]
    public void Too_deep_nesting_is_a_diagnostic_not_a_stack_overflow()
    {
        var text = new string('(', 3000) + "1" + new string(')', 3000);
        var d = Assert.Single(SyntaxErrors(text));
        Assert.Equal(ExpressionCodes.TooDeep, d.Code);
        var chain = string.Join(" + ", Enumerable.Repeat("x", 100));
        Assert.Equal(ExpressionCodes.TooDeep, Assert.Single(SyntaxErrors(chain)).Code);
        var nots = string.Concat(Enumerable.Repeat("not ", 100_000)) + "x";
        Assert.Equal(ExpressionCodes.TooDeep, Assert.Single(SyntaxErrors(nots, new ExpressionLimits(MaxTextLength: 1_000_000))).Code);
    }

    [Fact]
    public void Too_many_nodes_or_characters_are_diagnostics()
    {
        var wide = "min(" + string.Join(", ", Enumerable.Repeat("x", 1500)) + ")";
        var d = Assert.Single(SyntaxErrors(wide));
        Assert.Equal(ExpressionCodes.TooLarge, d.Code);
        Assert.Contains("1501 nodes", d.Message);
        var longText = new string('x', 20_000);
        Assert.Contains("too long", Assert.Single(SyntaxErrors(longText)).Message);
    }

    [Fact]
    public void Nested_within_limits_parses()
    {
        var text = new string('(', 60) + "1" + new string(')', 60);
        Assert.IsType<NumberLiteral>(Parse(text));
        Assert.Equal(50, Parse(string.Join(" + ", Enumerable.Repeat("x", 50))).Height);
    }
}
