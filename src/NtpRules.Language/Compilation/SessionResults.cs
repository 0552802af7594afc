using NtpRules.Engine;

namespace NtpRules.Language.Compilation;

/// <summary>The outcomes in a session after firing, indexed by subject record.</summary>
public sealed class SessionResults
{
    private readonly ILookup<Record, IndicatorOutcome> _indicators;
    private readonly ILookup<Record, CriterionOutcome> _criteria;
    private readonly ILookup<Record, StandardOutcome> _standards;
    private readonly ILookup<Record, ClassificationOutcome> _classifications;
    private readonly ILookup<Record, AdditionalOutcome> _additional;

    internal SessionResults(RuleSession session)
    {
        _indicators = session.Outcomes<IndicatorOutcome>().ToLookup(o => o.Subject);
        _criteria = session.Outcomes<CriterionOutcome>().ToLookup(o => o.Subject);
        _standards = session.Outcomes<StandardOutcome>().ToLookup(o => o.Subject);
        // Engines hold outcomes in their own order: classifications and additional outcomes are listed in a fixed one.
        _classifications = session.Outcomes<ClassificationOutcome>()
            .OrderBy(o => o.RuleSetId, StringComparer.Ordinal).ThenBy(o => o.ClassificationId, StringComparer.Ordinal).ToLookup(o => o.Subject);
        _additional = session.Outcomes<AdditionalOutcome>().OrderBy(o => o.RuleId, StringComparer.Ordinal).ToLookup(o => o.Subject);
        Targets = session.Outcomes<TargetOutcome>();
    }

    public IEnumerable<IndicatorOutcome> Indicators(Record subject) => _indicators[subject];
    public IEnumerable<CriterionOutcome> Criteria(Record subject) => _criteria[subject];
    public IEnumerable<StandardOutcome> Standards(Record subject) => _standards[subject];
    public IEnumerable<ClassificationOutcome> Classifications(Record subject) => _classifications[subject];
    /// <summary>Outcomes of C# rules about the subject (NRules only).</summary>
    public IEnumerable<AdditionalOutcome> Additional(Record subject) => _additional[subject];
    public IReadOnlyList<TargetOutcome> Targets { get; }

    public StandardOutcome? Standard(Record subject, string standardId) => _standards[subject].FirstOrDefault(s => s.StandardId == standardId);
}
