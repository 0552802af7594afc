using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions.Syntax;
using NtpRules.Language.RuleSets;

namespace NtpRules.Samples;

/// <summary>
/// Builds household rows that the poverty-household version in force classifies as planned. Income lines, the
/// middle-income limit, the number of deprivations that makes a household poor and each deprivation cut-off are
/// read from the rule file; which deprivations count is read from its <c>deprivation_count</c> definition.
/// </summary>
internal sealed class HouseholdRowBuilder
{
    private readonly RuleSet _set;
    private readonly DateOnly _asOf;
    private readonly Random _random;

    public HouseholdRowBuilder(RuleSet povertySet, DateOnly asOf, Random random)
    {
        (_set, _asOf, _random) = (povertySet, asOf, random);
        var count = povertySet.Definitions.FirstOrDefault(d => d.Id == "deprivation_count")
            ?? throw new InvalidOperationException($"{povertySet} has no deprivation_count definition");
        Deprivations = ExpressionParser.Parse(count.Expr.Text, count.Location, new DiagnosticBag()) is CallExpr { Function: "count_true" } call
            ? call.Arguments.OfType<NameExpr>().Select(n => n.Name).ToArray()
            : throw new InvalidOperationException($"{povertySet}: deprivation_count is not count_true(…)");
        foreach (var d in Deprivations)
            if (!Setters.ContainsKey(d)) throw new InvalidOperationException($"{povertySet}: the sample generator does not know deprivation '{d}'");
    }

    /// <summary>The deprivation definitions the version counts, in order.</summary>
    public IReadOnlyList<string> Deprivations { get; }

    public double Parameter(string id, string? area = null) =>
        new RequirementReader(_set, _asOf, area is null ? new Dictionary<string, string>() : new() { ["area"] = area }).Lookup(id);

    public Dictionary<string, object?> Build(string status, string area)
    {
        var line = Parameter("poverty_line", area);
        var middle = Parameter("middle_income_max", area);
        var poorMin = (int)Parameter("deprivations_poor_min");
        var (income, deprived) = status switch
        {
            HouseholdStatus.Poor => (Income(line * 0.45, line), _random.Next(poorMin, Math.Min(poorMin + 4, Deprivations.Count + 1))),
            HouseholdStatus.NearPoor => (Income(line * 0.6, line), _random.Next(0, poorMin)),
            HouseholdStatus.MiddleIncome => (Income(line + 1000, middle), _random.Next(0, 4)),
            _ => (Income(middle + 1000, middle * 2.5), _random.Next(0, 2)),
        };
        var size = _random.Next(2, 8);
        var row = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["area"] = area, ["income_per_person"] = income, ["household_size"] = (double)size,
        };
        var chosen = Deprivations.OrderBy(_ => _random.Next()).Take(deprived).ToHashSet();
        // Every known deprivation gets a value, counted by this version or not, so files of different years line up.
        foreach (var (id, set) in Setters) set(this, row, size, chosen.Contains(id));
        return row;
    }

    private double Income(double low, double high) => Math.Round((low + _random.NextDouble() * (high - low)) / 1000) * 1000;

    private double Cutoff(string parameter, double fallback) =>
        _set.FindParameter(parameter) is null ? fallback : Parameter(parameter);

    private delegate void Setter(HouseholdRowBuilder b, Dictionary<string, object?> row, int size, bool deprived);

    /// <summary>How each deprivation definition is made true or false on a row; cut-offs come from the rule file.</summary>
    private static readonly Dictionary<string, Setter> Setters = new(StringComparer.Ordinal)
    {
        ["deprived_employment"] = (b, r, _, d) => r["members_jobless_or_insecure"] = d ? (double)b._random.Next(1, 3) : 0.0,
        ["deprived_dependants"] = (b, r, size, d) =>
        {
            var share = b.Cutoff("dependants_share_max", 50);
            var most = Math.Floor(size * share / 100);          // the most dependants that are not more than the share
            r["dependants"] = d ? most + 1 : (double)b._random.Next(0, (int)most + 1);
        },
        ["deprived_nutrition"] = (_, r, _, d) => r["children_malnourished"] = d ? 1.0 : 0.0,
        ["deprived_health_insurance"] = (b, r, _, d) => r["members_6plus_uninsured"] = d ? (double)b._random.Next(1, 3) : 0.0,
        ["deprived_adult_education"] = (_, r, _, d) => r["adults_16_30_undereducated"] = d ? 1.0 : 0.0,
        ["deprived_child_schooling"] = (_, r, _, d) => r["children_out_of_school"] = d ? 1.0 : 0.0,
        ["deprived_housing_quality"] = (b, r, _, d) =>
        {
            var min = (int)b.Cutoff("nondurable_parts_min", 2);
            r["house_nondurable_parts"] = (double)(d ? b._random.Next(min, 4) : b._random.Next(0, min));
        },
        ["deprived_floor_area"] = (b, r, size, d) =>
        {
            var min = b.Cutoff("floor_area_per_person_min", 8);
            var perPerson = d ? min * (0.4 + 0.5 * b._random.NextDouble()) : min * (1.05 + 2 * b._random.NextDouble());
            r["floor_area_m2"] = d ? Math.Floor(perPerson * size * 10) / 10 : Math.Ceiling(perPerson * size * 10) / 10;
        },
        ["deprived_water"] = (_, r, _, d) => r["clean_water_access"] = !d,
        ["deprived_latrine"] = (_, r, _, d) => r["hygienic_latrine"] = !d,
        ["deprived_telecom"] = (_, r, _, d) => r["uses_telecom"] = !d,
        ["deprived_info_devices"] = (b, r, _, d) =>
        {
            var min = (int)b.Cutoff("info_devices_min", 1);
            r["info_devices"] = (double)(d ? b._random.Next(0, min) : b._random.Next(min, min + 3));
        },
        ["deprived_waste"] = (_, r, _, d) => r["waste_treated"] = !d,
    };
}
