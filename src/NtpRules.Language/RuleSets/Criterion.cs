using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.RuleSets;

/// <summary>A criterion: met when all its indicators are met (Kleene AND).</summary>
public sealed record Criterion(
    string Id,
    int? Number,
    string? Group,
    LocalizedText Name,
    string Citation,
    IReadOnlyList<CriterionIndicator> Indicators,
    SourceLocation Location);

/// <summary>
/// One condition of a criterion. <see cref="Subject"/> is already defaulted to the rule set's subject. When
/// <see cref="AppliesIf"/> is false the indicator is not applicable and counts as met.
/// </summary>
public sealed record CriterionIndicator(
    string Id,
    LocalizedText Name,
    string Subject,
    ExpressionText Condition,
    ExpressionText? AppliesIf,
    string Citation,
    SourceLocation Location);
