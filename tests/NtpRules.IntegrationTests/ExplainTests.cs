namespace NtpRules.IntegrationTests;

/// <summary><c>ntp explain</c> as shipped over the small irrigation rules (irrigated share at least 80 %): standard ids, --failing, --lang, --set, what it takes.</summary>
public sealed class ExplainTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public ExplainTests()
    {
        ShippedCli.WriteRules(_tmp);
        _tmp.Write("data-2024/communes.csv", "id,name,irrigated_land_pct\nC1,Xã Bản Phố,85\nC2,Xã Cốc San,60\nC3,Xã Tả Van,N/A\nC4,Xã Hồng Ca,không có số liệu\nC5,Xã Nậm Có, - \n");
    }

    public void Dispose() => _tmp.Dispose();

    private (int Code, string Out, string Err) Explain(string subject, params string[] more) =>
        ShippedCli.Run(["explain", "--data", _tmp["data-2024"], "--rules", _tmp["rules"], "--subject", subject, .. more]);

    [Fact]
    public void A_bad_standard_id_is_named_with_the_closest_id_and_the_subject_is_not_blamed()
    {
        var (code, _, err) = Explain("C1", "--standard", "irigation");

        Assert.Equal(1, code);
        Assert.Contains("--standard: error NTP5102: no rule set defines the standard 'irigation' (did you mean 'irrigation'?)", err);
        Assert.DoesNotContain("--subject", err);
    }

    [Fact]
    public void A_standard_not_in_force_on_the_date_names_its_effective_range()
    {
        var (code, _, err) = Explain("C1", "--standard", "irrigation", "--as-of", "2027-01-01");
        Assert.Equal(1, code);
        Assert.Contains("NTP5103: the standard 'irrigation' is not in force on 2027-01-01 (irrigation@2021-2025: 2022-01-01 .. 2025-12-31)", err);
    }

    [Fact]
    public void Failing_hides_what_is_met_and_keeps_what_is_not()
    {
        var (_, met, _) = Explain("C1", "--failing");
        var (_, notMet, _) = Explain("C2", "--failing");
        var (_, full, _) = Explain("C1");

        Assert.Contains("c03 Irrigation", full);
        Assert.DoesNotContain("c03", met);
        Assert.Contains("not met c03 Irrigation", notMet);
        Assert.Contains("not met 3.1 Irrigated share", notMet);
    }

    [Fact]
    public void Lang_vi_uses_the_vietnamese_names_of_the_rule_files()
    {
        var (code, output, err) = Explain("C2", "--lang", "vi");

        Assert.True(code == 0, err);
        Assert.Contains("not met Đạt (irrigation): 0/1 criteria met", output);
        Assert.Contains("c03 Thủy lợi", output);
        Assert.Contains("3.1 Tỷ lệ", output);
        Assert.Contains("(irrigated_land_pct) là 60 %, thấp hơn mức tối thiểu 80 % (tham số irrigation_min); còn thiếu 20 điểm phần trăm.", output.ReplaceLineEndings(" "));
        Assert.DoesNotContain("Irrigated share", output);
        Assert.Equal(2, Explain("C2", "--lang", "fr").Code);
    }

    [Fact]
    public void What_it_takes_lists_each_indicator_missed_with_its_gap()
    {
        var (_, output, _) = Explain("C2");
        Assert.Contains("What it takes to meet Irrigation standard (irrigation), 0 of 1 criteria met:", output);
        Assert.Contains("c03 / 3.1 Irrigated share: gap 20 %.", output);

        var (_, met, _) = Explain("C1");
        Assert.DoesNotContain("What it takes", met);
    }

    [Theory]
    [InlineData("C3")]
    [InlineData("C4")]
    [InlineData("C5")]
    public void Dash_na_and_khong_co_so_lieu_read_as_unknown(string commune)
    {
        var (code, output, err) = Explain(commune);
        Assert.True(code == 0, err);
        Assert.Contains("unknown 3.1 Irrigated share", output);
        Assert.Contains("missing: irrigated_land_pct", output);
        Assert.Contains("c03 / 3.1 Irrigated share: unknown, missing irrigated_land_pct.", output);
    }

    [Fact]
    public void A_decimal_comma_reads_as_the_decimal_point_and_anything_else_with_commas_is_an_error()
    {
        _tmp.Write("data-2024/communes.csv", "id;name;irrigated_land_pct\nC1;Xã Bản Phố;79,5\nC2;Xã Cốc San;80,25\n");
        var (code, output, err) = Explain("C1");
        Assert.True(code == 0, err);
        Assert.Contains("values: irrigated_land_pct = 79.5", output);
        Assert.Contains("gap 0.5 %", output);
        Assert.Contains("met 3.1 Irrigated share", Explain("C2").Out);

        _tmp.Write("data-2024/communes.csv", "id;name;irrigated_land_pct\nC1;Xã Bản Phố;1,234,5\n");
        var (bad, _, badErr) = Explain("C1");
        Assert.Equal(1, bad);
        Assert.Contains("value '1,234,5' is not a number (use '.' or a single ',' as the decimal point)", badErr);
    }

    [Fact]
    public void Set_reassesses_with_the_value_and_shows_the_verdicts_that_change()
    {
        var (code, output, err) = Explain("C2", "--set", "irrigated_land_pct=85");

        Assert.True(code == 0, err);
        Assert.Contains("Xã Cốc San (commune C2), as of 2024-12-31, with irrigated_land_pct=85:", output);
        Assert.Contains("Irrigation standard (irrigation): not met → met, criteria met 0 → 1", output);
        Assert.Contains("c03 Irrigation: not met → met", output);
        Assert.Contains("3.1 Irrigated share: not met → met. Irrigated share (irrigated_land_pct) is 85 %, at least the 80 % required (parameter irrigation_min).", output);
        Assert.DoesNotContain("What it takes", output);

        var (_, same, _) = Explain("C2", "--set", "irrigated_land_pct=70");
        Assert.Contains("no verdict changes", same);
        Assert.Contains("gap 10 %", same); // what it takes, under the new value
    }

    [Theory]
    [InlineData("irigated_land_pct=85", "error NTP5007: 'irigated_land_pct' is not an indicator of commune in the catalogue (did you mean 'irrigated_land_pct'?)")]
    [InlineData("irrigated_land_pct=abc", "error NTP5008: 'irrigated_land_pct': value 'abc' is not a number")]
    [InlineData("irrigated_land_pct=140", "error NTP5009")]
    public void A_bad_set_value_is_a_located_error(string set, string expected)
    {
        var (code, _, err) = Explain("C2", "--set", set);
        Assert.Equal(1, code);
        Assert.Contains(expected, err);
    }

    [Fact]
    public void An_xlsx_data_file_headed_by_the_vietnamese_title_is_explained_like_its_csv()
    {
        var xlsx = _tmp["xlsx-2024/communes.xlsx"];
        Directory.CreateDirectory(_tmp["xlsx-2024"]);
        using (var f = File.Create(xlsx))
            NtpRules.Assessment.Data.Spreadsheets.XlsxWriter.Write(f, [new("Xã", [["id", "name", "tỷ lệ"], ["C2", "Xã Cốc San", 60.0]])]);

        var (code, output, err) = ShippedCli.Run(["explain", "--data", xlsx, "--rules", _tmp["rules"], "--subject", "C2"]);

        Assert.True(code == 0, err);
        Assert.Equal(Explain("C2").Out.Replace(_tmp["data-2024"], ""), output.Replace(xlsx, ""));
        Assert.Contains("not met 3.1 Irrigated share", output);
    }
}
