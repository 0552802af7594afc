using NtpRules.Language.Diagnostics;

namespace NtpRules.Language.Catalogue;

/// <summary>
/// How a commune merged from several (the 2025 reform) gets an indicator from its predecessors' values:
/// <see cref="MergeRule.WeightedBy"/> a share weighted by its base (another indicator: population, households, area …),
/// <see cref="MergeRule.Sum"/> a count, <see cref="MergeRule.All"/> / <see cref="MergeRule.Any"/> a boolean (three-valued),
/// <see cref="MergeRule.Same"/> a designation kept only when every predecessor has the same one, <see cref="MergeRule.Unknown"/>
/// no sound rule. <see cref="Reason"/> is the law or reasoning behind the rule.
/// </summary>
public sealed record IndicatorMerge(MergeRule Rule, string? Base, string Reason, SourceLocation Location);

public enum MergeRule { WeightedBy, Sum, All, Any, Same, Unknown }

internal static class MergeRuleText
{
    public static readonly IReadOnlyDictionary<string, MergeRule> ByName = new Dictionary<string, MergeRule>
    {
        ["sum"] = MergeRule.Sum, ["all"] = MergeRule.All, ["any"] = MergeRule.Any, ["same"] = MergeRule.Same, ["unknown"] = MergeRule.Unknown,
    };
}
