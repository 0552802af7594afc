using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Explain;

namespace NtpRules.Language.Compilation;

/// <summary>What an indicator outcome needs to explain itself when first asked: one small object per firing, no closure.</summary>
internal sealed class PendingExplanation(ExplanationBuilder explainer, IEvaluationContext context, string id, string name, string citation)
{
    public IndicatorExplanation Build() => explainer.Explain(context, id, name, citation);
}
