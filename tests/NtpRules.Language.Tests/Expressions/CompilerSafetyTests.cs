using System.Linq.Expressions;
using System.Reflection;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Language.Tests.Expressions;

/// <summary>
/// Rule files are data: the code generated from them may only call the language's own helpers (which alone touch the
/// evaluation context) and read <see cref="Value"/> properties.
/// </summary>
public class CompilerSafetyTests
{
    private static readonly string RuntimeType = "NtpRules.Language.Expressions.Evaluation.Runtime";

    private sealed class Inspector : ExpressionVisitor
    {
        public List<string> Violations { get; } = new();
        public int Calls { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            Calls++;
            var type = node.Method.DeclaringType!;
            if (type.FullName != RuntimeType) Violations.Add($"call {type.Name}.{node.Method.Name}");
            return base.VisitMethodCall(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Member is PropertyInfo p && p.DeclaringType != typeof(Value)) Violations.Add($"property {p.DeclaringType!.Name}.{p.Name}");
            return base.VisitMember(node);
        }

        protected override Expression VisitLoop(LoopExpression node)
        {
            Violations.Add("loop");
            return base.VisitLoop(node);
        }

        protected override Expression VisitInvocation(InvocationExpression node)
        {
            Violations.Add("invocation");
            return base.VisitInvocation(node);
        }

        protected override Expression VisitNew(NewExpression node)
        {
            Violations.Add($"new {node.Type.Name}");
            return base.VisitNew(node);
        }
    }

    [Theory]
    [InlineData("income_per_capita >= income_min[effective_region][year] and region in ['DBSH', 'DNB'] or not has_craft_village")]
    [InlineData("share(household, poverty_status == 'poor') <= 10 and count(household) > 0 and avg(household, income_per_person) > 1")]
    [InlineData("coalesce(irrigated_land_pct, 0) / max(population, 1) * 100 > round(abs(-3.5), 1) and known(recognised_on)")]
    [InlineData("year(recognised_on) < year and met('ntm-commune') and criteria_met('ntm-advanced') >= count_true(true, has_craft_village)")]
    [InlineData("if especially_difficult then baseline(irrigated_land_pct) > 3 else commune_name == 'Tân Lập'")]
    public void Generated_code_calls_only_the_runtime_helpers(string text)
    {
        var body = ExpressionCompiler.Body(Fixtures.Check(text));
        var inspector = new Inspector();
        inspector.Visit(body);
        Assert.Empty(inspector.Violations);
        Assert.True(inspector.Calls > 3);
    }

    [Fact]
    public void Runtime_helpers_are_not_inlined_into_generated_code()
    {
        // Inlining them into every delegate more than doubled the JIT time of compiling a rule library (bench/README.md).
        var helpers = typeof(Runtime).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.DeclaringType == typeof(Runtime)).ToArray();
        Assert.NotEmpty(helpers);
        Assert.All(helpers, m => Assert.True(m.MethodImplementationFlags.HasFlag(MethodImplAttributes.NoInlining), $"{m.Name} may be inlined"));
    }

    [Fact]
    public void Names_in_rule_text_never_reach_reflection()
    {
        // A rule author writing a .NET type or method name gets an ordinary "unknown" diagnostic.
        foreach (var text in new[] { "System.IO.File.Delete('x')", "GetType()", "typeof(x)", "Environment.Exit(1)" })
            Assert.NotEmpty(Fixtures.Errors(text));
    }
}
