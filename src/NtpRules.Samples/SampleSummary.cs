using NtpRules.Language.Diagnostics;

namespace NtpRules.Samples;

/// <summary>What one generated data set shows when checked directly against the rule files it was derived from.</summary>
public sealed record SampleSummary(string Name, DateOnly AsOf, int Communes, int Ntm, int Advanced, int Model, int CriteriaMet, int Households,
    IReadOnlyDictionary<string, int> HouseholdStatuses)
{
    public double AverageCriteria => Communes == 0 ? 0 : Math.Round((double)CriteriaMet / Communes, 2);
}

/// <summary>The data sets written, or the problems that stopped the generator.</summary>
public sealed record SampleGeneration(IReadOnlyList<SampleSummary> Sets, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}
