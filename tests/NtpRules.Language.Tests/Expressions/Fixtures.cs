using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Tests.Expressions;

/// <summary>A commune scope with households, shaped like the new-rural rule set.</summary>
internal static class Fixtures
{
    public static readonly string[] Regions = ["TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL"];

    public static InMemoryScope Household() => new InMemoryScope("household")
        .Indicator("income_per_person", ExprType.Number, "VND/person/month")
        .Indicator("deprivation_count", ExprType.Integer)
        .Indicator("area", ExprType.Enum(["rural", "urban"]))
        .Indicator("poverty_status", ExprType.Enum(["poor", "near-poor", "middle-income", "none"]))
        .Indicator("has_clean_water", ExprType.Boolean)
        .Parameter("poverty_line", ExprType.Number, "VND/person/month", "area");

    public static InMemoryScope Commune() => new InMemoryScope("commune")
        .Indicator("region", ExprType.Enum(Regions))
        .Indicator("irrigated_land_pct", ExprType.Number, "%")
        .Indicator("disaster_4_on_the_spot", ExprType.Boolean)
        .Indicator("has_craft_village", ExprType.Boolean)
        .Indicator("especially_difficult", ExprType.Boolean)
        .Indicator("population", ExprType.Integer, "people")
        .Indicator("recognised_on", ExprType.Date)
        .Indicator("commune_name", ExprType.Text)
        .Indicator("income_per_capita", ExprType.Number, "million VND/person/year")
        .Parameter("irrigation_min", ExprType.Number, "%")
        .Parameter("income_min", ExprType.Number, "million VND/person/year", "region", "year")
        .Definition("effective_region", "if especially_difficult then 'TDMNPB' else region")
        .ChildScope(Household())
        .Standard("ntm-commune")
        .Standard("ntm-advanced");

    public static CheckedExpression Check(string text, IExpressionScope? scope = null, bool condition = false)
    {
        var bag = new DiagnosticBag();
        var result = ExpressionChecker.Check(text, new SourceLocation("test.yaml", 1, 1), scope ?? Commune(), bag, condition);
        Assert.True(result is not null, string.Join("\n", bag));
        return result!;
    }

    /// <summary>Checks text placed at line 10, column 20 of rules.yaml and returns the diagnostics.</summary>
    public static IReadOnlyList<Diagnostic> Errors(string text, IExpressionScope? scope = null, bool condition = false, ExpressionLimits? limits = null)
    {
        var bag = new DiagnosticBag();
        var result = ExpressionChecker.Check(text, new SourceLocation("rules.yaml", 10, 20), scope ?? Commune(), bag, condition, limits);
        Assert.True(bag.HasErrors, $"expected errors for: {text}");
        Assert.Null(result);
        return bag.ToList();
    }
}

/// <summary>An evaluation context over in-memory values, keyed by indicator name.</summary>
internal sealed class TestContext(IExpressionScope scope, DateOnly? asOf = null) : IEvaluationContext
{
    private readonly Dictionary<int, Value> _values = new();
    private readonly Dictionary<string, List<IEvaluationContext>> _children = new();
    private readonly Dictionary<string, Truth> _met = new();
    private readonly Dictionary<string, NumberBound> _criteriaMet = new();
    private readonly Dictionary<string, Func<ParameterKeys, ParameterLookup>> _parameters = new();

    public DateOnly AsOf { get; } = asOf ?? new DateOnly(2024, 6, 30);
    public IEvaluationContext? Baseline { get; set; }
    public int ParameterCalls { get; private set; }

    public TestContext Set(string indicator, object? value)
    {
        var symbol = (IndicatorSymbol)scope.Lookup(indicator)!;
        _values[symbol.Slot] = Value.FromObject(value);
        return this;
    }

    public TestContext Param(string id, object? value, string citation = "Decision 318/QĐ-TTg", string confidence = "confirmed")
    {
        _parameters[id] = _ => value is null ? ParameterLookup.None
            : new ParameterLookup(Value.FromObject(value), new ParameterSource(new Dictionary<string, string>(), citation, confidence));
        return this;
    }

    public TestContext Param(string id, Func<ParameterKeys, object?> lookup, string citation = "Decree 07/2021/NĐ-CP", string confidence = "provisional")
    {
        _parameters[id] = keys => lookup(keys) is { } v
            ? new ParameterLookup(Value.FromObject(v), new ParameterSource(new Dictionary<string, string>(), citation, confidence))
            : ParameterLookup.None;
        return this;
    }

    public TestContext Child(string kind, TestContext child)
    {
        if (!_children.TryGetValue(kind, out var list)) _children[kind] = list = new();
        list.Add(child);
        return this;
    }

    public TestContext Meets(string standard, Truth t)
    {
        _met[standard] = t;
        return this;
    }

    public Value Indicator(int slot) => _values.GetValueOrDefault(slot);

    public ParameterLookup Parameter(ParameterSymbol parameter, ParameterKeys keys)
    {
        ParameterCalls++;
        return _parameters.TryGetValue(parameter.Name, out var f) ? f(keys) : ParameterLookup.None;
    }

    public IReadOnlyList<IEvaluationContext> Children(string kind) => _children.TryGetValue(kind, out var l) ? l : [];
    public Truth Met(string standard) => _met.GetValueOrDefault(standard, Truth.Unknown);
    public NumberBound CriteriaMet(string standard) => _criteriaMet.GetValueOrDefault(standard, NumberBound.Point(0));

    public TestContext CriteriaMetCount(string standard, int count)
    {
        _criteriaMet[standard] = NumberBound.Point(count);
        return this;
    }

    /// <summary>A standard with <paramref name="met"/> criteria met and <paramref name="unknown"/> unknown of <paramref name="total"/>.</summary>
    public TestContext CriteriaMetCount(string standard, int met, int unknown, int total)
    {
        _criteriaMet[standard] = NumberBound.Count(met, unknown, total);
        return this;
    }
}
