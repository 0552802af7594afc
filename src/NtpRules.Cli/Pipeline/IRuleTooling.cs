using NtpRules.Language.Diagnostics;
using NtpRules.Language.Engines;

namespace NtpRules.Cli.Pipeline;

/// <summary>A threshold whose confidence is provisional: policy staff must confirm it against the official text.</summary>
public sealed record ProvisionalThreshold(string RuleSet, string Parameter, string Value, string? Citation, SourceLocation At);

public sealed record RuleCheckReport(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<ProvisionalThreshold> Provisional)
{
    /// <summary>Values computed from other values (<c>confidence: inferred</c>); <see cref="ProvisionalThreshold.Citation"/> holds the derivation.</summary>
    public IReadOnlyList<ProvisionalThreshold> Inferred { get; init; } = [];
    /// <summary>Rows where the law gives no number (<c>published: false</c>): the rule yields unknown.</summary>
    public IReadOnlyList<ProvisionalThreshold> Unpublished { get; init; } = [];
}

public sealed record RuleTestFailure(string RuleSet, string Case, string Message, SourceLocation At);

/// <summary>The result of the rule-set tests; <paramref name="Coverage"/> is the share (0–1) of rule items some case exercised.</summary>
public sealed record RuleTestReport(int Passed, IReadOnlyList<RuleTestFailure> Failures, IReadOnlyList<Diagnostic> Diagnostics, double Coverage, IReadOnlyList<string> Uncovered);

/// <summary>One structural change between two rule-set versions: kind is added, removed or changed; path names the item (e.g. criteria/c03/indicators/3.1/condition).</summary>
public sealed record RuleChange(string Kind, string Path, string? Old, string? New);

public sealed record RuleDiffReport(IReadOnlyList<RuleChange> Changes, IReadOnlyList<Diagnostic> Diagnostics);

public sealed record RuleSetSummary(string Id, string Version, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, string Status, int ConfirmedThresholds, int ProvisionalThresholds, string File)
{
    public int InferredThresholds { get; init; }
    public int UnpublishedThresholds { get; init; }
}

public sealed record RuleListing(IReadOnlyList<RuleSetSummary> RuleSets, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>What policy staff run on rule files: check, test, diff, list. Implemented by the language layer.</summary>
public interface IRuleTooling
{
    RuleCheckReport Check(string rulesDirectory);
    RuleTestReport Test(string rulesDirectory, RuleEngineKind engine = RuleEngineKind.NRules);
    RuleDiffReport Diff(string oldPath, string newPath);
    RuleListing List(string rulesDirectory);
}
