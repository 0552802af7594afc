using BenchmarkDotNet.Attributes;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Explain;

namespace NtpRules.Benchmarks;

/// <summary>
/// Five commune conditions over 1,000 communes: the compiled verdict (baseline), the reference interpreter, the compiled
/// delegate with a trace, and full explanations. Ratios show what explanations cost on top of deciding.
/// </summary>
[MemoryDiagnoser]
public class ExpressionBenchmarks
{
    private static readonly string[] Conditions =
    [
        "irrigated_land_pct >= irrigation_min",
        "income_per_capita >= income_min[effective_region][year]",
        "population <= 12000 and irrigated_land_pct >= 50",
        "disaster_ready or not has_craft_village",
        "region in ['DBSH', 'DNB'] or income_per_capita > 40",
    ];

    private CheckedExpression[] _checked = null!;
    private CompiledExpression[] _compiled = null!;
    private ExplanationBuilder[] _explainers = null!;
    private CommuneValues[] _communes = null!;
    private readonly ExpressionTrace _trace = new();

    [GlobalSetup]
    public void Setup()
    {
        var scope = new InMemoryScope("commune")
            .Indicator("region", ExprType.Enum(["TDMNPB", "DBSH", "DNB"]))
            .Indicator("irrigated_land_pct", ExprType.Number, "%")
            .Indicator("income_per_capita", ExprType.Number, "million VND/person/year")
            .Indicator("population", ExprType.Integer)
            .Indicator("especially_difficult", ExprType.Boolean)
            .Indicator("has_craft_village", ExprType.Boolean)
            .Indicator("disaster_ready", ExprType.Boolean)
            .Parameter("irrigation_min", ExprType.Number, "%")
            .Parameter("income_min", ExprType.Number, "million VND/person/year", "region", "year")
            .Definition("effective_region", "if especially_difficult then 'TDMNPB' else region");
        var bag = new DiagnosticBag();
        _checked = Conditions.Select(c => ExpressionChecker.Check(c, new SourceLocation("bench", 1, 1), scope, bag, condition: true)
                                          ?? throw new InvalidOperationException(string.Join("\n", bag))).ToArray();
        _compiled = _checked.Select(c => c.Compile()).ToArray();
        _explainers = _checked.Select(c => new ExplanationBuilder(c)).ToArray();
        var random = new Random(7);
        _communes = Enumerable.Range(0, 1000).Select(_ => new CommuneValues(random)).ToArray();
    }

    [Benchmark(Baseline = true)]
    public int CompiledVerdicts()
    {
        var met = 0;
        foreach (var c in _communes)
            foreach (var e in _compiled)
                if (e.EvaluateTruth(c) == Truth.True) met++;
        return met;
    }

    [Benchmark]
    public int Interpreted()
    {
        var met = 0;
        foreach (var c in _communes)
            foreach (var e in _checked)
                if (e.Evaluate(c).AsTruth == Truth.True) met++;
        return met;
    }

    [Benchmark]
    public int CompiledTraced()
    {
        var met = 0;
        foreach (var c in _communes)
            foreach (var e in _compiled)
            {
                _trace.Clear();
                if (e.EvaluateTruth(c, _trace) == Truth.True) met++;
            }
        return met;
    }

    [Benchmark]
    public int Explanations()
    {
        var length = 0;
        foreach (var c in _communes)
            foreach (var x in _explainers)
                length += x.Explain(c, "3.1", "Irrigation", "Decision 318/QĐ-TTg").Reason.Length;
        return length;
    }

    private sealed class CommuneValues : IEvaluationContext
    {
        private static readonly ParameterSource Source = new(new Dictionary<string, string>(), "Decision 318/QĐ-TTg", "confirmed");
        private readonly Value[] _values;

        public CommuneValues(Random r) => _values =
        [
            Value.Text(new[] { "TDMNPB", "DBSH", "DNB" }[r.Next(3)]),
            r.Next(10) == 0 ? Value.Missing : Value.Number(r.Next(50, 100)),
            Value.Number(r.Next(30, 60)),
            Value.Number(r.Next(3000, 20000)),
            Value.Boolean(r.Next(2) == 0),
            Value.Boolean(r.Next(2) == 0),
            Value.Boolean(r.Next(2) == 0),
        ];

        public DateOnly AsOf => new(2024, 6, 30);
        public Value Indicator(int slot) => _values[slot];

        public ParameterLookup Parameter(ParameterSymbol parameter, ParameterKeys keys) =>
            new(Value.Number(parameter.Name == "irrigation_min" ? 80 : keys[0].AsText == "TDMNPB" ? 39 : 47), Source);

        public IReadOnlyList<IEvaluationContext> Children(string kind) => [];
        public Truth Met(string standard) => Truth.Unknown;
        public NumberBound CriteriaMet(string standard) => NumberBound.Point(0);
        public IEvaluationContext? Baseline => null;
    }
}
