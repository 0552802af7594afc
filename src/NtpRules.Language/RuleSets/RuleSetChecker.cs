using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Language.RuleSets;

/// <summary>Type-checks every expression of the loaded rule sets and the catalogue's derived indicators.</summary>
internal static class RuleSetChecker
{
    public static void Check(IndicatorCatalogue catalogue, IReadOnlyList<RuleSet> sets, DiagnosticBag diagnostics)
    {
        // INTEGRATION POINT (expr): parse and type-check each ExpressionText against a scope built from the
        // catalogue and the rule set, once the expression checker's API is merged.
    }
}
