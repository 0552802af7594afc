namespace NtpRules.Samples;

/// <summary>
/// The households of one commune. The number of poor households is set so that the poverty rate derived from them
/// gives the commune's poverty requirements the same verdicts as the commune's planned rate, which is then left blank
/// in the commune's row (the assessment derives it). Near-poor and middle-income households are drawn per 40.
/// </summary>
internal sealed class CommuneHouseholds(HouseholdRowBuilder builder, CommuneStandards standards, Random random, int perCommune)
{
    /// <summary>A generated row's household status (for the generator's summary; removed before writing).</summary>
    public const string StatusKey = "#status";

    public IEnumerable<Dictionary<string, object?>> Generate(Dictionary<string, object?> communeRow, string communeId, double ethnicShare)
    {
        // Every poverty requirement (NTM, advanced, model) keeps the verdict the planned rate gives it; when the
        // households are too few for that, the NTM one does.
        IEnumerable<Requirement> PovertyOf(IEnumerable<CriterionRequirements> criteria) =>
            criteria.SelectMany(x => x.Requirements).Where(r => r.Column == "poverty_rate");
        var planned = (double)communeRow["poverty_rate"]!;
        int? Poor(Requirement[] requirements) => Enumerable.Range(0, perCommune + 1)
            .Where(p => requirements.All(r => r.IsMetBy(p * 100.0 / perCommune) == r.IsMetBy(planned)))
            .OrderBy(p => Math.Abs(p - planned * perCommune / 100)).Cast<int?>().FirstOrDefault();
        var poor = Poor([.. PovertyOf(standards.NtmCriteria.Concat(standards.AdvancedCriteria).Concat(standards.ModelCriteria))])
            ?? Poor([PovertyOf(standards.NtmCriteria).First()])!.Value;
        communeRow["poverty_rate"] = null;   // derived from the household records instead
        var nearPoor = Scaled(random.Next(2, 6));
        var middle = Scaled(random.Next(8, 14));
        for (var i = 0; i < perCommune; i++)
        {
            var status = i < poor ? HouseholdStatus.Poor : i < poor + nearPoor ? HouseholdStatus.NearPoor : i < poor + nearPoor + middle ? HouseholdStatus.MiddleIncome : HouseholdStatus.None;
            var h = builder.Build(status, "rural");
            h["id"] = perCommune <= 99 ? $"{communeId}-H{i + 1:00}" : $"{communeId}-H{i + 1}";
            h["name"] = VietnameseNames.Person(random);
            h["commune_id"] = communeId;
            h["ethnic_minority"] = random.NextDouble() < ethnicShare;
            h[StatusKey] = status;
            yield return h;
        }
    }

    private int Scaled(int per40) => perCommune == 40 ? per40 : (int)Math.Round(per40 * perCommune / 40.0);
}
