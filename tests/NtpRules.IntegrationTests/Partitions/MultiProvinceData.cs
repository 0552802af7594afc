using System.Text;

namespace NtpRules.IntegrationTests.Partitions;

/// <summary>
/// A data set of several provinces made from a bundled sample: one copy per province, every id and parent id
/// prefixed by the copy, and in each copy the rows' values (everything but ids and names) drawn from other rows of
/// the same file, so the provinces differ. Rows are interleaved across copies (the first commune of every province,
/// then the second…), so the order of the data is not the order of the provinces. With <c>childrenFirst</c> the
/// households' file is read before the communes' and the communes name only their district (read after them), so
/// that records come before the parents that place them in a province.
/// </summary>
internal static class MultiProvinceData
{
    public static string Write(string sample, string target, int copies, int seed, bool interleave = true, bool childrenFirst = false)
    {
        Directory.CreateDirectory(target);
        var random = new Random(seed);
        foreach (var file in Directory.GetFiles(Path.Combine(RealData.RepoRoot(), "samples", sample), "*.csv"))
        {
            var lines = File.ReadAllLines(file, Encoding.UTF8).Where(l => l.Length > 0).ToArray();
            var header = lines[0].Split(',');
            var kept = header.Select((h, i) => (h, i)).Where(x => x.h is "id" or "name" || x.h.EndsWith("_id")).Select(x => x.i).ToHashSet();
            // The sample's CSVs quote no field, so a split is exact.
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
            var copied = new List<(int Row, int Copy, string Line)>();
            for (var copy = 0; copy < copies; copy++)
                for (var r = 0; r < rows.Length; r++)
                {
                    var source = copy == 0 ? rows[r] : rows[random.Next(rows.Length)];
                    var cells = rows[r].Select((cell, i) => kept.Contains(i) ? cell : source[i]).ToArray();
                    foreach (var i in kept)
                        if (header[i] != "name" && cells[i].Length > 0) cells[i] = $"P{copy}-{cells[i]}";
                    if (childrenFirst && Path.GetFileName(file) == "communes.csv" && Array.IndexOf(header, "district_id") >= 0)
                        cells[Array.IndexOf(header, "province_id")] = "";
                    copied.Add((r, copy, string.Join(',', cells)));
                }
            var ordered = interleave ? copied.OrderBy(c => c.Row).ThenBy(c => c.Copy) : copied.OrderBy(c => c.Copy).ThenBy(c => c.Row);
            var name = childrenFirst && Path.GetFileName(file) == "households.csv" ? "0-households.csv" : Path.GetFileName(file);
            File.WriteAllLines(Path.Combine(target, name), ordered.Select(c => c.Line).Prepend(lines[0]), new UTF8Encoding(false));
        }
        return target;
    }
}
