using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Explain;

namespace NtpRules.Language.Compilation;

/// <summary>One compiled criterion indicator: its ids, and how to explain a verdict. Shared by all its outcomes.</summary>
/// <param name="slots">The subject's slots its expressions read: what its explanations are kept by (<see cref="ExplanationCache"/>).</param>
internal sealed class IndicatorRule(string ruleSetId, string criterionId, string indicatorId, string name, string citation, ExplanationBuilder explainer,
    IEnumerable<int> slots)
{
    public string RuleSetId { get; } = ruleSetId;
    public string CriterionId { get; } = criterionId;
    /// <summary>"set/criterion", made once: the key criterion rules select their outcomes by (no allocation per outcome).</summary>
    public string CriterionKey { get; } = CriterionKeyOf(ruleSetId, criterionId);
    public string IndicatorId { get; } = indicatorId;
    public string Name { get; } = name;
    public string Citation { get; } = citation;
    public ExplanationBuilder Explainer { get; } = explainer;
    private readonly ExplanationCache _explanations = new(slots, c => explainer.Explain(c, indicatorId, name, citation));

    /// <summary>The explanation of the verdict in <paramref name="context"/>: one already made from the same values, else a new one.</summary>
    public IndicatorExplanation Explain(IEvaluationContext context) => _explanations.Explain(context);

    // Interned: the key a criterion rule selects by and its outcomes' keys are then one string, equal by reference.
    public static string CriterionKeyOf(string ruleSetId, string criterionId) => string.Intern($"{ruleSetId}/{criterionId}");
}
