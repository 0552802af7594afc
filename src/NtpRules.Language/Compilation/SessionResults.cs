using NtpRules.Engine;

namespace NtpRules.Language.Compilation;

/// <summary>The outcomes in a session after firing, indexed by subject record.</summary>
public sealed class SessionResults
{
    private readonly ILookup<Record, IndicatorOutcome> _indicators;
    private readonly ILookup<Record, CriterionOutcome> _criteria;
    private readonly ILookup<Record, StandardOutcome> _standards;
    private readonly ILookup<Record, ClassificationOutcome> _classifications;

    internal SessionResults(Session session)
    {
        _indicators = session.Query<IndicatorOutcome>().ToLookup(o => o.Subject);
        _criteria = session.Query<CriterionOutcome>().ToLookup(o => o.Subject);
        _standards = session.Query<StandardOutcome>().ToLookup(o => o.Subject);
        _classifications = session.Query<ClassificationOutcome>().ToLookup(o => o.Subject);
        Targets = session.Query<TargetOutcome>();
    }

    public IEnumerable<IndicatorOutcome> Indicators(Record subject) => _indicators[subject];
    public IEnumerable<CriterionOutcome> Criteria(Record subject) => _criteria[subject];
    public IEnumerable<StandardOutcome> Standards(Record subject) => _standards[subject];
    public IEnumerable<ClassificationOutcome> Classifications(Record subject) => _classifications[subject];
    public IReadOnlyList<TargetOutcome> Targets { get; }

    public StandardOutcome? Standard(Record subject, string standardId) => _standards[subject].FirstOrDefault(s => s.StandardId == standardId);
}
