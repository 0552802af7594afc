using NtpRules.Language.Library;

namespace NtpRules.Samples;

/// <summary>
/// The requirements of the NTM, advanced and model commune sets in force on a date for one table-key context
/// (region, commune group), and a direct check of a sample row against them.
/// </summary>
internal sealed class CommuneStandards
{
    public const string Ntm = "ntm-commune", Advanced = "ntm-advanced-commune", Model = "ntm-model-commune";

    public CommuneStandards(RuleLibrary rules, DateOnly asOf, IReadOnlyDictionary<string, string> keys)
    {
        IReadOnlyList<CriterionRequirements> Read(string id) =>
            rules.InForce(id, asOf) is { } set ? new RequirementReader(set, asOf, keys).Read() : [];
        NtmCriteria = Read(Ntm);
        if (NtmCriteria.Count == 0) throw new InvalidOperationException($"no {Ntm} rule set is in force on {asOf:yyyy-MM-dd}");
        AdvancedCriteria = Read(Advanced);
        ModelCriteria = Read(Model);
    }

    public IReadOnlyList<CriterionRequirements> NtmCriteria { get; }
    public IReadOnlyList<CriterionRequirements> AdvancedCriteria { get; }
    public IReadOnlyList<CriterionRequirements> ModelCriteria { get; }

    /// <summary>What a row shows: NTM criteria met and the three standards (advanced requires NTM, model requires advanced).</summary>
    public CommuneOutcome Check(IReadOnlyDictionary<string, object?> row)
    {
        int MetCount(IReadOnlyList<CriterionRequirements> criteria) => criteria.Count(c => c.Requirements.All(r => IsMet(r, row)));
        var met = MetCount(NtmCriteria);
        var ntm = met == NtmCriteria.Count;
        var advanced = ntm && AdvancedCriteria.Count > 0 && MetCount(AdvancedCriteria) == AdvancedCriteria.Count;
        var model = advanced && ModelCriteria.Count > 0 && MetCount(ModelCriteria) == ModelCriteria.Count;
        return new CommuneOutcome(met, ntm, advanced, model);
    }

    private static bool IsMet(Requirement r, IReadOnlyDictionary<string, object?> row)
    {
        if (r.AppliesIf is { } flag && row.GetValueOrDefault(flag) is false) return true;
        return row.GetValueOrDefault(r.Column) switch
        {
            bool b => r.IsBoolean ? b : throw new InvalidOperationException($"{r.Column} is a flag"),
            double d => r.IsMetBy(d),
            _ => false,   // missing data never meets a requirement
        };
    }
}

internal sealed record CommuneOutcome(int CriteriaMet, bool Ntm, bool Advanced, bool Model);
