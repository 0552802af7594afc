using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using FsCheck;
using FsCheck.Fluent;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Data.Spreadsheets;
using XCell = DocumentFormat.OpenXml.Spreadsheet.Cell;

namespace NtpRules.Assessment.Tests.Data;

/// <summary>.xlsx data files read directly: typed cells, shared strings, formats, formulas, several sheets, located errors.</summary>
public sealed class XlsxReadingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ntp-xlsx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (List<DataRecord> Records, DataReading Reading) Read(string path, bool lenient = false)
    {
        var reading = new DataReading(TestCatalogue.Instance, [path], lenient);
        return (reading.Records().ToList(), reading);
    }

    private string WriteXlsx(string name, params XlsxSheet[] sheets)
    {
        var path = Path.Combine(_dir, name);
        using (var f = File.Create(path)) XlsxWriter.Write(f, sheets);
        return path;
    }

    [Fact]
    public void Typed_cells_read_as_values_and_a_second_sheet_without_an_id_column_is_passed_over()
    {
        var path = WriteXlsx("so-lieu.xlsx",
            new XlsxSheet("communes", [
                ["id", "name", "district_id", "region", "irrigated_land_pct", "has_craft_village", "population"],
                ["C1", "Xã Bản Phố", "D1", "TDMNPB", 85.5, true, 4200L],
                [],
                ["C2", "Xã Cốc San", "D1", "DBSH", "41,6", "không", null],
            ]),
            new XlsxSheet("Mô tả cột", [["cột", "tiếng Việt"], ["irrigated_land_pct", "Tỷ lệ diện tích được tưới"]]));

        var (records, reading) = Read(path);

        Assert.Empty(reading.Diagnostics);
        Assert.Equal(["C1", "C2"], records.Select(r => r.Id));
        Assert.Equal((85.5, true, 4200L, "Xã Bản Phố"), (records[0].Values["irrigated_land_pct"], records[0].Values["has_craft_village"], records[0].Values["population"], records[0].Name));
        Assert.Equal((41.6, false), (records[1].Values["irrigated_land_pct"], records[1].Values["has_craft_village"]));
        Assert.Null(records[1].Values["population"]);
        Assert.Equal(4, records[1].Location.Line);
    }

    [Fact]
    public void A_bad_cell_names_the_file_sheet_cell_and_column()
    {
        var path = WriteXlsx("communes.xlsx", new XlsxSheet("Xã", [["id", "irrigated_land_pct", "district_id"], ["C1", "abc", "D1"], ["C2", 140.0, "D1"]]));

        var (_, reading) = Read(path);

        var errors = reading.Diagnostics.ToList();
        Assert.Equal([(DataCodes.WrongType, 2, 2), (DataCodes.OutOfRange, 3, 2)], errors.Select(e => (e.Code, e.Location.Line, e.Location.Column)));
        Assert.All(errors, e => Assert.Equal(path, e.Location.File));
        Assert.Equal("cell B2 of sheet 'Xã', column 'irrigated_land_pct': value 'abc' is not a number", errors[0].Message);
        Assert.StartsWith("cell B3 of sheet 'Xã', column 'irrigated_land_pct': value '140'", errors[1].Message);
    }

    [Fact]
    public void Spreadsheet_cells_read_as_shown_shared_strings_percentages_dates_formulas_and_errors()
    {
        var path = Path.Combine(_dir, "book.xlsx");
        RawWorkbook.Write(path, "households", [
            [S("id"), S("commune_id"), S("income_per_person"), S("surveyed_on"), S("deprivation_count"), S("head_name")],
            [S("H1"), S("C1"), N("1500000"), N("45474", RawWorkbook.DateStyle), F("2+1", "3"), S("Lò Thị Bình")],
            [S("H2"), S("C1"), S(" 1200000 "), N("45475", RawWorkbook.CustomDateStyle), new XCell { DataType = CellValues.Error, CellValue = new CellValue("#N/A") }, S("A")],
        ]);
        var (records, reading) = Read(path);

        Assert.Empty(reading.Diagnostics);
        Assert.Equal((1500000.0, new DateOnly(2024, 7, 1), 3L, "Lò Thị Bình"),
            (records[0].Values["income_per_person"], records[0].Values["surveyed_on"], records[0].Values["deprivation_count"], records[0].Values["head_name"]));
        Assert.Equal((1200000.0, new DateOnly(2024, 7, 2)), (records[1].Values["income_per_person"], records[1].Values["surveyed_on"]));
        Assert.Null(records[1].Values["deprivation_count"]);
    }

    [Fact]
    public void A_percent_formatted_cell_reads_as_the_percentage_shown()
    {
        var path = Path.Combine(_dir, "communes.xlsx");
        RawWorkbook.Write(path, "Sheet1", [[S("id"), S("district_id"), S("irrigated_land_pct")], [S("C1"), S("D1"), N("0.416", RawWorkbook.PercentStyle)], [S("C2"), S("D1"), S("72,5 %")]]);
        var (records, reading) = Read(path);

        Assert.Empty(reading.Diagnostics);
        Assert.Equal([41.6, 72.5], records.Select(r => (double)r.Values["irrigated_land_pct"]!));
    }

    [Fact]
    public void A_formula_with_no_saved_result_is_an_error_at_its_cell_and_unknown_when_lenient()
    {
        var path = Path.Combine(_dir, "communes.xlsx");
        RawWorkbook.Write(path, "Xã", [[S("id"), S("district_id"), S("population")], [S("C1"), S("D1"), F("B7*2", null)]]);

        var (_, strict) = Read(path);
        var e = Assert.Single(strict.Diagnostics);
        Assert.Equal((DataCodes.BadSpreadsheet, 2, 3), (e.Code, e.Location.Line, e.Location.Column));
        Assert.Contains("cell C2 of sheet 'Xã' holds a formula with no saved result", e.Message);

        var (records, lenient) = Read(path, lenient: true);
        Assert.Empty(lenient.Diagnostics);
        Assert.Null(Assert.Single(records).Values["population"]);
        Assert.Equal(DataCodes.BadSpreadsheet, Assert.Single(lenient.Problems).Code);
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_a_located_error()
    {
        var path = Path.Combine(_dir, "communes.xlsx");
        File.WriteAllText(path, "id,district_id\nC1,D1\n");

        var (records, reading) = Read(path);

        Assert.Empty(records);
        var e = Assert.Single(reading.Diagnostics);
        Assert.Equal((DataCodes.BadSpreadsheet, path), (e.Code, e.Location.File));
        Assert.Contains("not a readable .xlsx workbook", e.Message);
    }

    [Fact]
    public void A_first_sheet_without_an_id_column_is_an_error_naming_the_sheet()
    {
        var path = WriteXlsx("communes.xlsx", new XlsxSheet("Số liệu", [["ma_xa", "irrigated_land_pct"], ["C1", 80.0]]));
        var (_, reading) = Read(path);
        var e = Assert.Single(reading.Diagnostics);
        Assert.Equal(DataCodes.MissingIdColumn, e.Code);
        Assert.Contains("sheet 'Số liệu'", e.Message);
    }

    [Fact]
    public void The_same_workbook_is_written_to_the_same_bytes()
    {
        var sheet = new XlsxSheet("communes", [["id", "district_id", "irrigated_land_pct"], ["C1", "D1", 80.0]]);
        var a = File.ReadAllBytes(WriteXlsx("a.xlsx", sheet));
        Thread.Sleep(1100);
        var b = File.ReadAllBytes(WriteXlsx("b.xlsx", sheet));
        Assert.Equal(a, b);
    }

    /// <summary>Random rows written as .xlsx (typed cells) and as CSV (invariant text) read back as the same records.</summary>
    [Fact]
    public void Random_values_read_from_xlsx_equal_the_csv_reading_of_the_same_values()
    {
        var regions = new[] { "TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL" };
        var row =
            from pct in Gen.OneOf(Gen.Choose(0, 100_000).Select(i => (object?)(i / 1000.0)), Gen.Constant((object?)null))
            from population in Gen.OneOf(Gen.Choose(0, 2_000_000).Select(i => (object?)(long)i), Gen.Constant((object?)null))
            from craft in Gen.Elements((object?)true, false, null)
            from region in Gen.Elements(regions.Select(r => (object?)r).Append(null).ToArray())
            from name in Gen.Elements("Xã Bản Phố", "Thị trấn Sa Pa", "Xã \"Nậm\" Có, bản 2", "  Xã Tả Van ", "Đồng Văn")
            select new object?[] { name, "D1", region, pct, craft, population };
        Prop.ForAll(row.ListOf().Where(l => l.Count > 0).Select(l => l.ToArray()).ToArbitrary(), rows =>
        {
            var header = new[] { "id", "name", "district_id", "region", "irrigated_land_pct", "has_craft_village", "population" };
            var xlsx = WriteXlsx($"communes-{Guid.NewGuid():N}.xlsx", new XlsxSheet("communes",
                [header, .. rows.Select((r, i) => (IReadOnlyList<object?>)[$"C{i}", .. r])]));
            var csv = Path.Combine(_dir, $"communes-{Guid.NewGuid():N}.csv");
            File.WriteAllText(csv, string.Join(",", header) + "\n" + string.Join("\n", rows.Select((r, i) => string.Join(",", [$"C{i}", .. r.Select(Csv)]))) + "\n", new UTF8Encoding(false));
            var (fromXlsx, x) = Read(xlsx);
            var (fromCsv, c) = Read(csv);
            File.Delete(xlsx);
            File.Delete(csv);
            static string Show(DataRecord r) => $"{r.Kind}|{r.Id}|{r.Name}|{string.Join(";", r.Parents.Select(p => $"{p.Key}={p.Value}"))}|" +
                                                string.Join(";", r.Values.OrderBy(v => v.Key).Select(v => $"{v.Key}={Convert.ToString(v.Value, CultureInfo.InvariantCulture)}:{v.Value?.GetType().Name}"));
            return (x.Diagnostics.Count == 0 && c.Diagnostics.Count == 0 && fromXlsx.Select(Show).SequenceEqual(fromCsv.Select(Show)))
                .Label($"xlsx: {string.Join(" / ", fromXlsx.Select(Show))} {string.Join(" ", x.Diagnostics)}\ncsv: {string.Join(" / ", fromCsv.Select(Show))} {string.Join(" ", c.Diagnostics)}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    private static string Csv(object? v) => v switch
    {
        null => "",
        string s when s.IndexOfAny([',', '"', '\n']) >= 0 => "\"" + s.Replace("\"", "\"\"") + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString()!,
    };

    private static XCell S(string text) => new() { DataType = CellValues.SharedString, CellValue = new CellValue(text) };
    private static XCell N(string number, uint style = 0) => new() { CellValue = new CellValue(number), StyleIndex = style == 0 ? null : style };
    private static XCell F(string formula, string? saved) => new() { CellFormula = new CellFormula(formula), CellValue = saved is null ? null : new CellValue(saved) };

    /// <summary>Writes workbooks the way spreadsheet programs do: a shared string table and number formats for percentages and dates.</summary>
    private static class RawWorkbook
    {
        public const uint PercentStyle = 1, DateStyle = 2, CustomDateStyle = 3;

        /// <summary>Rows of cells; a shared-string cell holds its text in CellValue and is moved into the table here.</summary>
        public static void Write(string path, string sheetName, XCell[][] rows)
        {
            using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook(new Sheets(new Sheet { Id = "rId1", SheetId = 1, Name = sheetName }));
            var styles = wb.AddNewPart<WorkbookStylesPart>("rId3");
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" }),
                new Fonts(new Font()), new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }, new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }));
            var table = new List<string>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var cell = rows[r][c];
                    cell.CellReference = CellReference.Of(c + 1, r + 1);
                    if (cell.DataType?.Value == CellValues.SharedString)
                    {
                        table.Add(cell.CellValue!.Text);
                        cell.CellValue = new CellValue((table.Count - 1).ToString(CultureInfo.InvariantCulture));
                    }
                    row.Append(cell);
                }
                data.Append(row);
            }
            var strings = wb.AddNewPart<SharedStringTablePart>("rId2");
            strings.SharedStringTable = new SharedStringTable(table.Select(t => new SharedStringItem(new Text(t))));
            wb.AddNewPart<WorksheetPart>("rId1").Worksheet = new Worksheet(data);
        }
    }
}
