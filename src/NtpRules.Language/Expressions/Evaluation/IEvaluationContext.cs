namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>
/// What an expression can see while it is evaluated for one subject on one as-of date. Implemented by the assessment;
/// expressions only ever call these members (and the language's own helpers), nothing else.
/// </summary>
public interface IEvaluationContext
{
    /// <summary>The as-of date of the assessment (<c>as_of</c>; <c>year</c> is its year).</summary>
    DateOnly AsOf { get; }

    /// <summary>The current subject's value of an indicator, by <see cref="IndicatorSymbol.Slot"/>; <see cref="Value.Missing"/> when absent.</summary>
    Value Indicator(int slot);

    /// <summary>
    /// The value of a parameter in force on <see cref="AsOf"/> for the given key values (in the order of
    /// <see cref="ParameterSymbol.Keys"/>), with where it came from; <see cref="ParameterLookup.None"/> when no row applies.
    /// </summary>
    ParameterLookup Parameter(ParameterSymbol parameter, ParameterKeys keys);

    /// <summary>The contexts of the current subject's children of a kind (households of a commune).</summary>
    IReadOnlyList<IEvaluationContext> Children(string kind);

    /// <summary>Whether the current subject meets a standard: <c>met('ntm-commune')</c>.</summary>
    Truth Met(string standard);

    /// <summary>
    /// How many of a standard's criteria the current subject meets, as a bound: at least the criteria met, at most those
    /// plus the unknown ones, of the standard's criteria (<c>criteria_met('ntm-commune')</c>); 0 when it was not assessed.
    /// </summary>
    NumberBound CriteriaMet(string standard);

    /// <summary>The same subject on the baseline data, for <c>baseline(expr)</c>; null when there is none.</summary>
    IEvaluationContext? Baseline { get; }
}
