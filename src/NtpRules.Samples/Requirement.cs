namespace NtpRules.Samples;

internal enum RequirementOp { AtLeast, MoreThan, AtMost, LessThan, IsTrue }

/// <summary>
/// One indicator condition of a criterion reduced to "column op threshold" for the version, region and year a
/// sample is generated for. <see cref="AppliesIf"/> names a boolean column; when it is false the indicator does not
/// apply and counts as met.
/// </summary>
internal sealed record Requirement(string CriterionId, string IndicatorId, string Column, RequirementOp Op, double Threshold, string? AppliesIf)
{
    public bool IsBoolean => Op == RequirementOp.IsTrue;

    public bool IsMetBy(double value) => Op switch
    {
        RequirementOp.AtLeast => value >= Threshold,
        RequirementOp.MoreThan => value > Threshold,
        RequirementOp.AtMost => value <= Threshold,
        RequirementOp.LessThan => value < Threshold,
        _ => value != 0,
    };

    public override string ToString() => IsBoolean ? Column : $"{Column} {Op} {Threshold}";
}

/// <summary>A criterion's requirements, in the order its indicators are written.</summary>
internal sealed record CriterionRequirements(string CriterionId, IReadOnlyList<Requirement> Requirements);
