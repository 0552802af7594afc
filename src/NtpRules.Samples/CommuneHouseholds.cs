namespace NtpRules.Samples;

/// <summary>
/// The households of one commune. The number of poor households is set so that the poverty rate derived from them
/// gives the commune's poverty criterion the same verdict as the commune's planned rate, which is then left blank
/// in the commune's row (the assessment derives it). Near-poor and middle-income households are drawn per 40.
/// </summary>
internal sealed class CommuneHouseholds(HouseholdRowBuilder builder, CommuneStandards standards, Random random, int perCommune)
{
    /// <summary>A generated row's household status (for the generator's summary; removed before writing).</summary>
    public const string StatusKey = "#status";

    public IEnumerable<Dictionary<string, object?>> Generate(Dictionary<string, object?> communeRow, string communeId, double ethnicShare)
    {
        var requirement = standards.NtmCriteria.SelectMany(x => x.Requirements).First(r => r.Column == "poverty_rate");
        var planned = (double)communeRow["poverty_rate"]!;
        var wantMet = requirement.IsMetBy(planned);
        var poor = Enumerable.Range(0, perCommune + 1).Where(p => requirement.IsMetBy(p * 100.0 / perCommune) == wantMet)
            .OrderBy(p => Math.Abs(p - planned * perCommune / 100)).First();
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
