namespace NtpRules.Assessment.Results;

/// <summary>
/// What the rule files in force say the same way for every subject: the names, citations and expressions of the
/// standards, their criteria and indicators, and the parameter rows a threshold can come from. The JSON report writes
/// them once, before the subjects, which then name them by id.
/// </summary>
public sealed record RuleDefinitions(IReadOnlyList<StandardDefinition> Standards, IReadOnlyList<ParameterRowDefinition> ParameterRows)
{
    public static RuleDefinitions None { get; } = new([], []);
}

/// <summary>A standard of the rule set <paramref name="RuleSet"/>, with the criteria it counts.</summary>
public sealed record StandardDefinition(string Id, string RuleSet, string Name, string Citation, IReadOnlyList<CriterionDefinition> Criteria);

public sealed record CriterionDefinition(string Id, string Name, string Citation, IReadOnlyList<IndicatorDefinition> Indicators);

/// <summary>An indicator: <paramref name="Expression"/> is its condition as written.</summary>
public sealed record IndicatorDefinition(string Id, string Name, string Citation, string Expression);

/// <summary>
/// A row of a parameter in force, named by <paramref name="Row"/> ("ntm-commune/income_min/28"): the parameter, its
/// unit, the row's own key values (<c>*</c> for any), citation, confidence (<c>unpublished</c> when the law gives no
/// number) and, for an inferred value, how it was computed.
/// </summary>
public sealed record ParameterRowDefinition(string Row, string Parameter, string? Unit, IReadOnlyDictionary<string, string> Keys,
    string Citation, string Confidence, string? Derivation);
