using System.Text.Json;

namespace NtpRules.IntegrationTests;

/// <summary><c>ntp assess --lenient</c> as shipped: bad cells read as unknown, the report written, every problem listed and counted.</summary>
public sealed class LenientTests : IDisposable
{
    private const string Catalogue = """
        kind: catalogue
        subjects:
          - kind: province
            name: { vi: Tỉnh, en: Province }
          - kind: commune
            name: { vi: Xã, en: Commune }
            parents: [province]
        indicators:
          - key: irrigated_land_pct
            subject: commune
            type: number
            unit: "%"
            range: [0, 100]
            description: { vi: "Tỷ lệ diện tích được tưới (QĐ 318, chỉ tiêu 3.1)", en: Share of land irrigated }
            aliases: ["Tưới tiêu"]
        """;

    private readonly TempFolder _tmp = new();

    public LenientTests()
    {
        ShippedCli.WriteRules(_tmp, Catalogue);
        _tmp.Write("data-2024/provinces.csv", "id,name\nP1,Lào Cai\n");
        _tmp.Write("data-2024/communes-a.csv", "id,name,province_id,Tỷ lệ diện tích được tưới\nC1,Xã Bản Phố,P1,85\nC2,Xã Cốc San,P1,abc\nC3,Xã Tả Van,P9,140\nC4,Xã Lỗi,P1\n");
        _tmp.Write("data-2024/communes-b.csv", "id,name,province_id,tưới tiêu (%)\nC5,Xã Hồng Ca,P1,-5\nC6,Xã Nậm Có,P1,90\n");
    }

    public void Dispose() => _tmp.Dispose();

    private (int Code, string Out, string Err) Assess(params string[] more) =>
        ShippedCli.Run(["assess", "--data", _tmp["data-2024"], "--rules", _tmp["rules"], "--out", _tmp["reports"], .. more]);

    [Fact]
    public void Without_lenient_bad_data_stops_the_run_with_every_error_and_no_report()
    {
        var (code, _, err) = Assess();

        Assert.Equal(1, code);
        Assert.Contains($"{_tmp["data-2024/communes-a.csv"]}:3:18: error NTP5008: column 'Tỷ lệ diện tích được tưới' (irrigated_land_pct): value 'abc' is not a number", err);
        Assert.Contains("error NTP5006", err);
        Assert.Empty(_tmp.Files("reports"));
    }

    [Fact]
    public void Lenient_reads_bad_cells_as_unknown_writes_the_reports_and_lists_and_counts_every_problem()
    {
        var (code, output, err) = Assess("--lenient");

        Assert.True(code == 0, err);
        Assert.Contains($"{_tmp["data-2024/communes-a.csv"]}:3:18: warning NTP5008: column 'Tỷ lệ diện tích được tưới' (irrigated_land_pct): value 'abc' is not a number (read as unknown)", err);
        Assert.Contains("warning NTP5006: the row has 3 fields but the header has 4 (row left out)", err);
        Assert.Contains("warning NTP5020: commune 'C3' names province_id 'P9', but the data has no province 'P9' (did you mean 'P1'?)", err);
        const string summary = "3 cells read as unknown, 1 row left out, 1 parent id not found in 2 files";
        Assert.Contains($"read leniently: {summary}", err);
        Assert.Contains("wrote", output);

        using var json = JsonDocument.Parse(File.ReadAllText(_tmp["reports/data-2024.json"]));
        var problems = json.RootElement.GetProperty("dataProblems");
        Assert.Equal(summary, problems.GetProperty("summary").GetString());
        Assert.Equal(["NTP5008", "NTP5009", "NTP5006", "NTP5009", "NTP5020"],
            problems.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        var verdicts = json.RootElement.GetProperty("subjects").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() == "commune")
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("standards")[0].GetProperty("verdict").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["C1"] = "met", ["C2"] = "unknown", ["C3"] = "unknown", ["C5"] = "unknown", ["C6"] = "met" }, verdicts);

        var markdown = File.ReadAllText(_tmp["reports/data-2024.md"]);
        Assert.Contains($"## Data problems\n\nRead leniently: {summary}.", markdown.ReplaceLineEndings("\n"));
        Assert.Contains("| row left out |", markdown);
        var html = File.ReadAllText(_tmp["reports/data-2024.html"]);
        Assert.Contains("<h2 id=\"data-problems\">Data problems</h2>", html);
        Assert.Contains("<td>NTP5008</td>", html);
        Assert.Contains("<td>row left out</td>", html);
    }

    [Fact]
    public void A_repeated_id_of_a_kind_checked_once_reading_ends_is_listed_in_reading_order_and_its_row_left_out()
    {
        // Communes are no kind's parent here, so their ids are checked once the data is read: the repeated row is
        // still listed right after its own bad cell, and its unknown province is not reported, the row being left out.
        _tmp.Write("data-2024/communes-b.csv", "id,name,province_id,tưới tiêu (%)\nC5,Xã Hồng Ca,P1,-5\nC1,Xã Khác,P7,-7\nC6,Xã Nậm Có,P1,90\n");

        var (code, _, err) = Assess("--lenient");

        Assert.True(code == 0, err);
        Assert.Contains($"{_tmp["data-2024/communes-b.csv"]}:3:1: warning NTP5011: duplicate commune id 'C1' (first seen on line 2) (row left out)", err);
        Assert.DoesNotContain("'P7'", err);
        using var json = JsonDocument.Parse(File.ReadAllText(_tmp["reports/data-2024.json"]));
        var problems = json.RootElement.GetProperty("dataProblems").GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("code").GetString(), p.GetProperty("line").GetInt32())).ToList();
        Assert.Equal([("NTP5008", 3), ("NTP5009", 4), ("NTP5006", 5), ("NTP5009", 2), ("NTP5009", 3), ("NTP5011", 3), ("NTP5020", 4)], problems);
        var communes = json.RootElement.GetProperty("subjects").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() == "commune")
            .Select(s => (s.GetProperty("id").GetString(), s.GetProperty("name").GetString())).OrderBy(s => s.Item1).ToList();
        Assert.Equal([("C1", "Xã Bản Phố"), ("C2", "Xã Cốc San"), ("C3", "Xã Tả Van"), ("C5", "Xã Hồng Ca"), ("C6", "Xã Nậm Có")], communes);
    }

    [Fact]
    public void A_clean_lenient_run_has_no_data_problems_in_its_reports()
    {
        _tmp.Write("data-2024/communes-a.csv", "id,name,province_id,irrigated_land_pct\nC1,Xã Bản Phố,P1,85\n");
        _tmp.Write("data-2024/communes-b.csv", "id,name,province_id,irrigated_land_pct\nC5,Xã Hồng Ca,P1,90\n");

        var (code, _, err) = Assess("--lenient");

        Assert.True(code == 0, err);
        Assert.DoesNotContain("read leniently", err);
        using var json = JsonDocument.Parse(File.ReadAllText(_tmp["reports/data-2024.json"]));
        Assert.False(json.RootElement.TryGetProperty("dataProblems", out _));
        Assert.DoesNotContain("Data problems", File.ReadAllText(_tmp["reports/data-2024.md"]));
    }
}
