using NtpRules.Assessment.Data;
using NtpRules.Assessment.Results;
using NtpRules.Assessment.Units;
using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Merging;

/// <summary>
/// The steps of merging old communes' data, shared by <c>assess --merge-map</c> and <c>data merge</c>: load the
/// mapping, merge, and (with a units list) check the merged communes' ids, which are the new communes' codes.
/// </summary>
public static class DataMerge
{
    /// <summary>Reads the data files (with the parent check), then merges them; null with the errors when any step fails.</summary>
    public static MergedData? ReadAndMerge(IndicatorCatalogue catalogue, IReadOnlyList<string> files, string mapFile, string? unitsFile, DiagnosticBag diagnostics)
    {
        var reading = new DataReading(catalogue.ToRecordCatalogue(), files);
        var records = reading.Records().ToList();
        diagnostics.AddRange(reading.Diagnostics);
        if (diagnostics.HasErrors) return null;
        ParentCheck.Check(records, diagnostics);
        return diagnostics.HasErrors ? null : Apply(records, mapFile, unitsFile, catalogue, diagnostics);
    }

    public static MergedData? Apply(IReadOnlyList<DataRecord> records, string mapFile, string? unitsFile, IndicatorCatalogue catalogue, DiagnosticBag diagnostics)
    {
        var map = MergeMap.Load(mapFile, diagnostics);
        var merged = map is null ? null : CommuneMerger.Merge(records, map, catalogue, diagnostics);
        if (merged is null) return null;
        if (unitsFile is not null && AdminUnits.Load(unitsFile, diagnostics) is { } units) UnitsCheck.Check(merged.Records, units, diagnostics);
        return diagnostics.HasErrors ? null : merged;
    }

    /// <summary>Where a merged commune's values came from, as Markdown: one table per merged commune.</summary>
    public static void WriteProvenance(TextWriter w, MergedData data, string mapFile)
    {
        w.WriteLine("# Merged communes");
        w.WriteLine();
        w.WriteLine($"Merged by `{Path.GetFileName(mapFile)}` and the catalogue's merge rules; a blank value is unknown and the last column says why.");
        foreach (var (id, provenance) in data.Provenance)
        {
            var record = data.Records.First(r => r.Kind == CommuneMerger.Kind && r.Id == id);
            w.WriteLine();
            w.WriteLine($"## {Cell(record.Name ?? id)} ({Cell(id)}), from {Cell(string.Join(", ", provenance.Predecessors))}");
            w.WriteLine();
            w.WriteLine("| indicator | value | rule | how |");
            w.WriteLine("|---|---|---|---|");
            foreach (var v in provenance.Values)
                w.WriteLine($"| {Cell(v.Key)} | {(v.Value is null ? "" : Cell(CommuneMerger.Text(v.Value)))} | {Cell(v.Rule)} | {Cell(v.Explanation)} |");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");

    /// <summary>
    /// The merged data as CSV files, one per subject kind (<c>communes.csv</c>, <c>households.csv</c> …): id, name, the
    /// parent-id columns used, then the catalogue keys any record of the kind has, in catalogue order.
    /// </summary>
    public static IEnumerable<(string FileName, Action<TextWriter> Write)> DataFiles(MergedData data, IndicatorCatalogue catalogue)
    {
        foreach (var kind in catalogue.Subjects)
        {
            var rows = data.Records.Where(r => r.Kind == kind.Kind).ToArray();
            if (rows.Length == 0) continue;
            var parents = kind.Parents.Where(p => rows.Any(r => r.Parents.ContainsKey(p))).ToArray();
            var keys = catalogue.IndicatorsOf(kind.Kind).Select(i => i.Key).Where(k => rows.Any(r => r.Values.GetValueOrDefault(k) is not null)).ToArray();
            yield return ($"{kind.Kind}s.csv", w =>
            {
                w.Write(string.Join(',', new[] { "id", "name" }.Concat(parents.Select(p => p + "_id")).Concat(keys)));
                w.Write('\n');
                foreach (var r in rows)
                {
                    var fields = new[] { r.Id, r.Name ?? "" }.Concat(parents.Select(p => r.Parents.GetValueOrDefault(p) ?? ""))
                        .Concat(keys.Select(k => Csv(r.Values.GetValueOrDefault(k))));
                    w.Write(string.Join(',', fields.Select(Quote)));
                    w.Write('\n');
                }
            });
        }
    }

    private static string Csv(object? v) => v switch
    {
        null => "",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => CommuneMerger.Text(v),
    };

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
