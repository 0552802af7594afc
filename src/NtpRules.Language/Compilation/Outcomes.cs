using NtpRules.Engine;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Language.Compilation;

// The facts compiled rules insert, each linked to the match that produced it: when a subject's record changes the
// rule fires again and replaces them; when the record goes away they are retracted. Each names its subject's record
// (joins correlate by record reference, hash-indexed). They derive from TrackedFact: a session inserts hundreds of
// thousands of them, and as their own working-memory entries they need no identity hashing.

/// <summary>
/// The verdict of one criterion indicator for one subject, with its explanation when explanations are on. The
/// explanation is built on first read (once per outcome, after firing), so a rule that fires again while the session
/// settles does not pay for explanations it replaces; read it before changing the subject's record again.
/// </summary>
public sealed class IndicatorOutcome : TrackedFact, ISubjectOutcome
{
    private readonly IndicatorRule _rule;
    private IEvaluationContext? _context; // what the explanation reads, until it is built
    private IndicatorExplanation? _explanation;

    internal IndicatorOutcome(Record subject, IndicatorRule rule, Truth verdict, IEvaluationContext? explainIn)
    {
        Subject = subject;
        _rule = rule;
        Verdict = verdict;
        _context = explainIn;
    }

    public Record Subject { get; }
    public string RuleSetId => _rule.RuleSetId;
    public string CriterionId => _rule.CriterionId;
    internal string CriterionKey => _rule.CriterionKey;
    public string IndicatorId => _rule.IndicatorId;
    public Truth Verdict { get; }

    public IndicatorExplanation? Explanation
    {
        get
        {
            if (Volatile.Read(ref _explanation) is { } built) return built;
            // Published before the context is dropped, so a reader that finds neither sees the explanation.
            if (Volatile.Read(ref _context) is not { } context) return Volatile.Read(ref _explanation);
            // Readers racing here may each build one; the first published is the one every reader gets.
            var explanation = Interlocked.CompareExchange(ref _explanation, _rule.Explain(context), null)
                              ?? _explanation;
            Volatile.Write(ref _context, null); // the subject's evaluation context is no longer needed
            return explanation;
        }
    }

    public override string ToString() => $"{Subject.Id} {RuleSetId}/{IndicatorId}={Verdict}";
}

/// <summary>The verdict of one criterion (Kleene AND of its indicators) for one subject.</summary>
public sealed class CriterionOutcome(Record subject, string ruleSetId, string criterionId, Truth verdict) : TrackedFact, ISubjectOutcome
{
    public Record Subject { get; } = subject;
    public string RuleSetId { get; } = ruleSetId;
    public string CriterionId { get; } = criterionId;
    public Truth Verdict { get; } = verdict;
    public override string ToString() => $"{Subject.Id} {RuleSetId}/{CriterionId}={Verdict}";
}

/// <summary>
/// Whether a subject meets a standard, with the number of its criteria met (unknown ones not counted) and unknown out
/// of the total, the required standards not met (or unknown), and a sentence saying why.
/// </summary>
public sealed class StandardOutcome(Record subject, string ruleSetId, string standardId, Truth verdict, int criteriaMet, int criteriaTotal,
    IReadOnlyList<string> unmetRequirements, string reason, int criteriaUnknown = 0) : TrackedFact, ISubjectOutcome
{
    /// <summary>The criteria whose verdict is unknown: the criteria met lie between <see cref="CriteriaMet"/> and this more.</summary>
    public int CriteriaUnknown { get; } = criteriaUnknown;
    public Record Subject { get; } = subject;
    public string RuleSetId { get; } = ruleSetId;
    public string StandardId { get; } = standardId;
    public Truth Verdict { get; } = verdict;
    public int CriteriaMet { get; } = criteriaMet;
    public int CriteriaTotal { get; } = criteriaTotal;
    public IReadOnlyList<string> UnmetRequirements { get; } = unmetRequirements;
    public string Reason { get; } = reason;
    public override string ToString() => $"{Subject.Id} {StandardId}={Verdict} ({CriteriaMet}/{CriteriaTotal})";
}

/// <summary>The label a classification gave a subject (null when unknown), and why.</summary>
public sealed class ClassificationOutcome(Record subject, string ruleSetId, string classificationId, string? label, string reason, string citation) : TrackedFact, ISubjectOutcome
{
    public Record Subject { get; } = subject;
    public string RuleSetId { get; } = ruleSetId;
    public string ClassificationId { get; } = classificationId;
    public string? Label { get; } = label;
    public string Reason { get; } = reason;
    public string Citation { get; } = citation;
    public override string ToString() => $"{Subject.Id} {ClassificationId}={Label ?? "unknown"}";
}

/// <summary>A derived indicator's value for a subject, e.g. a commune's poverty rate from its households.</summary>
public sealed class DerivedValue(Record subject, string key, Value value) : TrackedFact, ISubjectOutcome
{
    public Record Subject { get; } = subject;
    public string Key { get; } = key;
    public Value Value { get; } = value;
    public override string ToString() => $"{Subject.Id} {Key}={Value}";
}

/// <summary>
/// A programme target assessed for one scope subject (a province) or for the whole data set (<see cref="Subject"/>
/// null): the actual value, the target, the gap (target − actual when not met) and a sentence saying why.
/// </summary>
public sealed class TargetOutcome(Record? subject, string ruleSetId, string targetId, Truth verdict, double? actual, double target, double? gap, string reason) : TrackedFact, ISubjectOutcome
{
    public Record? Subject { get; } = subject;
    public string RuleSetId { get; } = ruleSetId;
    public string TargetId { get; } = targetId;
    public Truth Verdict { get; } = verdict;
    public double? Actual { get; } = actual;
    public double Target { get; } = target;
    public double? Gap { get; } = gap;
    public string Reason { get; } = reason;
    public override string ToString() => $"{Subject?.Id ?? "all"} {TargetId}={Verdict}";
}

/// <summary>
/// An outcome added by a rule written in C# (NRules.Fluent) beside the YAML rule sets: the rule's id and title, the
/// verdict for the subject, why, and the legal citation. Reports list them under the subject.
/// </summary>
public sealed class AdditionalOutcome(Record subject, string ruleId, string title, Truth verdict, string reason, string citation) : ISubjectOutcome
{
    public Record Subject { get; } = subject;
    public string RuleId { get; } = ruleId;
    public string Title { get; } = title;
    public Truth Verdict { get; } = verdict;
    public string Reason { get; } = reason;
    public string Citation { get; } = citation;
    public override string ToString() => $"{Subject.Id} {RuleId}={Verdict}";
}

/// <summary>An outcome about one subject record (null: the whole data set).</summary>
public interface ISubjectOutcome
{
    Record? Subject { get; }
}

/// <summary>The one fact that stands for the whole data set, matched by targets with <c>scope: all</c>.</summary>
public sealed class WholeDataSet
{
    public override string ToString() => "all";
}
