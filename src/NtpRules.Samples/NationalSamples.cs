using System.Globalization;
using CsvHelper;
using NtpRules.Language.Library;

namespace NtpRules.Samples;

/// <summary>
/// A national data set on the real administrative units after the 2025 reform (communes only: the NTM standards
/// apply to them), as of 2025-12-31, calibrated per province to the national mid-2025 figures
/// (criteria-reference.md: 79.3 % NTM, 42.4 % advanced, 12.3 % model, 17.5 criteria per commune), with
/// <c>householdsPerCommune</c> households per commune whose poor share gives each commune its planned poverty
/// verdict. Rows are written as they are made: the households never sit in memory together.
/// </summary>
internal sealed class NationalSamples(RuleLibrary rules, int seed, int householdsPerCommune)
{
    public const string Name = "national-2025";
    public static readonly DateOnly AsOf = new(2025, 12, 31);
    private const double NtmShare = 0.793, AdvancedShare = 0.424, ModelShare = 0.123, CriteriaPerCommune = 17.5;

    /// <summary>
    /// The Decision 318 region of each post-2025 province, by the pre-merger province that gives it its name. An
    /// approximation for sample data: merged provinces can span regions, and an assessment of real data must take the
    /// region per commune from its pre-merger province (criteria-reference.md §2.2).
    /// </summary>
    private static readonly Dictionary<string, string> RegionOf = new()
    {
        ["04"] = "TDMNPB", ["08"] = "TDMNPB", ["11"] = "TDMNPB", ["12"] = "TDMNPB", ["14"] = "TDMNPB", ["15"] = "TDMNPB",
        ["19"] = "TDMNPB", ["20"] = "TDMNPB", ["25"] = "TDMNPB",
        ["01"] = "DBSH", ["22"] = "DBSH", ["24"] = "DBSH", ["31"] = "DBSH", ["33"] = "DBSH", ["37"] = "DBSH",
        ["38"] = "BTB", ["40"] = "BTB", ["42"] = "BTB", ["44"] = "BTB", ["46"] = "BTB",
        ["48"] = "DHNTB", ["51"] = "DHNTB", ["56"] = "DHNTB",
        ["52"] = "TN", ["66"] = "TN", ["68"] = "TN",
        ["75"] = "DNB", ["79"] = "DNB", ["80"] = "DNB",
        ["82"] = "DBSCL", ["86"] = "DBSCL", ["91"] = "DBSCL", ["92"] = "DBSCL", ["96"] = "DBSCL",
    };

    private readonly Random _random = new(seed);

    public sealed record Unit(string ProvinceCode, string ProvinceName, string Code, string Name, string Type);

    /// <summary>The units of the reference file (province_code, province_name, unit_code, unit_name, unit_type).</summary>
    public static IReadOnlyList<Unit> ReadUnits(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var units = new List<Unit>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
            units.Add(new Unit(csv.GetField("province_code")!, csv.GetField("province_name")!, csv.GetField("unit_code")!,
                csv.GetField("unit_name")!, csv.GetField("unit_type")!.Trim()));
        return units;
    }

    public SampleSummary Write(IReadOnlyList<Unit> units, string samplesDirectory)
    {
        var dir = Path.Combine(samplesDirectory, Name);
        var provinces = units.Where(u => u.Type == "commune").GroupBy(u => (u.ProvinceCode, u.ProvinceName)).OrderBy(g => g.Key.ProvinceCode, StringComparer.Ordinal).ToArray();
        var unknown = provinces.Select(p => p.Key.ProvinceCode).FirstOrDefault(c => !RegionOf.ContainsKey(c));
        if (unknown is not null) throw new InvalidOperationException($"province code {unknown} has no region in the national sample generator");
        SampleCsv.Write(Path.Combine(dir, "provinces.csv"), rules.Catalogue, "province", [],
            provinces.Select(p => new Dictionary<string, object?> { ["id"] = p.Key.ProvinceCode, ["name"] = p.Key.ProvinceName }));

        var poverty = rules.InForce("poverty-household", AsOf) ?? throw new InvalidOperationException($"no poverty-household rule set in force on {AsOf:yyyy-MM-dd}");
        var householdBuilder = new HouseholdRowBuilder(poverty, AsOf, _random);
        var rowBuilder = new CommuneRowBuilder(rules.Catalogue, _random);
        var standards = RegionOf.Values.Distinct().ToDictionary(r => r, r => new CommuneStandards(rules, AsOf,
            new Dictionary<string, string> { ["effective_region"] = r, ["region"] = r, ["commune_group"] = "2" }));
        var totals = new int[4];
        var statuses = new Dictionary<string, int>();

        // Communes and households are written side by side, province by province.
        var communeRows = new List<Dictionary<string, object?>>();
        IEnumerable<IReadOnlyDictionary<string, object?>> Households()
        {
            foreach (var province in provinces)
            {
                var region = RegionOf[province.Key.ProvinceCode];
                var std = standards[region];
                var communes = province.ToArray();
                var n = communes.Length;
                var target = new CalibrationTarget(n, (int)Math.Round(NtmShare * n), (int)Math.Round(AdvancedShare * n),
                    (int)Math.Round(ModelShare * n), (int)Math.Round(CriteriaPerCommune * n));
                var plans = CommunePlanner.Plan(_random, target, std.NtmCriteria.Select(c => c.CriterionId).ToArray(), [], []);
                var households = new CommuneHouseholds(householdBuilder, std, _random, householdsPerCommune);
                for (var i = 0; i < n; i++)
                {
                    var c = communes[i];
                    var difficult = region == "TDMNPB" && _random.NextDouble() < 0.5;
                    var row = rowBuilder.Build(plans[i], std, new Dictionary<string, object?>
                    {
                        ["id"] = c.Code, ["name"] = "Xã " + c.Name, ["province_id"] = c.ProvinceCode,
                        ["region"] = region, ["commune_group"] = 2.0, ["especially_difficult"] = difficult,
                        ["atk_in_poor_district"] = false, ["in_poor_district"] = false, ["has_craft_village"] = _random.NextDouble() < 0.15,
                        ["near_poor_rate"] = Math.Round(2 + _random.NextDouble() * 6, 1),
                        ["resident_satisfaction_pct"] = Math.Round(plans[i].Ntm ? 86 + _random.NextDouble() * 12 : 70 + _random.NextDouble() * 22, 1),
                    });
                    var outcome = std.Check(row);
                    if (outcome.CriteriaMet != std.NtmCriteria.Count - plans[i].FailedCriteria.Count || outcome.Advanced != plans[i].Advanced || outcome.Model != plans[i].Model)
                        throw new InvalidOperationException($"commune {c.Code} came out as {outcome}, not as planned");
                    totals[0] += outcome.Ntm ? 1 : 0;
                    totals[1] += outcome.Advanced ? 1 : 0;
                    totals[2] += outcome.Model ? 1 : 0;
                    totals[3] += outcome.CriteriaMet;
                    var ethnicShare = region is "TDMNPB" or "TN" ? 0.7 : 0.15;
                    if (householdsPerCommune > 0)
                        foreach (var h in households.Generate(row, c.Code, ethnicShare))
                        {
                            var status = (string)h[CommuneHouseholds.StatusKey]!;
                            statuses[status] = statuses.GetValueOrDefault(status) + 1;
                            yield return h;
                        }
                    communeRows.Add(row);
                }
            }
        }

        if (householdsPerCommune > 0) SampleCsv.Write(Path.Combine(dir, "households.csv"), rules.Catalogue, "household", ["commune_id"], Households());
        else foreach (var _ in Households()) { }
        SampleCsv.Write(Path.Combine(dir, "communes.csv"), rules.Catalogue, "commune", ["province_id"], communeRows);
        return new SampleSummary(Name, AsOf, communeRows.Count, totals[0], totals[1], totals[2], totals[3], statuses.Values.Sum(), statuses);
    }
}
