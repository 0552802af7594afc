using NtpRules.Assessment.Results;
using NtpRules.Language.Compilation;
using NtpRules.Language.RuleSets;

namespace NtpRules.Assessment;

/// <summary>
/// The <see cref="RuleDefinitions"/> of compiled rules: taken from the rule files, not from subjects, so that a
/// report can write them before the first subject. The texts are the ones the results carry (the same strings).
/// </summary>
internal static class ReportDefinitions
{
    public static RuleDefinitions Of(CompiledRules rules, DateOnly asOf)
    {
        var standards = new List<StandardDefinition>();
        var rows = new List<ParameterRowDefinition>();
        foreach (var set in rules.RuleSets)
        {
            foreach (var standard in set.Standards)
            {
                var criteria = standard.CriteriaIn(set).Select(set.FindCriterion).OfType<Criterion>()
                    .Select(c => new CriterionDefinition(c.Id, c.Name.Get(), c.Citation,
                        [.. c.Indicators.Select(i => new IndicatorDefinition(i.Id, i.Name.Get(), i.Citation, i.Condition.Text))]));
                standards.Add(new StandardDefinition(standard.Id, set.Id, standard.Name.Get(), standard.Citation, [.. criteria]));
            }
            foreach (var parameter in set.Parameters)
                for (var n = 0; n < parameter.Values.Count; n++)
                {
                    var row = parameter.Values[n];
                    if (!row.InForceOn(asOf)) continue;
                    rows.Add(new ParameterRowDefinition(ParameterRow.Reference(set.Id, parameter.Id, n), parameter.Id, parameter.Unit, row.KeyValues,
                        row.Citation, row.ReportedConfidence, row.Derivation));
                }
        }
        return new RuleDefinitions(standards, rows);
    }
}
