using NtpRules.Assessment.Data;
using NtpRules.Assessment.Units;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Tests.Units;

/// <summary>Commune and province ids checked against the real administrative units after the 2025 reform.</summary>
public sealed class UnitsCheckTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 12, 31);
    private readonly string _folder = RealUnits.TempFolder("units");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Three real Lào Cai communes (province 15), by their rows in the units file.</summary>
    private static (string Id, string Name, string Province)[] LaoCai(int count) =>
        RealUnits.CommunesOf("15").Take(count).Select(r => (r[2], "Xã " + r[3], r[0])).ToArray();

    private AssessmentResult Assess((string Id, string Name, string Province)[] communes, params (string Id, string Name)[] provinces)
    {
        RealUnits.WriteData(_folder, communes, provinces.Length > 0 ? provinces : [("15", "Tỉnh Lào Cai")]);
        return RepositoryPaths.Assessor.Assess([_folder], new AssessmentOptions { AsOf = AsOf, Explain = false, UnitsFile = RealUnits.File });
    }

    private static Diagnostic Error(AssessmentResult result, string code)
    {
        Assert.Null(result.Report);
        return Assert.Single(result.Diagnostics, d => d.IsError && d.Code == code);
    }

    [Fact]
    public void Real_communes_with_their_codes_names_and_province_pass_and_are_assessed()
    {
        var result = Assess(LaoCai(3));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(3, result.Report!.Subjects.Count(s => s.Kind == "commune"));
    }

    [Fact]
    public void The_units_file_holds_the_34_provinces_and_3321_units()
    {
        var units = AdminUnits.Load(RealUnits.File, new DiagnosticBag())!;
        Assert.Equal(3321, units.Units.Count);
        Assert.Equal(34, units.ProvinceCodes.Count);
        Assert.Equal("Tỉnh Lào Cai", units.ProvinceName("15"));
    }

    [Fact]
    public void An_unknown_code_is_located_and_the_rows_name_suggests_the_right_code()
    {
        var communes = LaoCai(3);
        var right = communes[1];
        communes[1] = ("99999", right.Name, right.Province);
        var error = Error(Assess(communes), DataCodes.UnknownUnit);
        Assert.Equal(3, error.Location.Line); // header, first commune, then this one
        Assert.EndsWith("communes.csv", error.Location.File);
        Assert.Contains("commune id '99999'", error.Message);
        Assert.Equal($"'{right.Name}' is {right.Name} ({right.Id}, Tỉnh Lào Cai): did you mean id '{right.Id}'?", error.Hint);
    }

    [Fact]
    public void A_mistyped_code_without_a_matching_name_gets_the_closest_code()
    {
        var communes = LaoCai(1);
        var right = communes[0];
        var typo = right.Id[..4] + (right.Id[4] == '9' ? '8' : (char)(right.Id[4] + 1));
        Assert.Null(AdminUnitsOf().Find(typo)); // the typo is no real code
        communes[0] = (typo, "Xã Không Có Tên Này", right.Province);
        var error = Error(Assess(communes), DataCodes.UnknownUnit);
        Assert.Equal(2, error.Location.Line);
        Assert.StartsWith("did you mean '", error.Hint);
        var suggested = error.Hint!.Split('\'')[1];
        Assert.Equal("15", AdminUnitsOf().Find(suggested)!.ProvinceCode); // a Lào Cai code, one edit away
        Assert.Equal(1, NtpRules.Language.Documents.EditDistance.Between(typo, suggested));
    }

    [Fact]
    public void A_name_that_does_not_match_its_code_is_an_error_naming_the_code_of_that_name()
    {
        var communes = LaoCai(3);
        // Two names swapped: both rows are wrong, and each hint names the other row's code.
        (communes[0].Name, communes[1].Name) = (communes[1].Name, communes[0].Name);
        var result = Assess(communes);
        var errors = result.Diagnostics.Where(d => d.Code == DataCodes.UnitNameMismatch).OrderBy(d => d.Location.Line).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.Equal(2, errors[0].Location.Line);
        Assert.Contains($"name '{communes[0].Name}' does not match the code", errors[0].Message);
        Assert.EndsWith($"did you mean id '{communes[1].Id}'?", errors[0].Hint);
    }

    [Fact]
    public void Names_match_whatever_the_type_word_case_or_tone_mark_placement()
    {
        // "Hoà" (old placement) and "Hòa" (new) are one name; "XÃ" and no type word too.
        Assert.Equal(AdminUnits.NameKey("Xã An Hoà"), AdminUnits.NameKey("an hòa"));
        Assert.Equal(AdminUnits.NameKey("XÃ ĐỒNG TÂM"), AdminUnits.NameKey("Đồng Tâm"));
        Assert.Equal(AdminUnits.NameKey("Tỉnh Lào Cai"), AdminUnits.NameKey("Lào Cai"));
        Assert.NotEqual(AdminUnits.NameKey("An Hòa"), AdminUnits.NameKey("An Hải"));
    }

    [Fact]
    public void A_commune_under_the_wrong_province_is_an_error_naming_its_province()
    {
        var hanoi = RealUnits.Rows.First(r => r[0] == "01");
        var communes = LaoCai(2);
        communes[1] = (communes[1].Id, communes[1].Name, "01");
        var error = Error(Assess(communes, ("15", "Tỉnh Lào Cai"), ("01", hanoi[1])), DataCodes.UnitProvinceMismatch);
        Assert.Equal(3, error.Location.Line);
        Assert.Equal("set province_id to '15'", error.Hint);
    }

    [Fact]
    public void A_province_id_that_is_no_province_code_suggests_the_code_of_its_name()
    {
        var error = Error(Assess(LaoCai(1).Select(c => (c.Id, c.Name, "LC")).ToArray(), ("LC", "Tỉnh Lào Cai")), DataCodes.UnknownUnit);
        Assert.EndsWith("provinces.csv", error.Location.File);
        Assert.Equal("'Tỉnh Lào Cai' is province 15", error.Hint);
    }

    [Fact]
    public void A_bad_units_file_is_a_located_error()
    {
        var units = Path.Combine(_folder, "units.txt");
        File.WriteAllText(units, "province_code,province_name,unit_code,unit_name,unit_type\n15,Tỉnh Lào Cai,02680,Hợp Thành,commune\n15,Tỉnh Lào Cai,02680\n");
        var diagnostics = new DiagnosticBag();
        Assert.Null(AdminUnits.Load(units, diagnostics));
        var error = Assert.Single(diagnostics);
        Assert.Equal((DataCodes.BadUnitsFile, 3), (error.Code, error.Location.Line));

        File.WriteAllText(units, "code,name\n");
        Assert.Null(AdminUnits.Load(units, diagnostics = new DiagnosticBag()));
        Assert.Contains(diagnostics, d => d.Message.Contains("no 'province_code' column"));
    }

    private static AdminUnits AdminUnitsOf() => AdminUnits.Load(RealUnits.File, new DiagnosticBag())!;
}
