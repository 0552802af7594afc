using NtpRules.Language.Expressions.Binding;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Expressions;

/// <summary>
/// An expression that passed the type checker, with what it depends on. Evaluate it with <see cref="Evaluate"/>
/// (the reference interpreter) or, on hot paths, with the delegate from <see cref="Compile"/>.
/// </summary>
public sealed class CheckedExpression
{
    internal CheckedExpression(BoundExpr root, IReadOnlyList<IndicatorSymbol> indicators, IReadOnlyList<ParameterSymbol> parameters,
        IReadOnlyList<string> standards, IReadOnlyList<string> childKinds, bool usesBaseline)
    {
        Root = root;
        Indicators = indicators;
        Parameters = parameters;
        Standards = standards;
        ChildKinds = childKinds;
        UsesBaseline = usesBaseline;
    }

    internal BoundExpr Root { get; }

    public Expr Syntax => Root.Syntax;
    public ExprType Type => Root.Type;
    public string? Unit => Root.Unit;

    /// <summary>The expression as written in the rule file (or printed, for trees built in code).</summary>
    public string Text => Syntax.Source?.Text.Trim() ?? ExpressionPrinter.Print(Syntax);

    /// <summary>Indicators of the subject itself that the expression reads (including through definitions).</summary>
    public IReadOnlyList<IndicatorSymbol> Indicators { get; }
    public IReadOnlyList<ParameterSymbol> Parameters { get; }
    /// <summary>Standards named by <c>met('…')</c>: the expression can only be evaluated after them.</summary>
    public IReadOnlyList<string> Standards { get; }
    /// <summary>Child subject kinds aggregated over.</summary>
    public IReadOnlyList<string> ChildKinds { get; }
    public bool UsesBaseline { get; }

    /// <summary>Evaluates with the reference interpreter. Booleans come back as <see cref="ValueKind.Boolean"/> or missing.</summary>
    public Value Evaluate(IEvaluationContext context) => Interpreter.Evaluate(Root, context, null);

    /// <summary>A number as a bound (reference interpreter): a count with unknowns gives its known lower and upper ends.</summary>
    public NumberBound EvaluateBound(IEvaluationContext context, ExpressionTrace? trace = null) => Interpreter.Bound(Root, context, trace, null);

    public CompiledExpression Compile() => ExpressionCompiler.Compile(this);
}
