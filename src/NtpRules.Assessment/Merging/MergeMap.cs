using System.Text;
using NtpRules.Assessment.Data;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Merging;

/// <summary>One row of a merge mapping: an old commune, the commune it became, optionally that commune's name and province.</summary>
public sealed record MergeRow(string OldId, string NewId, string? NewName, string? ProvinceId, SourceLocation Location);

/// <summary>
/// The mapping of old communes to the communes they were merged into (the 2025 reform): a CSV with the columns
/// <c>old_id,new_id</c> and optionally <c>new_name</c> and <c>province_id</c> (the merged commune's). An old commune
/// appears once; several old communes may share a new one. Problems are located errors (file, line, column).
/// </summary>
public sealed class MergeMap
{
    private static readonly string[] Required = ["old_id", "new_id"];
    private static readonly string[] Optional = ["new_name", "province_id"];

    private MergeMap(string file, IReadOnlyList<MergeRow> rows)
    {
        File = file;
        Rows = rows;
    }

    public string File { get; }
    public IReadOnlyList<MergeRow> Rows { get; }

    /// <summary>The new communes in the order they first appear, each with the rows of its predecessors.</summary>
    public IEnumerable<IGrouping<string, MergeRow>> NewCommunes => Rows.GroupBy(r => r.NewId, StringComparer.Ordinal);

    public static MergeMap? Load(string path, DiagnosticBag diagnostics)
    {
        if (ReferenceCsv.Open(path, "the merge mapping", DataCodes.BadMergeMap, Required, diagnostics) is not var (header, lines)) return null;
        var errors = diagnostics.Count(d => d.IsError);
        for (var i = 0; i < header.Length; i++)
            if (!Required.Contains(header[i]) && !Optional.Contains(header[i]))
                diagnostics.Error(DataCodes.BadMergeMap, $"unknown column '{header[i]}' in the merge mapping (expected old_id,new_id[,new_name,province_id])",
                    new SourceLocation(path, 1, Column(lines[0], i)), Language.Documents.EditDistance.Hint(header[i], Required.Concat(Optional)));
        if (diagnostics.Count(d => d.IsError) > errors) return null;

        int At(string c) => Array.IndexOf(header, c);
        var rows = new List<MergeRow>();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 1; n < lines.Length; n++)
        {
            if (lines[n].Trim().Length == 0) continue;
            var f = lines[n].Split(',');
            var line = n + 1;
            if (f.Length != header.Length)
            {
                diagnostics.Error(DataCodes.BadMergeMap, $"the row has {f.Length} fields but the header has {header.Length}", new SourceLocation(path, line, 1));
                continue;
            }
            string? Field(string c) => At(c) is >= 0 and var i && f[i].Trim() is { Length: > 0 } v ? v : null;
            var (oldId, newId) = (Field("old_id"), Field("new_id"));
            foreach (var (name, value) in new[] { ("old_id", oldId), ("new_id", newId) }.Where(x => x.Item2 is null))
                diagnostics.Error(DataCodes.BadMergeMap, $"the row has no {name}", new SourceLocation(path, line, Column(lines[n], At(name))));
            if (oldId is null || newId is null) continue;
            if (!first.TryAdd(oldId, line))
            {
                diagnostics.Error(DataCodes.MappedTwice, $"old commune '{oldId}' is mapped twice (first at line {first[oldId]})",
                    new SourceLocation(path, line, Column(lines[n], At("old_id"))), "each old commune goes into exactly one new commune");
                continue;
            }
            rows.Add(new MergeRow(oldId, newId, Field("new_name"), Field("province_id"), new SourceLocation(path, line, Column(lines[n], At("old_id")))));
        }
        if (rows.Count == 0 && diagnostics.Count(d => d.IsError) == errors)
            diagnostics.Error(DataCodes.BadMergeMap, "the merge mapping has no rows", new SourceLocation(path, 1, 1));
        CheckConsistent(rows, diagnostics);
        return diagnostics.Count(d => d.IsError) > errors ? null : new MergeMap(path, rows);
    }

    /// <summary>The rows of one new commune must not give it two names or two provinces.</summary>
    private static void CheckConsistent(List<MergeRow> rows, DiagnosticBag diagnostics)
    {
        foreach (var g in rows.GroupBy(r => r.NewId, StringComparer.Ordinal))
            foreach (var (what, pick) in new (string, Func<MergeRow, string?>)[] { ("new_name", r => r.NewName), ("province_id", r => r.ProvinceId) })
            {
                var given = g.Where(r => pick(r) is not null).ToArray();
                if (given.FirstOrDefault(r => pick(r) != pick(given[0])) is { } clash)
                    diagnostics.Error(DataCodes.BadMergeMap, $"new commune '{g.Key}' has {what} '{pick(clash)}' here but '{pick(given[0])}' at line {given[0].Location.Line}",
                        clash.Location);
            }
    }

    /// <summary>The 1-based column where field <paramref name="index"/> of a comma-separated line starts.</summary>
    private static int Column(string line, int index)
    {
        var column = 1;
        for (var i = 0; i < index; i++) column = line.IndexOf(',', column - 1) + 2;
        return column;
    }
}
