using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NtpRules.Assessment.Data;

namespace NtpRules.Assessment.Tests.Data;

public sealed class DataReadingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ntp-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text, bool bom = false)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    private static (List<DataRecord> Records, DataReading Reading) Read(params string[] files)
    {
        var reading = new DataReading(TestCatalogue.Instance, files);
        return (reading.Records().ToList(), reading);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Csv_with_or_without_bom_reads_vietnamese_text_and_typed_values(bool bom)
    {
        var path = Write("communes.csv", "id,name,district_id,region,irrigated_land_pct,has_craft_village,population\nC1,Xã Bản Phố,D1,TDMNPB,85.5,true,4200\n", bom);
        var (records, reading) = Read(path);

        Assert.Empty(reading.Diagnostics);
        var c = Assert.Single(records);
        Assert.Equal(("commune", "C1", "Xã Bản Phố"), (c.Kind, c.Id, c.Name));
        Assert.Equal("D1", c.Parents["district"]);
        Assert.Equal(85.5, c.Values["irrigated_land_pct"]);
        Assert.Equal(true, c.Values["has_craft_village"]);
        Assert.Equal(4200L, c.Values["population"]);
        Assert.Equal("TDMNPB", c.Values["region"]);
        Assert.Equal(2, c.Location.Line);
    }

    [Fact]
    public void Empty_cell_is_missing_not_zero()
    {
        var path = Write("communes.csv", "id,district_id,irrigated_land_pct,population\nC1,D1,,  \n");
        var (records, reading) = Read(path);

        Assert.False(reading.Diagnostics.HasErrors);
        var c = Assert.Single(records);
        Assert.Null(c.Values["irrigated_land_pct"]);
        Assert.Null(c.Values["population"]);
    }

    [Fact]
    public void A_column_that_looks_like_an_indicator_is_a_located_error_naming_the_closest_key()
    {
        var path = Write("communes.csv", "id,district_id,irigated_land_pct\nC1,D1,80\nC2,D1,70\n");
        var (_, reading) = Read(path);

        var e = Assert.Single(reading.Diagnostics);
        Assert.True(e.IsError);
        Assert.Equal(DataCodes.MisspelledIndicator, e.Code);
        Assert.Equal((path, 1, 16), (e.Location.File, e.Location.Line, e.Location.Column));
        Assert.Contains("column 'irigated_land_pct'", e.Message);
        Assert.Contains("'irrigated_land_pct'", e.Hint);
    }

    [Fact]
    public void An_unrelated_column_is_a_located_warning_and_the_rows_are_kept()
    {
        var path = Write("communes.csv", "id,district_id,ghi_chu\nC1,D1,xem lại\nC2,D1,\n");
        var (records, reading) = Read(path);

        Assert.Equal(2, records.Count);
        var w = Assert.Single(reading.Diagnostics);
        Assert.False(w.IsError);
        Assert.Equal(DataCodes.UnknownColumn, w.Code);
        Assert.Equal((1, 16), (w.Location.Line, w.Location.Column));
    }

    [Fact]
    public void Semicolon_delimited_csv_with_quoted_fields_and_blank_lines_keeps_line_numbers()
    {
        var path = Write("households.csv", "id;commune_id;head_name;income_per_person\n\nH1;C1;\"Nguyễn; Văn A\";1200000\n\nH2;C1;Lò Thị B;abc\n");
        var (records, reading) = Read(path);

        Assert.Equal("Nguyễn; Văn A", Assert.Single(records).Values["head_name"]);
        var e = Assert.Single(reading.Diagnostics);
        Assert.Equal((5, 16), (e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_together()
    {
        var path = Write("communes.csv", "id,district_id,irrigated_land_pct,region\nC1,D1,120,DBSH\nC2,D1,50,Nowhere\nC1,D1,50,DBSH\n");
        var (_, reading) = Read(path);

        Assert.Equal([DataCodes.OutOfRange, DataCodes.NotAllowedValue, DataCodes.DuplicateId], reading.Diagnostics.Select(d => d.Code));
        Assert.Equal([2, 3, 4], reading.Diagnostics.Select(d => d.Location.Line));
    }

    [Fact]
    public void Ids_are_unique_per_kind_across_the_files_of_a_folder()
    {
        Write("communes-a.csv", "id,district_id\nC1,D1\n");
        Write("communes-b.json", """[{"kind": "commune", "id": "C1", "district_id": "D2"}]""");
        Write("households.yaml", "- { kind: household, id: C1, commune_id: C1 }\n");
        var (records, reading) = Read([.. DataReading.FindFiles(_dir)]);

        var dup = Assert.Single(reading.Diagnostics);
        Assert.Equal(DataCodes.DuplicateId, dup.Code);
        Assert.EndsWith("communes-b.json", dup.Location.File);
        Assert.Equal(["commune", "household"], records.Select(r => r.Kind));
    }

    [Fact]
    public void Yaml_document_declares_its_as_of_date_and_default_kind()
    {
        var path = Write("data.yaml", "as_of: 2024-06-30\nkind: household\nrecords:\n  - { id: H1, commune_id: C1, area: rural, surveyed_on: 2024-05-01, deprivation_count: ~ }\n");
        var (records, reading) = Read(path);

        Assert.Empty(reading.Diagnostics);
        Assert.Equal(new DateOnly(2024, 6, 30), reading.DeclaredAsOf);
        var h = Assert.Single(records);
        Assert.Equal(("household", new DateOnly(2024, 5, 1)), (h.Kind, h.Values["surveyed_on"]));
        Assert.Null(h.Values["deprivation_count"]);
    }

    [Theory]
    [InlineData("lao-cai-2024", "2024-12-31")]
    [InlineData("communes-2025-06-30.csv", "2025-06-30")]
    [InlineData("/inbox/sa-pa_2023.json", "2023-12-31")]
    [InlineData("samples/lao-cai-2024/communes.csv", "2024-12-31")]
    [InlineData("2024/communes-2025-03-31.csv", "2025-03-31")]
    public void As_of_date_comes_from_the_name(string name, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), AsOfDate.FromName(name));

    [Fact]
    public void As_of_date_is_absent_when_the_name_has_no_year() => Assert.Null(AsOfDate.FromName("communes-12345.csv"));

    [Fact]
    public void Numbers_within_the_range_are_read_back_exactly_and_numbers_outside_are_errors()
    {
        Prop.ForAll(Gen.Choose(-200_000, 200_000).Select(i => i / 1000.0).ToArbitrary(), pct =>
        {
            var path = Write($"communes-{Guid.NewGuid():N}.csv", $"id,district_id,irrigated_land_pct\nC1,D1,{pct.ToString(CultureInfo.InvariantCulture)}\n");
            var (records, reading) = Read(path);
            File.Delete(path);
            var inRange = pct is >= 0 and <= 100;
            return inRange
                ? !reading.Diagnostics.HasErrors && Equals(records[0].Values["irrigated_land_pct"], pct)
                : records.Count == 0 && reading.Diagnostics.Single().Code == DataCodes.OutOfRange;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void An_error_at_the_end_of_a_large_file_is_located_after_streaming_every_row()
    {
        var path = WriteRows(_dir, "id,commune_id,deprivation_count", 100_000, i => $"H{i},C{i % 300},{i % 13}", last: "H5,C1,20");
        var reading = new DataReading(TestCatalogue.Instance, [path]);

        var count = reading.Records().Count();

        Assert.Equal(100_000, count); // every good row streamed; the bad last row is not
        var errors = reading.Diagnostics.Where(d => d.IsError).Select(d => (d.Code, d.Location.Line, d.Location.Column)).ToList();
        Assert.Equal((DataCodes.OutOfRange, 100_002, 7), errors[^2]);
        Assert.Equal((DataCodes.DuplicateId, 100_002, 1), errors[^1]);
    }

    internal static string WriteRows(string dir, string header, int rows, Func<int, string> row, string? last = null)
    {
        var path = Path.Combine(dir, "households.csv");
        using var w = new StreamWriter(path, false, new UTF8Encoding(true));
        w.WriteLine(header);
        for (var i = 0; i < rows; i++) w.WriteLine(row(i));
        if (last is not null) w.WriteLine(last);
        return path;
    }
}

public sealed class ParentCheckTests
{
    private static DataRecord Row(string kind, string id, int line, params (string Kind, string Id)[] parents) =>
        new(kind, id, null, parents.ToDictionary(p => p.Kind, p => p.Id), new Dictionary<string, object?>(),
            new NtpRules.Language.Diagnostics.SourceLocation($"{kind}s.csv", line, 1));

    [Fact]
    public void A_parent_id_that_names_no_record_is_a_located_error_with_a_suggestion()
    {
        var bag = new NtpRules.Language.Diagnostics.DiagnosticBag();
        ParentCheck.Check([Row("district", "LC-D1", 2), Row("commune", "C1", 2, ("district", "LC-D1")), Row("commune", "C2", 3, ("district", "LC-D7"))], bag);
        var error = Assert.Single(bag);
        Assert.Equal((DataCodes.UnknownParent, "communes.csv", 3), (error.Code, error.Location.File, error.Location.Line));
        Assert.Contains("commune 'C2' names district_id 'LC-D7', but the data has no district 'LC-D7'", error.Message);
        Assert.Contains("LC-D1", error.Hint);
    }

    [Fact]
    public void Parents_that_are_all_present_pass_and_a_missing_kind_says_to_add_its_records()
    {
        var bag = new NtpRules.Language.Diagnostics.DiagnosticBag();
        ParentCheck.Check([Row("province", "LC", 2), Row("commune", "C1", 2, ("province", "LC"))], bag);
        Assert.Empty(bag);
        ParentCheck.Check([Row("commune", "C1", 2, ("district", "D1"))], bag);
        Assert.Contains("add the district records", Assert.Single(bag).Hint);
    }

    [Fact]
    public void Many_records_read_before_their_parents_report_in_data_order_only_the_references_still_missing()
    {
        // 4,000 communes before their districts (references wait, and are checked again as they pile up, after the
        // districts are read too); every 1,000th names a district that never comes, and 200 more name one after.
        var rows = Enumerable.Range(0, 4_000).Select(i => Row("commune", $"C{i}", i + 2, ("district", i % 1_000 == 999 ? $"X{i}" : $"D{i % 50}")))
            .Concat(Enumerable.Range(0, 50).Select(d => Row("district", $"D{d}", d + 2)))
            .Concat(Enumerable.Range(0, 200).Select(i => Row("commune", $"L{i}", 4_002 + i, ("district", $"Y{i}"))))
            .ToList();
        var bag = new NtpRules.Language.Diagnostics.DiagnosticBag();

        ParentCheck.Check(rows, bag);

        var located = bag.Take(100).ToList();
        Assert.Equal([1_001, 2_001, 3_001, 4_001], located.Take(4).Select(e => e.Location.Line));
        Assert.Contains("commune 'C999' names district_id 'X999'", located[0].Message);
        Assert.Equal(Enumerable.Range(0, 96).Select(i => 4_002 + i), located.Skip(4).Select(e => e.Location.Line));
        Assert.Equal("104 more records name a parent that is not in the data", bag.ElementAt(100).Message);
        Assert.Equal(101, bag.Count());
    }
}
