using NtpRules.Assessment.Data;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Assessment.Units;

/// <summary>
/// Checks data whose commune ids are GSO codes against the administrative-units list: every commune id must be a
/// commune-level unit code, its name (when given) that unit's name, and its province_id that unit's province; every
/// province id a province code. Each wrong id is an error at its row naming the field, with a suggestion: the unit the
/// row's name belongs to, else the closest code.
/// </summary>
public static class UnitsCheck
{
    /// <summary>At most this many located errors; the rest are counted in one more.</summary>
    private const int MaxReported = 100;

    public const string CommuneKind = "commune";
    public const string ProvinceKind = "province";

    public static void Check(IReadOnlyList<DataRecord> records, AdminUnits units, DiagnosticBag diagnostics)
    {
        var reported = 0;
        void Error(string code, string message, SourceLocation at, string? hint)
        {
            if (++reported <= MaxReported) diagnostics.Error(code, message, at, hint);
        }
        var source = Path.GetFileName(units.File);
        foreach (var r in records)
        {
            if (r.Kind == ProvinceKind)
            {
                if (units.ProvinceName(r.Id) is { } provinceName)
                {
                    if (r.Name is { Length: > 0 } n && AdminUnits.NameKey(n) != AdminUnits.NameKey(provinceName))
                        Error(DataCodes.UnitNameMismatch, $"province '{r.Id}': name '{n}' does not match the code: {r.Id} is {provinceName} in {source}", r.Location,
                            ProvinceNamed(units, n) is { } other ? $"'{n}' is province {other}" : null);
                }
                else
                    Error(DataCodes.UnknownUnit, $"province id '{r.Id}' is not a province code in {source}", r.Location,
                        ProvinceNamed(units, r.Name) is { } code ? $"'{r.Name}' is province {code}" : EditDistance.Hint(r.Id, units.ProvinceCodes));
                continue;
            }
            if (r.Kind != CommuneKind) continue;

            var province = r.Parents.GetValueOrDefault(ProvinceKind);
            if (province is not null && units.ProvinceName(province) is null) province = null; // reported at the province row
            var unit = units.Find(r.Id);
            if (unit is null)
            {
                Error(DataCodes.UnknownUnit, $"commune id '{r.Id}' is not a unit code in {source}", r.Location, Suggestion(units, r, province));
                continue;
            }
            if (r.Name is { Length: > 0 } name && AdminUnits.NameKey(name) != AdminUnits.NameKey(unit.Name))
            {
                var named = units.Named(name, province ?? unit.ProvinceCode).FirstOrDefault();
                Error(DataCodes.UnitNameMismatch, $"commune '{r.Id}': name '{name}' does not match the code: {r.Id} is {unit} in {source}", r.Location,
                    named is null ? $"check the id and the name; {unit.Code} is {unit.Name}" : $"'{name}' is {named}: did you mean id '{named.Code}'?");
            }
            if (province is not null && province != unit.ProvinceCode)
                Error(DataCodes.UnitProvinceMismatch,
                    $"commune '{r.Id}': province_id '{province}' ({units.ProvinceName(province)}) but {unit} is in province {unit.ProvinceCode}", r.Location,
                    $"set province_id to '{unit.ProvinceCode}'");
        }
        if (reported > MaxReported)
            diagnostics.Error(DataCodes.UnknownUnit, $"{reported - MaxReported} more problems with unit codes or names", records[0].Location);
    }

    /// <summary>The unit the row's name belongs to (in its province when known), else the closest code.</summary>
    private static string? Suggestion(AdminUnits units, DataRecord r, string? province)
    {
        if (r.Name is { Length: > 0 } name && units.Named(name, province).Take(2).ToArray() is { Length: > 0 } named)
            return named.Length == 1
                ? $"'{name}' is {named[0]}: did you mean id '{named[0].Code}'?"
                : $"'{name}' names several units ({string.Join("; ", units.Named(name, province).Select(u => u.ToString()))}); give province_id";
        var codes = units.Units.Where(u => province is null || u.ProvinceCode == province).Select(u => u.Code);
        return EditDistance.Closest(r.Id, codes) is { } c ? $"did you mean '{c}' ({units.Find(c)})?" : null;
    }

    private static string? ProvinceNamed(AdminUnits units, string? name) =>
        name is { Length: > 0 }
            ? units.ProvinceCodes.FirstOrDefault(c => AdminUnits.NameKey(units.ProvinceName(c)!) == AdminUnits.NameKey(name))
            : null;
}
