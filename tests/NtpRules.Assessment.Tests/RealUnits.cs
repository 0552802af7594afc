using System.Text;

namespace NtpRules.Assessment.Tests;

/// <summary>
/// The real administrative units (../shared/data/vn-admin-units-2026.csv beside the repository) and data files built
/// from their rows: communes carrying the GSO code as id, with indicator values of a Lào Cai 2025 sample commune.
/// </summary>
internal static class RealUnits
{
    public static string File => Path.Combine(Path.GetDirectoryName(RepositoryPaths.Root)!, "shared", "data", "vn-admin-units-2026.csv");

    private static readonly Lazy<string[][]> Lines = new(() =>
        System.IO.File.ReadAllLines(File, Encoding.UTF8).Skip(1).Select(l => l.Split(',')).ToArray());

    /// <summary>The rows of the units file: province_code, province_name, unit_code, unit_name, unit_type.</summary>
    public static IReadOnlyList<string[]> Rows => Lines.Value;

    /// <summary>The commune rows (unit_type commune) of the province with that code.</summary>
    public static IReadOnlyList<string[]> CommunesOf(string provinceCode) =>
        Rows.Where(r => r[0] == provinceCode && r[4] == "commune").ToArray();

    private static readonly Lazy<string[]> SampleCommunes = new(() =>
        System.IO.File.ReadAllLines(Path.Combine(RepositoryPaths.Sample("lao-cai-2025"), "communes.csv"), Encoding.UTF8));

    /// <summary>
    /// Writes provinces.csv and communes.csv into <paramref name="folder"/>: one row per (id, name, province_id), each
    /// commune with the indicator values of the sample commune on the same position (the sample's own region and group).
    /// </summary>
    public static void WriteData(string folder, IEnumerable<(string Id, string Name, string Province)> communes, IEnumerable<(string Id, string Name)> provinces)
    {
        Directory.CreateDirectory(folder);
        var sample = SampleCommunes.Value;
        var header = sample[0].Split(',');
        var text = new StringBuilder().AppendJoin(',', header).Append('\n');
        var i = 0;
        foreach (var (id, name, province) in communes)
        {
            var fields = sample[1 + i++ % (sample.Length - 1)].Split(',');
            fields[Array.IndexOf(header, "id")] = id;
            fields[Array.IndexOf(header, "name")] = name;
            fields[Array.IndexOf(header, "province_id")] = province;
            text.AppendJoin(',', fields).Append('\n');
        }
        System.IO.File.WriteAllText(Path.Combine(folder, "communes.csv"), text.ToString());
        System.IO.File.WriteAllText(Path.Combine(folder, "provinces.csv"),
            "id,name\n" + string.Concat(provinces.Select(p => $"{p.Id},{p.Name}\n")));
    }

    public static string TempFolder(string tag)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ntp-{tag}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
