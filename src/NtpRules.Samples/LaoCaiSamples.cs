using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;

namespace NtpRules.Samples;

/// <summary>
/// A Lào Cai-like province (126 communes in 9 districts, all in the TDMNPB region) for 2024 and 2025, and
/// households of six of its communes for 2024 and 2027. 2024 reproduces the published figures (62 NTM communes,
/// 4 advanced, 12.63 criteria per commune); 2025 misses some of the province's 2025 targets and meets others.
/// </summary>
internal sealed class LaoCaiSamples(RuleLibrary rules, int seed)
{
    public const string ProvinceId = "LC";
    public static readonly DateOnly AsOf2024 = new(2024, 12, 31), AsOf2025 = new(2025, 12, 31), AsOf2027 = new(2027, 6, 30);

    /// <summary>Published 2024 figures (criteria-reference.md §12): 62 NTM, 4 advanced, 12.63 x 126 = 1591 criteria met.</summary>
    public static readonly CalibrationTarget Target2024 = new(126, 62, 4, 0, 1591);

    private sealed record District(string Id, string Name, int Communes, bool Poor, bool Lowland);

    // Pre-2025 districts of Lào Cai; the commune counts are this sample's, summing to 126.
    private static readonly District[] Districts =
    [
        new("LC-D1", "Thành phố Lào Cai", 5, false, true), new("LC-D2", "Thị xã Sa Pa", 10, false, true),
        new("LC-D3", "Huyện Bát Xát", 20, false, false), new("LC-D4", "Huyện Mường Khương", 15, true, false),
        new("LC-D5", "Huyện Si Ma Cai", 12, true, false), new("LC-D6", "Huyện Bắc Hà", 18, false, false),
        new("LC-D7", "Huyện Bảo Thắng", 13, false, true), new("LC-D8", "Huyện Bảo Yên", 16, false, true),
        new("LC-D9", "Huyện Văn Bàn", 17, false, true),
    ];

    private sealed record Commune(int Index, string Id, string Name, District District, bool EspeciallyDifficult, int Group, bool CraftVillage, double EthnicShare);

    private readonly Random _random = new(seed);

    public IReadOnlyList<SampleSummary> WriteAll(string samplesDirectory)
    {
        var communes = Communes();
        var summaries = new List<SampleSummary>();

        // 2024: calibrated to the published figures.
        var std24 = Standards(AsOf2024, 2);
        var criteria = std24.NtmCriteria.Select(c => c.CriterionId).ToArray();
        var lowland = communes.Where(c => c.District.Lowland).OrderBy(_ => _random.Next()).Select(c => c.Index);
        var plan24 = CommunePlanner.Plan(_random, Target2024, criteria,
            [.. communes.Where(c => c.District.Id == "LC-D1").Select(c => c.Index), .. lowland.Take(40)], [0]);
        var withHouseholds = PickHouseholdCommunes(plan24);
        var rows24 = CommuneRows(communes, plan24, _ => std24, AsOf2024, withDistrict: true);
        var households24 = Households(rows24, withHouseholds, AsOf2024);
        var dir24 = Path.Combine(samplesDirectory, "lao-cai-2024");
        WriteProvince(dir24, poverty: 13.28, emPoverty: 19.85);
        SampleCsv.Write(Path.Combine(dir24, "districts.csv"), rules.Catalogue, "district", ["province_id"], DistrictRows());
        SampleCsv.Write(Path.Combine(dir24, "communes.csv"), rules.Catalogue, "commune", ["district_id", "province_id"], rows24.Select(r => r.Row));
        SampleCsv.Write(Path.Combine(dir24, "households.csv"), rules.Catalogue, "household", ["commune_id"], households24.Rows);
        summaries.Add(Summary("lao-cai-2024", AsOf2024, rows24, Target2024, households24.Statuses));

        // 2025: a mix around the province's 2025 targets, read from the targets-lao-cai rule file.
        var target2025 = Target2025(out var emFall);
        var std25 = Standards(AsOf2025, 2);
        var plan25 = CommunePlanner.Progress(_random, plan24, target2025, criteria);
        var rows25 = CommuneRows(communes, plan25, _ => std25, AsOf2025, withDistrict: false);
        var dir25 = Path.Combine(samplesDirectory, "lao-cai-2025");
        WriteProvince(dir25, poverty: 9.62, emPoverty: Math.Round(19.85 - emFall, 2));
        SampleCsv.Write(Path.Combine(dir25, "communes.csv"), rules.Catalogue, "commune", ["province_id"], rows25.Select(r => r.Row));
        summaries.Add(Summary("lao-cai-2025", AsOf2025, rows25, target2025, new Dictionary<string, int>()));

        // 2027: the household communes under the 2026-2030 criteria (by commune group) and the Decree 351 lines.
        var chosen = communes.Where(c => withHouseholds.Contains(c.Index)).ToArray();
        var stdByGroup = new[] { 1, 2, 3 }.ToDictionary(g => g, g => Standards(AsOf2027, g));
        var criteria27 = stdByGroup[2].NtmCriteria.Select(c => c.CriterionId).ToArray();
        var plan27 = chosen.Select(c => new CommunePlan(c.Index, criteria27.OrderBy(_ => _random.Next()).Take(_random.Next(0, 3)).ToHashSet(), false, false)).ToArray();
        var rows27 = CommuneRows(chosen, plan27, c => stdByGroup[c.Group], AsOf2027, withDistrict: false);
        var households27 = Households(rows27, withHouseholds, AsOf2027);
        var dir27 = Path.Combine(samplesDirectory, "households-2027");
        WriteProvince(dir27, poverty: null, emPoverty: null);
        SampleCsv.Write(Path.Combine(dir27, "communes.csv"), rules.Catalogue, "commune", ["province_id"], rows27.Select(r => r.Row));
        SampleCsv.Write(Path.Combine(dir27, "households.csv"), rules.Catalogue, "household", ["commune_id"], households27.Rows);
        summaries.Add(Summary("households-2027", AsOf2027, rows27, null, households27.Statuses));
        return summaries;
    }

    private CommuneStandards Standards(DateOnly asOf, int group) =>
        new(rules, asOf, new Dictionary<string, string> { ["effective_region"] = "TDMNPB", ["region"] = "TDMNPB", ["commune_group"] = group.ToString() });

    private List<Commune> Communes()
    {
        var names = VietnameseNames.Communes(_random, Districts.Sum(d => d.Communes));
        var list = new List<Commune>();
        foreach (var d in Districts)
            for (var i = 0; i < d.Communes; i++)
            {
                var n = list.Count;
                // Highland communes are mostly region III (especially difficult): 70 such communes in Lào Cai (Decision 861/QĐ-TTg).
                var difficult = !d.Lowland ? _random.NextDouble() < 0.85 : d.Id != "LC-D1" && _random.NextDouble() < 0.12;
                var group = d.Id == "LC-D1" ? 1 : difficult ? 3 : 2;
                list.Add(new Commune(n, $"LC-{n + 1:000}", names[n], d, difficult, group, _random.NextDouble() < 0.15, d.Lowland ? 0.45 : 0.9));
            }
        return list;
    }

    /// <summary>Three NTM and three non-NTM communes, one of each kind meeting and missing the poverty criterion where the plan allows.</summary>
    private HashSet<int> PickHouseholdCommunes(IReadOnlyList<CommunePlan> plans)
    {
        var ntm = plans.Where(p => p.Ntm).Select(p => p.Index).Take(3);
        var poor = plans.Where(p => !p.Ntm && p.FailedCriteria.Contains("c11")).Select(p => p.Index).Take(2);
        var other = plans.Where(p => !p.Ntm && !p.FailedCriteria.Contains("c11")).Select(p => p.Index).Take(1);
        return [.. ntm, .. poor, .. other];
    }

    private sealed record CommuneRow(Commune Commune, Dictionary<string, object?> Row, CommuneOutcome Outcome, CommuneStandards Standards);

    private List<CommuneRow> CommuneRows(IReadOnlyList<Commune> communes, IReadOnlyList<CommunePlan> plans, Func<Commune, CommuneStandards> standards, DateOnly asOf, bool withDistrict)
    {
        var builder = new CommuneRowBuilder(rules.Catalogue, _random);
        var rows = new List<CommuneRow>();
        foreach (var c in communes)
        {
            var plan = plans.First(p => p.Index == c.Index);
            var std = standards(c);
            var row = builder.Build(plan, std, new Dictionary<string, object?>
            {
                ["id"] = c.Id, ["name"] = c.Name, ["district_id"] = withDistrict ? c.District.Id : null, ["province_id"] = ProvinceId,
                ["region"] = "TDMNPB", ["commune_group"] = (double)c.Group, ["especially_difficult"] = c.EspeciallyDifficult,
                ["atk_in_poor_district"] = false, ["in_poor_district"] = c.District.Poor, ["has_craft_village"] = c.CraftVillage,
                ["near_poor_rate"] = Math.Round(3 + _random.NextDouble() * 9, 1),
                ["resident_satisfaction_pct"] = Math.Round(plan.Ntm ? 86 + _random.NextDouble() * 12 : 70 + _random.NextDouble() * 22, 1),
            });
            var outcome = std.Check(row);
            if (outcome.CriteriaMet != std.NtmCriteria.Count - plan.FailedCriteria.Count || outcome.Advanced != plan.Advanced || outcome.Model != plan.Model)
                throw new InvalidOperationException($"{asOf:yyyy}: commune {c.Id} came out as {outcome}, not as planned ({plan.FailedCriteria.Count} failed, advanced {plan.Advanced}, model {plan.Model})");
            rows.Add(new CommuneRow(c, row, outcome, std));
        }
        return rows;
    }

    private sealed record HouseholdSet(List<Dictionary<string, object?>> Rows, Dictionary<string, int> Statuses);

    /// <summary>
    /// 40 households per chosen commune. The number of poor households is set so that the derived poverty rate
    /// gives the poverty criterion the same verdict as the commune's planned rate, which is then left blank.
    /// </summary>
    private HouseholdSet Households(List<CommuneRow> rows, HashSet<int> chosen, DateOnly asOf)
    {
        const int perCommune = 40;
        var poverty = rules.InForce("poverty-household", asOf) ?? throw new InvalidOperationException($"no poverty-household rule set in force on {asOf:yyyy-MM-dd}");
        var builder = new HouseholdRowBuilder(poverty, asOf, _random);
        var result = new HouseholdSet([], new Dictionary<string, int>());
        foreach (var row in rows.Where(r => chosen.Contains(r.Commune.Index)))
        {
            var c = row.Commune;
            var households = new CommuneHouseholds(builder, row.Standards, _random, perCommune);
            foreach (var h in households.Generate(row.Row, c.Id, c.EthnicShare))
            {
                result.Rows.Add(h);
                var status = (string)h[CommuneHouseholds.StatusKey]!;
                h.Remove(CommuneHouseholds.StatusKey);
                result.Statuses[status] = result.Statuses.GetValueOrDefault(status) + 1;
            }
        }
        return result;
    }

    /// <summary>
    /// The 2025 calibration: below the province's NTM and advanced targets, above its criteria-per-commune target,
    /// and an ethnic-minority poverty fall just above its target, so the report shows both verdicts.
    /// </summary>
    private CalibrationTarget Target2025(out double emFall)
    {
        var set = rules.InForce("targets-lao-cai", AsOf2025) ?? throw new InvalidOperationException("no targets-lao-cai rule set in force on 2025-12-31");
        double Value(string id) => set.Targets.FirstOrDefault(t => t.Id == id)?.Value ?? throw new InvalidOperationException($"targets-lao-cai has no target '{id}'");
        emFall = Value("lao-cai-em-poverty-fall-2025") + 0.35;
        var communes = Target2024.Communes;
        var ntm = (int)Value("lao-cai-ntm-communes-2025") - 4;
        var advanced = (int)Value("lao-cai-advanced-communes-2025") - 3;
        var total = (int)Math.Ceiling((Value("lao-cai-average-criteria-2025") + 0.5) * communes);
        return new CalibrationTarget(communes, ntm, advanced, 2, total);
    }

    private void WriteProvince(string dir, double? poverty, double? emPoverty) =>
        SampleCsv.Write(Path.Combine(dir, "provinces.csv"), rules.Catalogue, "province", [],
            [new Dictionary<string, object?> { ["id"] = ProvinceId, ["name"] = "Tỉnh Lào Cai", ["poverty_rate"] = poverty, ["em_poverty_rate"] = emPoverty }]);

    private IEnumerable<IReadOnlyDictionary<string, object?>> DistrictRows()
    {
        foreach (var d in Districts)
        {
            var city = d.Id == "LC-D1";
            var towns = city ? 0 : _random.Next(1, 3);
            var row = new Dictionary<string, object?>
            {
                ["id"] = d.Id, ["name"] = d.Name, ["province_id"] = ProvinceId,
                ["district_towns"] = (double)towns, ["district_towns_civilised"] = (double)(city ? 0 : _random.Next(0, towns + 1)),
                ["resident_satisfaction_pct"] = Math.Round(city ? 93.5 : 78 + _random.NextDouble() * 14, 1),
            };
            foreach (var k in rules.Catalogue.IndicatorsOf("district").Where(i => i.Key.StartsWith("d_", StringComparison.Ordinal)))
                row[k.Key] = city || _random.NextDouble() < 0.6;
            yield return row;
        }
    }

    private static SampleSummary Summary(string name, DateOnly asOf, List<CommuneRow> rows, CalibrationTarget? target, Dictionary<string, int> statuses)
    {
        var s = new SampleSummary(name, asOf, rows.Count, rows.Count(r => r.Outcome.Ntm), rows.Count(r => r.Outcome.Advanced), rows.Count(r => r.Outcome.Model),
            rows.Sum(r => r.Outcome.CriteriaMet), statuses.Values.Sum(), statuses);
        if (target is not null && (s.Ntm != target.Ntm || s.Advanced != target.Advanced || s.Model != target.Model || s.CriteriaMet != target.TotalCriteriaMet))
            throw new InvalidOperationException($"{name} came out as {s.Ntm} NTM, {s.Advanced} advanced, {s.Model} model, {s.CriteriaMet} criteria met; the calibration asked for {target}");
        return s;
    }
}
