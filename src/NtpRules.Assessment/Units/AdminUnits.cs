using System.Globalization;
using System.Text;
using NtpRules.Assessment.Data;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Units;

/// <summary>One unit of the administrative-units list: its province and its 5-digit GSO code, name and type.</summary>
public sealed record AdminUnit(string ProvinceCode, string ProvinceName, string Code, string Name, string Type, SourceLocation Location)
{
    /// <summary>"Xã Bản Lầu (20101, Tỉnh Lào Cai)".</summary>
    public override string ToString() => $"{TypeWord} {Name} ({Code}, {ProvinceName})";

    private string TypeWord => Type switch { "ward" => "Phường", "special_zone" => "Đặc khu", _ => "Xã" };
}

/// <summary>
/// Viet Nam's administrative units after the two-level reform (in force 2025-07-01), read from a file with the columns
/// of ../shared/data/vn-admin-units-2026.csv: <c>province_code, province_name, unit_code, unit_name, unit_type</c>.
/// Data whose commune ids are GSO codes is checked against it (<see cref="UnitsCheck"/>).
/// </summary>
public sealed class AdminUnits
{
    private static readonly string[] Columns = ["province_code", "province_name", "unit_code", "unit_name", "unit_type"];
    private readonly Dictionary<string, AdminUnit> _byCode;
    private readonly Dictionary<string, string> _provinces;

    private AdminUnits(string file, IReadOnlyList<AdminUnit> units)
    {
        File = file;
        Units = units;
        _byCode = units.GroupBy(u => u.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _provinces = units.GroupBy(u => u.ProvinceCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ProvinceName, StringComparer.Ordinal);
    }

    public string File { get; }
    public IReadOnlyList<AdminUnit> Units { get; }

    public AdminUnit? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The province's full name for a 2-digit province code, or null.</summary>
    public string? ProvinceName(string code) => _provinces.GetValueOrDefault(code);

    public IReadOnlyCollection<string> ProvinceCodes => _provinces.Keys;

    /// <summary>The units whose name is <paramref name="name"/> (type word, case and diacritics aside), in a province when given.</summary>
    public IEnumerable<AdminUnit> Named(string name, string? provinceCode)
    {
        var key = NameKey(name);
        return Units.Where(u => (provinceCode is null || u.ProvinceCode == provinceCode) && NameKey(u.Name) == key);
    }

    /// <summary>
    /// A name compared without its type word (xã, phường, đặc khu, thị trấn, tỉnh, thành phố), case, diacritics or
    /// the tone-mark placement that differs between old and new spellings (Hoà / Hòa).
    /// </summary>
    public static string NameKey(string name)
    {
        var folded = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }
        var words = folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var skip = words switch
        {
            ["xa" or "phuong" or "tinh", _, ..] => 1,
            ["dac" or "thi", "khu" or "tran", _, ..] => 2,
            ["thanh", "pho", _, ..] => 2,
            _ => 0,
        };
        return string.Join(' ', words.Skip(skip));
    }

    /// <summary>Reads the units file; a missing column, a short row or a duplicate code is a located error (then null).</summary>
    public static AdminUnits? Load(string path, DiagnosticBag diagnostics)
    {
        if (ReferenceCsv.Open(path, "the administrative units file", DataCodes.BadUnitsFile, Columns, diagnostics) is not var (header, lines)) return null;
        var errors = diagnostics.Count(d => d.IsError);
        var at = Columns.Select(c => Array.IndexOf(header, c)).ToArray();

        var units = new List<AdminUnit>(lines.Length);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0) continue;
            var f = lines[n].Split(',');
            var location = new SourceLocation(path, n + 1, 1);
            if (f.Length != header.Length)
            {
                diagnostics.Error(DataCodes.BadUnitsFile, $"the row has {f.Length} fields but the header has {header.Length}", location);
                continue;
            }
            var unit = new AdminUnit(f[at[0]].Trim(), f[at[1]].Trim(), f[at[2]].Trim(), f[at[3]].Trim(), f[at[4]].Trim(), location);
            if (!seen.TryAdd(unit.Code, n + 1))
                diagnostics.Error(DataCodes.BadUnitsFile, $"unit code '{unit.Code}' appears twice (first at line {seen[unit.Code]})", location);
            units.Add(unit);
        }
        return diagnostics.Count(d => d.IsError) > errors ? null : new AdminUnits(path, units);
    }
}
