using System.Globalization;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Results;
using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Merging;

/// <summary>The data after merging: the merged communes in place of the old ones, and where each merged value came from.</summary>
public sealed record MergedData(IReadOnlyList<DataRecord> Records, IReadOnlyDictionary<string, MergeProvenance> Provenance);

/// <summary>
/// Rebuilds each merged commune from its predecessors by the catalogue's <c>merge:</c> rule of every indicator:
/// shares weighted by their base, counts summed, booleans by all / any (three-valued: unknown when undecidable),
/// designations kept when every predecessor has the same one, and no value where no sound rule exists. A commune
/// with a single predecessor keeps its values (a renamed commune is the same commune). Records under an old commune
/// (households, villages) are moved under the new one; other records are kept as they are.
/// </summary>
public static class CommuneMerger
{
    public const string Kind = "commune";

    public static MergedData? Merge(IReadOnlyList<DataRecord> records, MergeMap map, IndicatorCatalogue catalogue, DiagnosticBag diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var communes = records.Where(r => r.Kind == Kind).GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var row in map.Rows.Where(r => !communes.ContainsKey(r.OldId)))
            diagnostics.Error(DataCodes.MappedCommuneNotInData, $"old commune '{row.OldId}' is not a commune in the data", row.Location,
                Language.Documents.EditDistance.Hint(row.OldId, communes.Keys) ?? "check the id against the data's communes");
        var newOf = map.Rows.ToDictionary(r => r.OldId, r => r.NewId, StringComparer.Ordinal);
        foreach (var c in communes.Values.Where(c => !newOf.ContainsKey(c.Id)))
            diagnostics.Error(DataCodes.CommuneNotMapped, $"commune '{c.Id}' is in no row of the merge mapping {Path.GetFileName(map.File)}", c.Location,
                $"add a row '{c.Id},<new id>' (a commune that was not merged maps to itself or its new code)");
        if (diagnostics.Count(d => d.IsError) > errors) return null;

        var indicators = catalogue.IndicatorsOf(Kind).ToArray();
        var merged = new Dictionary<string, DataRecord>(StringComparer.Ordinal);
        var provenance = new Dictionary<string, MergeProvenance>(StringComparer.Ordinal);
        foreach (var group in map.NewCommunes)
        {
            var rows = group.ToArray();
            var predecessors = rows.Select(r => communes[r.OldId]).ToArray();
            var parents = Parents(group.Key, rows, predecessors, diagnostics);
            if (parents is null) continue;
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            var explained = new List<MergedValue>();
            foreach (var indicator in indicators)
            {
                var m = MergeValue(indicator, predecessors, catalogue);
                if (m is null) continue;
                values[indicator.Key] = m.Value;
                explained.Add(m);
            }
            var name = rows.Select(r => r.NewName).FirstOrDefault(n => n is not null)
                       ?? string.Join(" + ", predecessors.Select(p => p.Name ?? p.Id));
            merged[group.Key] = new DataRecord(Kind, group.Key, name, parents, values, rows[0].Location);
            provenance[group.Key] = new MergeProvenance(predecessors.Select(p => p.Id).ToArray(), explained);
        }
        if (diagnostics.Count(d => d.IsError) > errors) return null;

        // The merged communes take the place of their predecessors; children follow their commune.
        var result = new List<DataRecord>(records.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            if (r.Kind == Kind)
            {
                if (placed.Add(newOf[r.Id])) result.Add(merged[newOf[r.Id]]);
                continue;
            }
            result.Add(r.Parents.TryGetValue(Kind, out var old) && newOf.TryGetValue(old, out var now) && now != old
                ? r with { Parents = new Dictionary<string, string>(r.Parents) { [Kind] = now } }
                : r);
        }
        return new MergedData(result, provenance);
    }

    /// <summary>
    /// The merged commune's parents: the province the mapping gives, else the one its predecessors share; a district
    /// only when they all share it (data up to 2025-06-30 still has districts).
    /// </summary>
    private static Dictionary<string, string>? Parents(string newId, MergeRow[] rows, DataRecord[] predecessors, DiagnosticBag diagnostics)
    {
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kind in predecessors.SelectMany(p => p.Parents.Keys).Distinct())
        {
            var ids = predecessors.Select(p => p.Parents.GetValueOrDefault(kind)).Distinct().ToArray();
            if (ids is [{ } only]) parents[kind] = only;
        }
        if (rows.Select(r => r.ProvinceId).FirstOrDefault(p => p is not null) is { } province) parents["province"] = province;
        else if (!parents.ContainsKey("province") && predecessors.Select(p => p.Parents.GetValueOrDefault("province")).OfType<string>().Distinct().ToArray() is { Length: > 1 } several)
        {
            diagnostics.Error(DataCodes.MergedAcrossProvinces, $"new commune '{newId}' is merged from communes of provinces {string.Join(", ", several)}; give its province_id",
                rows[0].Location, "add a province_id column to the mapping");
            return null;
        }
        return parents;
    }

    /// <summary>One indicator of the merged commune, or null when no predecessor has a value and no rule speaks of it.</summary>
    internal static MergedValue? MergeValue(CatalogueIndicator indicator, IReadOnlyList<DataRecord> predecessors, IndicatorCatalogue catalogue)
    {
        var key = indicator.Key;
        var from = predecessors.Select(p => new PredecessorValue(p.Id, p.Values.GetValueOrDefault(key))).ToArray();
        if (from.All(f => f.Value is null)) return null;
        if (predecessors.Count == 1)
            return new MergedValue(key, from[0].Value, "single", from, $"{from[0].Id} {Text(from[0].Value)}: the only predecessor");
        var rule = indicator.Merge;
        var list = string.Join(", ", from.Select(f => $"{f.Id} {Text(f.Value)}"));
        MergedValue Unknown(string ruleName, string why, IReadOnlyList<PredecessorValue>? withWeights = null) =>
            new(key, null, ruleName, withWeights ?? from, $"unknown: {why}");
        if (rule is null) return Unknown("none", $"the catalogue declares no merge rule for {key} ({list})");
        var missing = from.Where(f => f.Value is null).Select(f => f.Id).ToArray();
        string Missing(string what) => $"{string.Join(", ", missing)} {(missing.Length == 1 ? "has" : "have")} no {what}";
        switch (rule.Rule)
        {
            case MergeRule.Unknown:
                return Unknown("unknown", $"no sound merge rule: {rule.Reason} ({list})");
            case MergeRule.WeightedBy:
            {
                var baseKey = rule.Base!;
                var weighted = predecessors.Select((p, i) => from[i] with { Weight = Number(p.Values.GetValueOrDefault(baseKey)) }).ToArray();
                var rule0 = $"weighted_by {baseKey}";
                if (missing.Length > 0) return Unknown(rule0, Missing(key), weighted);
                var noBase = weighted.Where(w => w.Weight is null).Select(w => w.Id).ToArray();
                if (noBase.Length > 0) return Unknown(rule0, $"{string.Join(", ", noBase)} {(noBase.Length == 1 ? "has" : "have")} no {baseKey}, the base of {key}", weighted);
                var total = weighted.Sum(w => w.Weight!.Value);
                if (total <= 0) return Unknown(rule0, $"the predecessors' {baseKey} adds up to 0");
                var value = weighted.Sum(w => Number(w.Value)!.Value * w.Weight!.Value) / total;
                return new MergedValue(key, value, rule0, weighted,
                    $"weighted by {baseKey}: ({string.Join(" + ", weighted.Select(w => $"{w.Id} {Text(w.Value)} × {Text(w.Weight)}"))}) / {Text(total)} = {Text(value)}");
            }
            case MergeRule.Sum:
            {
                if (missing.Length > 0) return Unknown("sum", Missing(key));
                // An integer count stays an integer (a data cell of that column reads as long).
                var value = indicator.Type == Language.Documents.DataType.Integer
                    ? (object)from.Sum(f => Convert.ToInt64(f.Value, CultureInfo.InvariantCulture))
                    : from.Sum(f => Number(f.Value)!.Value);
                return new MergedValue(key, value, "sum", from, $"sum: {string.Join(" + ", from.Select(f => $"{f.Id} {Text(f.Value)}"))} = {Text(value)}");
            }
            case MergeRule.All or MergeRule.Any:
            {
                var all = rule.Rule == MergeRule.All;
                var word = all ? "all" : "any";
                // Three-valued: one false decides "all", one true decides "any"; otherwise a missing value leaves it unknown.
                var decisive = from.FirstOrDefault(f => f.Value is bool b && b != all);
                if (decisive is not null)
                    return new MergedValue(key, !all, word, from, $"{word}: {decisive.Id} is {Text(decisive.Value)}, so {Text(!all)} ({list})");
                if (missing.Length > 0) return Unknown(word, $"{Missing(key)} and the others are {Text(all)} ({list})");
                return new MergedValue(key, all, word, from, $"{word}: every predecessor is {Text(all)} ({list})");
            }
            case MergeRule.Same:
            {
                if (missing.Length > 0) return Unknown("same", Missing(key) + $" ({list})");
                var distinct = from.Select(f => f.Value).Distinct().ToArray();
                if (distinct.Length > 1) return Unknown("same", $"the predecessors differ ({list}): {rule.Reason}");
                return new MergedValue(key, distinct[0], "same", from, $"same: every predecessor has {Text(distinct[0])}");
            }
            default:
                return Unknown("none", $"merge rule {rule.Rule} is not known");
        }
    }

    private static double? Number(object? v) => v switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => null,
    };

    internal static string Text(object? v) => v switch
    {
        null => "unknown",
        bool b => b ? "true" : "false",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
