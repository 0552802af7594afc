using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.RuleSets;

/// <summary>One version of one rule set, as loaded from <c>rules/&lt;id&gt;/&lt;version&gt;.yaml</c>.</summary>
public sealed record RuleSet(
    string Id,
    string Version,
    LocalizedText Title,
    DateRange Effective,
    string Source,
    RuleSetStatus Status,
    string Subject,
    IReadOnlyList<Definition> Definitions,
    IReadOnlyList<Parameter> Parameters,
    IReadOnlyList<Criterion> Criteria,
    IReadOnlyList<Standard> Standards,
    IReadOnlyList<Classification> Classifications,
    IReadOnlyList<Target> Targets,
    SourceFile File)
{
    /// <summary>Where <c>id:</c>, <c>version:</c> and <c>effective:</c> are written, for library-level diagnostics.</summary>
    public SourceLocation IdLocation { get; init; }
    public SourceLocation VersionLocation { get; init; }
    public SourceLocation EffectiveLocation { get; init; }

    public Parameter? FindParameter(string id) => Parameters.FirstOrDefault(p => p.Id == id);
    public Criterion? FindCriterion(string id) => Criteria.FirstOrDefault(c => c.Id == id);

    /// <summary>Every criterion indicator with its criterion.</summary>
    public IEnumerable<(Criterion Criterion, CriterionIndicator Indicator)> AllIndicators =>
        Criteria.SelectMany(c => c.Indicators.Select(i => (c, i)));

    public override string ToString() => $"{Id} {Version}";
}
