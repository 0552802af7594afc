using System.Globalization;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Data.Spreadsheets;
using NtpRules.Language.Library;

namespace NtpRules.IntegrationTests;

/// <summary><c>ntp data template</c> as shipped over the repository's rules: the columns, the description sheet, and the template filled in read back as data.</summary>
public sealed class DataTemplateTests : IDisposable
{
    private static readonly Lazy<RuleLibrary> Library = new(() => RuleLibrary.LoadDirectory(Path.Combine(RealData.RepoRoot(), "rules")));
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private (int Code, string Out, string Err) Template(string standard, string asOf = "2025-12-31") =>
        ShippedCli.Run(["data", "template", "--standard", standard, "--as-of", asOf, "--rules", Path.Combine(RealData.RepoRoot(), "rules"), "--out", _tmp["templates"]]);

    private string[] CsvHeader(string name) =>
        File.ReadAllText(_tmp[$"templates/{name}.csv"], Encoding.UTF8).TrimStart('\uFEFF').TrimEnd('\r', '\n').Split(',');

    [Fact]
    public void The_ntm_commune_template_has_the_subject_columns_and_each_indicator_the_standard_reads()
    {
        var (code, output, err) = Template("ntm-commune");

        Assert.True(code == 0, err);
        Assert.Contains("for commune records of ntm-commune (ntm-commune 2021-2025, in force on 2025-12-31)", output);
        Assert.Equal(["communes-ntm-commune-2025-12-31.csv", "communes-ntm-commune-2025-12-31.xlsx"], _tmp.Files("templates"));
        var header = CsvHeader("communes-ntm-commune-2025-12-31");
        Assert.Equal(["id", "name", "district_id", "province_id"], header[..4]);
        Assert.Contains("irrigated_land_pct", header);
        Assert.Contains("region", header);                 // read through the regional parameters' keys
        Assert.DoesNotContain("ocop_products", header);    // a model-commune indicator
        Assert.DoesNotContain("poverty_rate_households", header); // computed from the households

        var sheets = Sheets(_tmp["templates/communes-ntm-commune-2025-12-31.xlsx"]);
        Assert.Equal(["communes", "Mô tả cột - Columns"], sheets.Keys);
        Assert.Equal(header, sheets["communes"].Single());
        var irrigation = sheets["Mô tả cột - Columns"].Single(r => r.FirstOrDefault() == "irrigated_land_pct");
        Assert.Equal("Tỷ lệ diện tích đất sản xuất nông nghiệp được tưới và tiêu nước chủ động", irrigation[1]);
        Assert.StartsWith("Share of agricultural production land", irrigation[2]);
        Assert.Equal(("%", "number"), (irrigation[3], irrigation[4]));
        Assert.StartsWith("number from 0 to 100", irrigation[5]);
        Assert.Contains("› 3.1", irrigation[6]);
        Assert.StartsWith("TDMNPB, DBSH", sheets["Mô tả cột - Columns"].Single(r => r.FirstOrDefault() == "region")[5]);
    }

    [Fact]
    public void A_required_standard_brings_its_columns_into_the_template()
    {
        Assert.Equal(0, Template("ntm-advanced-commune").Code);
        var header = CsvHeader("communes-ntm-advanced-commune-2025-12-31");
        Assert.Contains("clean_piped_water_pct", header);  // its own criteria
        Assert.Contains("irrigated_land_pct", header);     // ntm-commune, which it requires
    }

    [Fact]
    public void An_unknown_standard_is_an_error_with_the_closest_id_and_writes_nothing()
    {
        var (code, _, err) = Template("ntm-comune");

        Assert.Equal(1, code);
        Assert.Contains("error NTP5102: no rule set defines the standard 'ntm-comune' (did you mean 'ntm-commune'?)", err);
        Assert.Empty(_tmp.Files("templates"));
    }

    [Fact]
    public void The_template_is_the_same_file_each_time()
    {
        Template("ntm-commune");
        var first = File.ReadAllBytes(_tmp["templates/communes-ntm-commune-2025-12-31.xlsx"]);
        Template("ntm-commune");
        Assert.Equal(first, File.ReadAllBytes(_tmp["templates/communes-ntm-commune-2025-12-31.xlsx"]));
    }

    /// <summary>
    /// Sample communes typed into the template's first sheet (numbers as numbers, the rest as text) read back as the
    /// same records as the CSV template filled with the same rows, and as the sample's own rows; assess reads the workbook.
    /// </summary>
    [Fact]
    public void The_template_filled_in_reads_back_as_data_and_is_assessed()
    {
        Assert.Equal(0, Template("ntm-commune").Code);
        var header = CsvHeader("communes-ntm-commune-2025-12-31");
        var sample = File.ReadAllLines(Path.Combine(RealData.RepoRoot(), "samples", "lao-cai-2025", "communes.csv"), Encoding.UTF8);
        var sampleHeader = sample[0].Split(',');
        var rows = sample.Skip(1).Take(3).Select(line => line.Split(','))
            .Select(cells => header.Select(h => Array.IndexOf(sampleHeader, h) is >= 0 and var i ? cells[i] : "").ToArray()).ToArray();

        var xlsx = _tmp["filled-2025/communes.xlsx"];
        Directory.CreateDirectory(_tmp["filled-2025"]);
        File.Copy(_tmp["templates/communes-ntm-commune-2025-12-31.xlsx"], xlsx);
        Fill(xlsx, rows);
        var csv = _tmp.Write("csv-2025/communes.csv", string.Join("\n", [string.Join(",", header), .. rows.Select(r => string.Join(",", r))]) + "\n");
        File.Copy(Path.Combine(RealData.RepoRoot(), "samples", "lao-cai-2025", "provinces.csv"), _tmp["filled-2025/provinces.csv"]);

        var catalogue = Library.Value.Catalogue.ToRecordCatalogue();
        var fromXlsx = new DataReading(catalogue, [xlsx]);
        var fromCsv = new DataReading(catalogue, [csv]);
        var xlsxRecords = fromXlsx.Records().Select(Show).ToList();
        Assert.Empty(fromXlsx.Diagnostics);
        Assert.Equal(fromCsv.Records().Select(Show), xlsxRecords);
        var originals = RealData.SampleRows(Library.Value, "lao-cai-2025").Where(r => r.Kind == "commune").Take(3)
            .Select(r => r with { Values = r.Values.Where(v => header.Contains(v.Key)).ToDictionary() });
        Assert.Equal(originals.Select(Show), xlsxRecords);

        var (code, _, err) = ShippedCli.Run(["assess", "--data", _tmp["filled-2025"], "--rules", Path.Combine(RealData.RepoRoot(), "rules"),
            "--standard", "ntm-commune", "--out", _tmp["reports"], "--format", "json"]);
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(File.ReadAllText(_tmp["reports/filled-2025.json"]));
        Assert.Equal(rows.Select(r => r[0]), json.RootElement.GetProperty("subjects").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() == "commune").Select(s => s.GetProperty("id").GetString()));
    }

    private static string Show(DataRecord r) =>
        $"{r.Kind}|{r.Id}|{r.Name}|{string.Join(";", r.Parents.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}|" +
        string.Join(";", r.Values.Where(v => v.Value is not null).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={Convert.ToString(v.Value, CultureInfo.InvariantCulture)}"));

    /// <summary>Types rows into the first sheet as a person would: numbers as number cells, everything else as text.</summary>
    private static void Fill(string path, string[][] rows)
    {
        using var doc = SpreadsheetDocument.Open(path, true);
        var workbook = doc.WorkbookPart!;
        var first = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var data = ((WorksheetPart)workbook.GetPartById(first.Id!)).Worksheet.GetFirstChild<SheetData>()!;
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 2) };
            for (var c = 0; c < rows[r].Length; c++)
            {
                var text = rows[r][c];
                if (text.Length == 0) continue;
                var cell = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && c > 0
                    ? new Cell { CellValue = new CellValue(d), DataType = CellValues.Number }
                    : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
                cell.CellReference = CellReference.Of(c + 1, r + 2);
                row.Append(cell);
            }
            data.Append(row);
        }
    }

    /// <summary>Every sheet of a workbook by name, as rows of cell texts (inline strings as written by the template).</summary>
    private static Dictionary<string, List<string[]>> Sheets(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, false);
        var workbook = doc.WorkbookPart!;
        return workbook.Workbook.Sheets!.Elements<Sheet>().ToDictionary(s => s.Name!.Value!, s =>
            ((WorksheetPart)workbook.GetPartById(s.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToArray()).Where(r => r.Length > 0).ToList());
    }
}
