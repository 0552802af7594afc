namespace NtpRules.Samples;

/// <summary>
/// The published figures a commune sample must reproduce: how many communes meet the NTM, advanced and model
/// standards, and the total number of NTM criteria met (its mean is the "criteria per commune" figure).
/// </summary>
internal sealed record CalibrationTarget(int Communes, int Ntm, int Advanced, int Model, int TotalCriteriaMet)
{
    public double AverageCriteria => (double)TotalCriteriaMet / Communes;
}

/// <summary>What one commune should show: the NTM criteria it fails, and whether it reaches advanced and model.</summary>
internal sealed record CommunePlan(int Index, IReadOnlySet<string> FailedCriteria, bool Advanced, bool Model)
{
    public bool Ntm => FailedCriteria.Count == 0;
}
