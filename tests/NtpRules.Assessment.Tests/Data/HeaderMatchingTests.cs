using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NtpRules.Assessment.Data;
using NtpRules.Language.Catalogue;

namespace NtpRules.Assessment.Tests.Data;

/// <summary>Columns named by the catalogue's Vietnamese titles and aliases, as provincial spreadsheets name them.</summary>
public sealed class HeaderMatchingTests : IDisposable
{
    private static readonly IndicatorCatalogue Catalogue = RepositoryPaths.Library.Catalogue;
    private static readonly RecordCatalogue Columns = Catalogue.ToRecordCatalogue();
    private readonly string _dir = Directory.CreateTempSubdirectory("ntp-headers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (List<DataRecord> Records, DataReading Reading) ReadCsv(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(true));
        var reading = new DataReading(Columns, [path]);
        return (reading.Records().ToList(), reading);
    }

    [Fact]
    public void Vietnamese_titles_with_or_without_their_citation_name_the_indicators()
    {
        var (records, reading) = ReadCsv("communes.csv",
            "id,province_id,\"Tỷ lệ diện tích đất sản xuất nông nghiệp được tưới và tiêu nước chủ động\",\"Tỷ lệ người dân tham gia bảo hiểm y tế (QĐ 318, chỉ tiêu 15.1)\"\n" +
            "C1,P1,\"82,5\",91\n");

        Assert.Empty(reading.Diagnostics);
        var c = Assert.Single(records);
        Assert.Equal(82.5, c.Values["irrigated_land_pct"]);
        Assert.Equal(91.0, c.Values["health_insurance_pct"]);
    }

    [Fact]
    public void Aliases_the_catalogue_declares_name_their_indicator_with_a_unit_in_brackets_after_them()
    {
        var (records, reading) = ReadCsv("communes.csv", "id,province_id,Tỷ lệ hộ nghèo (%),THU NHẬP BQĐN,Tỷ lệ tham gia BHYT\nC1,P1,4.2,51,88\n");

        Assert.Empty(reading.Diagnostics);
        var c = Assert.Single(records);
        Assert.Equal((4.2, 51.0, 88.0), ((double)c.Values["poverty_rate"]!, (double)c.Values["income_per_capita"]!, (double)c.Values["health_insurance_pct"]!));
    }

    [Fact]
    public void The_kind_of_a_file_named_by_neither_name_nor_kind_column_is_told_from_vietnamese_headers()
    {
        var (records, reading) = ReadCsv("so-lieu.csv", "id,commune_id,Thu nhập bình quân đầu người/tháng,Khu vực sinh sống\nH1,C1,1500000,rural\n");

        Assert.DoesNotContain(reading.Diagnostics, d => d.IsError);
        Assert.Equal("household", Assert.Single(records).Kind);
    }

    [Fact]
    public void Two_columns_naming_one_indicator_is_an_error_at_the_second()
    {
        var (_, reading) = ReadCsv("communes.csv", "id,province_id,health_insurance_pct,Tỷ lệ tham gia BHYT\nC1,P1,80,81\n");

        var e = Assert.Single(reading.Diagnostics);
        Assert.Equal((DataCodes.SameIndicatorTwice, 1, 37), (e.Code, e.Location.Line, e.Location.Column));
        Assert.Contains("columns 'health_insurance_pct' and 'Tỷ lệ tham gia BHYT' both name indicator 'health_insurance_pct'", e.Message);
    }

    [Fact]
    public void A_misspelt_vietnamese_title_is_an_error_naming_the_closest_key_and_a_bad_cell_names_header_and_key()
    {
        var (_, reading) = ReadCsv("communes.csv", "id,province_id,Tỷ lệ người dân tham gia bảo hiểm y tê xã,Tỷ lệ hộ nghèo\nC1,P1,80,abc\n");

        var errors = reading.Diagnostics.Where(d => d.IsError).ToList();
        Assert.Equal([DataCodes.MisspelledIndicator, DataCodes.WrongType], errors.Select(e => e.Code));
        Assert.Contains("'health_insurance_pct'", errors[0].Hint);
        Assert.Contains("column 'Tỷ lệ hộ nghèo' (poverty_rate): value 'abc'", errors[1].Message);
    }

    [Fact]
    public void A_catalogue_whose_names_collide_after_folding_is_an_error()
    {
        var file = new NtpRules.Language.Documents.SourceFile("rules/catalogue/x.yaml", """
            kind: catalogue
            subjects: [{ kind: commune }]
            indicators:
              - { key: a_pct, subject: commune, type: number, description: { vi: "Tỷ lệ A", en: A } }
              - { key: b_pct, subject: commune, type: number, aliases: ["TY LE  a"], description: { vi: "Tỷ lệ B", en: B } }
            """);
        var bag = new NtpRules.Language.Diagnostics.DiagnosticBag();
        CatalogueLoader.Load([file], bag);
        var e = Assert.Single(bag);
        Assert.Equal(NtpRules.Language.Documents.DiagnosticCodes.AmbiguousColumnName, e.Code);
        Assert.Contains("'a_pct' and 'b_pct'", e.Message);
    }

    /// <summary>Any name of any indicator, typed in another case, spacing, Unicode form or without diacritics, resolves to its key.</summary>
    [Fact]
    public void Any_title_or_alias_with_random_case_spacing_and_form_resolves_to_its_key()
    {
        var names = Catalogue.Indicators.SelectMany(i => ColumnNames.NamesOf(i).Select(n => (i.Subject, i.Key, Name: n))).ToArray();
        var gen =
            from entry in Gen.Elements(names)
            from seed in Gen.Choose(0, int.MaxValue)
            select (entry, Variant(entry.Name, new Random(seed)));
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var (entry, header) = x;
            var found = Columns.MatchColumn(entry.Subject, header);
            return (found?.Key == entry.Key).Label($"'{header}' → {found?.Key ?? "nothing"}, expected {entry.Key}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    private static string Variant(string name, Random random)
    {
        var sb = new StringBuilder();
        sb.Append(' ', random.Next(3));
        foreach (var ch in name)
        {
            if (ch == ' ' || ch == '_') { sb.Append(random.Next(4) switch { 0 => "  ", 1 => "_", 2 => "\t", _ => " " }); continue; }
            sb.Append(random.Next(2) == 0 ? char.ToUpper(ch, CultureInfo.InvariantCulture) : char.ToLower(ch, CultureInfo.InvariantCulture));
        }
        sb.Append(' ', random.Next(3));
        var text = sb.ToString();
        return random.Next(3) switch
        {
            0 => text.Normalize(NormalizationForm.FormD),
            1 => Strip(text),
            _ => text.Normalize(NormalizationForm.FormC),
        };
    }

    private static string Strip(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(ch is 'đ' ? 'd' : ch is 'Đ' ? 'D' : ch);
        return sb.ToString();
    }
}
