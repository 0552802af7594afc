using NtpRules.Language.Catalogue;
using NtpRules.Language.Documents;

namespace NtpRules.Samples;

/// <summary>
/// Turns a <see cref="CommunePlan"/> into a data row: every NTM indicator of a met criterion just meets its
/// threshold, one indicator of each failed criterion just misses it, and the advanced and model indicators are set
/// so that the commune reaches exactly the tier its plan says.
/// </summary>
internal sealed class CommuneRowBuilder(IndicatorCatalogue catalogue, Random random)
{
    public Dictionary<string, object?> Build(CommunePlan plan, CommuneStandards standards, IReadOnlyDictionary<string, object?> fixedValues)
    {
        var solver = new ColumnSolver(random, Range);
        foreach (var c in standards.NtmCriteria)
        {
            var miss = plan.FailedCriteria.Contains(c.CriterionId) ? Choose(c.Requirements.Where(r => r.AppliesIf is null)) : null;
            foreach (var r in c.Requirements) solver.Require(r, r != miss);
        }
        if (plan.Ntm)
        {
            Tier(solver, standards.AdvancedCriteria, plan.Advanced);
            if (plan.Advanced) Tier(solver, standards.ModelCriteria, plan.Model);
            else Loose(solver, standards.ModelCriteria);
        }
        else
        {
            Loose(solver, standards.AdvancedCriteria);
            Loose(solver, standards.ModelCriteria);
        }

        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var column in solver.Columns)
            row[column] = Range(column).Integer || catalogue.FindIndicator("commune", column)?.Type != DataType.Boolean
                ? solver.Solve(column)
                : solver.Solve(column) != 0;
        foreach (var (k, v) in fixedValues) row[k] = v;
        return row;
    }

    /// <summary>Meets every requirement of a tier, or misses one requirement that can be missed.</summary>
    private void Tier(ColumnSolver solver, IReadOnlyList<CriterionRequirements> criteria, bool reach)
    {
        var all = criteria.SelectMany(c => c.Requirements).ToArray();
        if (reach) { foreach (var r in all) solver.Require(r, true); return; }
        if (all.Length == 0) return;
        var missed = all.Where(r => r.AppliesIf is null).OrderBy(_ => random.Next()).FirstOrDefault(r => solver.TryRequire(r, false))
            ?? throw new InvalidOperationException($"no indicator of {criteria[0].CriterionId}… can be missed while the lower tier is met");
        foreach (var r in all.Where(r => r != missed)) solver.TryRequire(r, random.Next(3) > 0);
    }

    /// <summary>Requirements that do not decide the outcome: met or missed at random where still possible.</summary>
    private void Loose(ColumnSolver solver, IReadOnlyList<CriterionRequirements> criteria)
    {
        foreach (var r in criteria.SelectMany(c => c.Requirements)) solver.TryRequire(r, random.Next(2) == 0);
    }

    private Requirement Choose(IEnumerable<Requirement> candidates)
    {
        var list = candidates.ToArray();
        return list.Length == 0 ? throw new InvalidOperationException("a criterion with no indicator that can be missed") : list[random.Next(list.Length)];
    }

    private (double? Min, double? Max, bool Integer) Range(string column)
    {
        var i = catalogue.FindIndicator("commune", column);
        return (i?.Min, i?.Max, i?.Type == DataType.Integer);
    }
}
