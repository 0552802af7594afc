using System.Text;
using NtpRules.Assessment.Data;
using NtpRules.Language.Library;

namespace NtpRules.IntegrationTests;

/// <summary>The repository's rules and sample data, for tests that run the shipped pipeline.</summary>
internal static class RealData
{
    public static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "NtpRules.sln"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("NtpRules.sln not found");
        return dir;
    }

    /// <summary>Copies the repository's rules folder (catalogue, rule sets, their tests) to <paramref name="target"/>.</summary>
    public static void CopyRules(string target)
    {
        var source = Path.Combine(RepoRoot(), "rules");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }

    /// <summary>The rows of a bundled sample data set (samples/&lt;name&gt;), read against the library's catalogue.</summary>
    public static List<DataRecord> SampleRows(RuleLibrary library, string name) =>
        new DataReading(library.Catalogue.ToRecordCatalogue(), DataReading.FindFiles(Path.Combine(RepoRoot(), "samples", name))).Records().ToList();

    /// <summary>The administrative units after the 2025 reform (../shared/data/vn-admin-units-2026.csv beside the repository).</summary>
    public static string UnitsFile => Path.Combine(Path.GetDirectoryName(RepoRoot())!, "shared", "data", "vn-admin-units-2026.csv");

    /// <summary>The commune rows (province_code, province_name, unit_code, unit_name, unit_type) of a province in the units file.</summary>
    public static string[][] UnitCommunes(string provinceCode) =>
        File.ReadLines(UnitsFile, Encoding.UTF8).Skip(1).Select(l => l.Split(',')).Where(f => f[0] == provinceCode && f[4] == "commune").ToArray();

    /// <summary>
    /// A communes file whose rows are the Lào Cai 2025 sample's first rows with the given ids, names and province, plus
    /// <c>resident_households</c> (the base of household shares) and a <c>poverty_rate</c> of each row's own.
    /// </summary>
    public static string CommunesWithBase(IReadOnlyList<(string Id, string Name, string Province, long Households, double PovertyRate)> rows)
    {
        var lines = SampleCommunes.Value;
        var header = lines[0].Split(',');
        int At(string column) => Array.IndexOf(header, column);
        var text = new StringBuilder().Append(lines[0]).Append('\n');
        for (var i = 0; i < rows.Count; i++)
        {
            var fields = lines[1 + i].Split(',');
            (fields[At("id")], fields[At("name")], fields[At("province_id")]) = (rows[i].Id, rows[i].Name, rows[i].Province);
            fields[At("poverty_rate")] = rows[i].PovertyRate.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields[At("resident_households")] = rows[i].Households.ToString(System.Globalization.CultureInfo.InvariantCulture);
            text.AppendJoin(',', fields).Append('\n');
        }
        return text.ToString();
    }

    private static readonly Lazy<string[]> SampleCommunes = new(() =>
        File.ReadAllLines(Path.Combine(RepoRoot(), "samples", "lao-cai-2025", "communes.csv"), Encoding.UTF8));

    /// <summary>
    /// A communes file of <paramref name="rows"/> rows of the Lào Cai 2025 sample, ids made unique by <paramref name="tag"/>;
    /// when <paramref name="malformed"/>, one value of the last row is not a number (a located data error).
    /// </summary>
    public static string Communes(string tag, int rows, bool malformed = false)
    {
        var lines = SampleCommunes.Value;
        // A file of communes alone: no province_id, since a parent id must name a record in the same data.
        var province = Array.IndexOf(lines[0].Split(','), "province_id");
        var text = new StringBuilder().Append(lines[0]).Append('\n');
        var first = 1 + tag.Sum(c => c) % (lines.Length - 1 - rows); // the same rows for the same tag, run after run
        for (var i = 0; i < rows; i++)
        {
            var fields = lines[first + i].Split(',');
            fields[0] = $"{tag}-{i + 1}";
            if (province >= 0) fields[province] = "";
            if (malformed && i == rows - 1) fields[9] = "not-a-number"; // poverty_rate
            text.AppendJoin(',', fields).Append('\n');
        }
        return text.ToString();
    }
}
