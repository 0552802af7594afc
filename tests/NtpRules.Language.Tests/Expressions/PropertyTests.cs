using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Explain;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Tests.Expressions;

public class PropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Parse_of_print_gives_back_the_same_tree()
    {
        Check.One(Runs, Prop.ForAll(Generators.AnySyntax, ast =>
        {
            var text = ExpressionPrinter.Print(ast);
            var bag = new DiagnosticBag();
            var parsed = ExpressionParser.Parse(text, new SourceLocation("p.yaml", 1, 1), bag, new ExpressionLimits(MaxDepth: 500, MaxNodes: 100_000));
            Assert.True(parsed is not null, $"{text}\n{string.Join("\n", bag)}");
            Assert.True(SyntaxEquivalence.AreEquivalent(ast, parsed), $"{text}\nreprinted: {ExpressionPrinter.Print(parsed!)}");
        }));
    }

    [Fact]
    public void Printing_is_stable()
    {
        Check.One(Runs, Prop.ForAll(Generators.AnySyntax, ast =>
        {
            var text = ExpressionPrinter.Print(ast);
            var again = ExpressionPrinter.Print(ExpressionParser.Parse(text, new SourceLocation("p.yaml", 1, 1), new DiagnosticBag(),
                new ExpressionLimits(MaxDepth: 500, MaxNodes: 100_000))!);
            Assert.Equal(text, again);
        }));
    }

    [Fact]
    public void Any_text_gives_a_tree_or_diagnostics_never_an_exception()
    {
        // Fragments of the language and of typical mistakes, glued at random.
        var pieces = Gen.Elements("a", "region", "income_min", "(", ")", "[", "]", ",", "'", "\"", "'DBSH'", "1", "80%", ".5", "1e3",
            "+", "-", "*", "/", "%", "==", "=", "!=", "<", ">=", "and", "or", "not", "in", "if", "then", "else", "true",
            "min(", "count(household,", "date('2024-02-30')", "met('x')", "\n", " ", "#", "&&", "é");
        var texts = Gen.ListOf(pieces).Select(p => string.Join(" ", p)).ToArbitrary();
        var scope = Fixtures.Commune();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(texts, text =>
        {
            var bag = new DiagnosticBag();
            var parsed = ExpressionParser.Parse(text, new SourceLocation("f.yaml", 2, 9), bag);
            Assert.True(parsed is not null != bag.HasErrors, text);
            Assert.All(bag, d => Assert.True(d.Location.Line >= 2 && d.Location.Column >= 9, d.ToString()));
            if (parsed is null) return;
            var checkedExpr = ExpressionChecker.Check(parsed, scope, bag);
            Assert.True(checkedExpr is not null != bag.HasErrors, text);
        }));
    }

    [Fact]
    public void Compiled_delegate_agrees_with_the_interpreter_on_random_inputs()
    {
        var scope = Generators.TypedScope();
        var inputs = Gen.Choose(0, int.MaxValue).ToArbitrary();
        Check.One(Runs, Prop.ForAll(Generators.Typed, inputs, (ast, seed) =>
        {
            var bag = new DiagnosticBag();
            var checkedExpr = ExpressionChecker.Check(ast, scope, bag, new ExpressionLimits(MaxDepth: 500, MaxNodes: 100_000, MaxExpandedNodes: 100_000));
            Assert.True(checkedExpr is not null, $"{ast}\n{string.Join("\n", bag)}");
            var compiled = checkedExpr!.Compile();
            var explainer = checkedExpr.Type.Kind == TypeKind.Boolean ? new ExplanationBuilder(checkedExpr) : null;
            var random = new Random(seed);
            for (var i = 0; i < 8; i++)
            {
                var ctx = RandomContext(scope, random);
                var expected = checkedExpr.Evaluate(ctx);
                Assert.True(expected == compiled.Evaluate(ctx), $"{ast}: interpreter {expected}, compiled {compiled.Evaluate(ctx)}");
                Assert.True(expected == compiled.Evaluate(ctx, new ExpressionTrace()), $"{ast}: traced compiled differs");
                if (explainer is null) continue;
                var explanation = explainer.Explain(ctx, "x", "x", "c");
                Assert.Equal(expected.AsTruth.ToVerdict(), explanation.Verdict);
                Assert.False(string.IsNullOrWhiteSpace(explanation.Reason));
            }
        }));
    }

    /// <summary>Random values for every indicator (about a fifth missing), parameters, children and standards.</summary>
    private static TestContext RandomContext(InMemoryScope scope, Random random)
    {
        object? Maybe(object v) => random.Next(5) == 0 ? null : v;
        double Number() => random.Next(4) switch { 0 => 0, 1 => random.Next(-3, 4), 2 => random.Next(0, 200) / 4.0, _ => random.NextDouble() * 100 };
        var ctx = new TestContext(scope, DateOnly.FromDayNumber(random.Next(700_000, 760_000)));
        foreach (var n in new[] { "n1", "n2", "n3" }) ctx.Set(n, Maybe(Number()));
        ctx.Set("i1", Maybe((double)random.Next(-5, 6)));
        foreach (var b in new[] { "b1", "b2", "b3" }) ctx.Set(b, Maybe(random.Next(2) == 0));
        ctx.Set("t1", Maybe(random.Next(2) == 0 ? "x" : "y"));
        ctx.Set("e1", Maybe(new[] { "A", "B", "C" }[random.Next(3)]));
        ctx.Set("d1", Maybe(DateOnly.FromDayNumber(random.Next(0, 3_000_000))));
        var table = new Dictionary<string, double> { ["A"] = Number(), ["B"] = Number() };
        ctx.Param("p", k => table.TryGetValue(k[0].AsText ?? "", out var v) ? v : null);
        ctx.Param("q", Maybe(Number()));
        ctx.Meets("std", (Truth)random.Next(3)).CriteriaMetCount("std", random.Next(20));
        var child = (IExpressionScope)scope.Child("child")!;
        for (var i = random.Next(4); i > 0; i--)
            ctx.Child("child", new TestContext(child).Set("cn", random.Next(8) == 0 ? null : Number()).Set("cb", random.Next(8) == 0 ? null : random.Next(2) == 0));
        return ctx;
    }
}
