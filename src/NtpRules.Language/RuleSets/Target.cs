using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.RuleSets;

/// <summary>A programme target: <c>actual op target</c> assessed per subject of kind <see cref="Scope"/> (or <c>all</c>).</summary>
public sealed record Target(
    string Id,
    LocalizedText Name,
    string Scope,
    ExpressionText Actual,
    string Op,
    double Value,
    TargetBaseline? Baseline,
    string Citation,
    SourceLocation Location,
    Confidence Confidence = Confidence.Provisional)
{
    public static readonly IReadOnlyList<string> Operators = [">=", "<=", ">", "<", "=="];
}

/// <summary>What a target is measured against: a period or a named baseline data set, and a description.</summary>
public sealed record TargetBaseline(string? Period, string? Dataset, string? Description);
