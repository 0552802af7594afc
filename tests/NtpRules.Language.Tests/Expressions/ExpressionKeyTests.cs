using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Tests.Expressions;

/// <summary>
/// Expressions with equal keys share one compiled delegate, so the key must tell apart everything the generated code
/// depends on, even where the text is the same.
/// </summary>
public class ExpressionKeyTests
{
    private static InMemoryScope Scope(int xSlot = 0, string? unit = "%", string definition = "x + 1", string[]? keys = null) =>
        new InMemoryScope("commune")
            .Indicator("other", ExprType.Number, slot: xSlot == 0 ? 1 : 0)
            .Indicator("x", ExprType.Number, "%", xSlot)
            .Indicator("region", ExprType.Text)
            .Parameter("p", ExprType.Number, unit, keys ?? [])
            .Definition("d", definition);

    private static string Key(string text, IExpressionScope scope) => ExpressionKey.Of(Fixtures.Check(text, scope));

    [Fact]
    public void The_same_condition_in_scopes_built_alike_has_one_key()
    {
        Assert.Equal(Key("x >= p and d > 2", Scope()), Key("x >= p and d > 2", Scope()));
        Assert.NotEqual(Key("x >= p", Scope()), Key("x > p", Scope()));
    }

    [Fact]
    public void The_same_text_reading_another_slot_unit_definition_or_table_has_another_key()
    {
        var text = "x >= p and d > 2";
        var key = Key(text, Scope());
        Assert.NotEqual(key, Key(text, Scope(xSlot: 1)));
        Assert.NotEqual(Key("p > 2 and d > 2", Scope()), Key("p > 2 and d > 2", Scope(unit: "people"))); // x >= p would now be a unit error
        Assert.NotEqual(key, Key(text, Scope(definition: "x + 2")));
        Assert.NotEqual(Key("x >= p[region]", Scope(keys: ["region"])), Key("x >= p[region]", Scope(keys: ["effective_region"])));
    }

    [Fact]
    public void Literals_that_print_alike_have_other_keys()
    {
        // Explanations print 4 decimals; the code compares the exact numbers.
        Assert.NotEqual(Key("x >= 0.00001", Scope()), Key("x >= 0.00002", Scope()));
    }

    [Fact]
    public void Any_expression_checked_in_two_scopes_built_alike_has_one_key()
    {
        // What versions of a rule set share: the same text checked against equal, but separately built, symbols.
        var limits = new ExpressionLimits(MaxDepth: 500, MaxNodes: 100_000, MaxExpandedNodes: 100_000);
        var (first, second) = (Generators.TypedScope(), Generators.TypedScope());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(Generators.Typed, ast =>
        {
            var text = ExpressionPrinter.Print(ast);
            CheckedExpression In(IExpressionScope scope) => ExpressionChecker.Check(
                ExpressionParser.Parse(text, new SourceLocation("p.yaml", 1, 1), new DiagnosticBag(), limits)!, scope, new DiagnosticBag(), limits)!;
            Assert.Equal(ExpressionKey.Of(In(first)), ExpressionKey.Of(In(second)));
        }));
    }
}
