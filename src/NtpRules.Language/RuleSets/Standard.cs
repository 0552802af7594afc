using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.RuleSets;

/// <summary>
/// A standard composed of criteria. <see cref="Criteria"/> is null for <c>criteria: all</c>; <see cref="AtLeast"/>
/// null means every listed criterion must be met.
/// </summary>
public sealed record Standard(
    string Id,
    LocalizedText Name,
    IReadOnlyList<string>? Criteria,
    int? AtLeast,
    IReadOnlyList<string> Requires,
    IReadOnlyList<StandardCondition> Conditions,
    string Citation,
    SourceLocation Location)
{
    /// <summary>The criterion ids this standard counts, resolving <c>all</c> against its rule set.</summary>
    public IReadOnlyList<string> CriteriaIn(RuleSet set) => Criteria ?? set.Criteria.Select(c => c.Id).ToArray();

    /// <summary>Where each of <see cref="Requires"/> is written, for errors found once every rule set is loaded.</summary>
    public IReadOnlyList<SourceLocation> RequiresLocations { get; init; } = [];
}

public sealed record StandardCondition(string Id, ExpressionText Expr, string Citation, SourceLocation Location);
