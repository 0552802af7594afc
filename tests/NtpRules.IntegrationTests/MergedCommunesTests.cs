using System.Text.Json;

namespace NtpRules.IntegrationTests;

/// <summary>
/// Old communes merged into real new ones (GSO codes of ../shared/data/vn-admin-units-2026.csv) through the shipped
/// <c>ntp</c>: <c>data merge</c>, <c>assess --merge-map --units</c>, and their located errors.
/// </summary>
public sealed class MergedCommunesTests : IDisposable
{
    private readonly TempFolder _tmp = new();
    private readonly string[][] _laoCai = RealData.UnitCommunes("15");
    private readonly string _rules = Path.Combine(RealData.RepoRoot(), "rules");

    public MergedCommunesTests()
    {
        // Four old communes of Lào Cai (province 15); A and B became the first real commune, C the second, D the third.
        _tmp.Write("old/provinces.csv", "id,name\n15,Tỉnh Lào Cai\n");
        _tmp.Write("old/communes.csv", RealData.CommunesWithBase([
            ("A", "Xã A", "15", 300, 10), ("B", "Xã B", "15", 100, 4), ("C", "Xã C", "15", 250, 6), ("D", "Xã D", "15", 80, 12)]));
        _tmp.Write("map.csv", $"old_id,new_id,new_name\nA,{Code(0)},Xã {_laoCai[0][3]}\nB,{Code(0)},\nC,{Code(1)},Xã {_laoCai[1][3]}\nD,{Code(2)},Xã {_laoCai[2][3]}\n");
    }

    public void Dispose() => _tmp.Dispose();

    private string Code(int i) => _laoCai[i][2];

    [Fact]
    public void Data_merge_writes_the_merged_communes_with_their_provenance_and_they_assess_against_the_real_units()
    {
        var (code, output, err) = ShippedCli.Run("data", "merge", "--mapping", _tmp["map.csv"], "--data", _tmp["old"], "--out", _tmp["merged"],
            "--rules", _rules, "--units", RealData.UnitsFile);
        Assert.True(code == 0, err);
        Assert.Contains("3 communes from 4 old ones", output);
        Assert.Equal(["communes.csv", "merge-provenance.md", "provinces.csv"], _tmp.Files("merged"));
        var communes = File.ReadAllLines(_tmp["merged/communes.csv"]);
        Assert.Equal([Code(0), Code(1), Code(2)], communes.Skip(1).Select(l => l.Split(',')[0]));
        var header = communes[0].Split(',');
        var first = communes[1].Split(',');
        // By hand: (10 × 300 + 4 × 100) / 400 = 8.5; households 300 + 100.
        Assert.Equal(("8.5", "400"), (first[Array.IndexOf(header, "poverty_rate")], first[Array.IndexOf(header, "resident_households")]));
        var provenance = File.ReadAllText(_tmp["merged/merge-provenance.md"]);
        Assert.Contains($"## Xã {_laoCai[0][3]} ({Code(0)}), from A, B", provenance);
        Assert.Contains("| poverty_rate | 8.5 | weighted_by resident_households | weighted by resident_households: (A 10 × 300 + B 4 × 100) / 400 = 8.5 |", provenance);

        (code, _, err) = ShippedCli.Run("assess", "--data", _tmp["merged"], "--rules", _rules, "--out", _tmp["reports"], "--as-of", "2025-12-31",
            "--format", "json", "--units", RealData.UnitsFile);
        Assert.True(code == 0, err);
    }

    [Fact]
    public void Assess_with_a_merge_map_reports_each_merged_value_with_its_predecessors()
    {
        var (code, _, err) = ShippedCli.Run("assess", "--data", _tmp["old"], "--merge-map", _tmp["map.csv"], "--units", RealData.UnitsFile,
            "--rules", _rules, "--out", _tmp["reports"], "--as-of", "2025-12-31", "--format", "json,md");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(File.ReadAllText(_tmp["reports/old-2025-12-31.json"]));
        var merged = json.RootElement.GetProperty("subjects").EnumerateArray().Single(s => s.GetProperty("id").GetString() == Code(0));
        var merge = merged.GetProperty("merge");
        Assert.Equal(["A", "B"], merge.GetProperty("predecessors").EnumerateArray().Select(p => p.GetString()));
        var rate = merge.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("key").GetString() == "poverty_rate");
        Assert.Equal(8.5, rate.GetProperty("value").GetDouble());
        Assert.Equal([300.0, 100.0], rate.GetProperty("from").EnumerateArray().Select(f => f.GetProperty("weight").GetDouble()));
        Assert.Contains("Merged from A, B", File.ReadAllText(_tmp["reports/old-2025-12-31.md"]));
    }

    [Fact]
    public void A_new_id_that_is_no_real_code_is_an_error_at_its_mapping_row_with_the_code_of_its_name()
    {
        _tmp.Write("map.csv", $"old_id,new_id,new_name\nA,{Code(0)},\nB,{Code(0)},\nC,99999,Xã {_laoCai[1][3]}\nD,{Code(2)},\n");
        var (code, _, err) = ShippedCli.Run("assess", "--data", _tmp["old"], "--merge-map", _tmp["map.csv"], "--units", RealData.UnitsFile,
            "--rules", _rules, "--out", _tmp["reports"], "--as-of", "2025-12-31");
        Assert.Equal(1, code);
        Assert.Contains($"{_tmp["map.csv"]}:4:1: error NTP5030: commune id '99999' is not a unit code in vn-admin-units-2026.csv", err);
        Assert.Contains($"did you mean id '{Code(1)}'?", err);
        Assert.Empty(_tmp.Files("reports"));
    }

    [Fact]
    public void A_mapping_row_naming_no_commune_of_the_data_and_an_unmapped_commune_are_both_located()
    {
        _tmp.Write("map.csv", $"old_id,new_id\nA,{Code(0)}\nBB,{Code(0)}\nC,{Code(1)}\nD,{Code(2)}\n");
        var (code, _, err) = ShippedCli.Run("data", "merge", "--mapping", _tmp["map.csv"], "--data", _tmp["old"], "--out", _tmp["merged"], "--rules", _rules);
        Assert.Equal(1, code);
        Assert.Contains($"{_tmp["map.csv"]}:3:1: error NTP5042: old commune 'BB' is not a commune in the data", err);
        Assert.Contains($"{_tmp["old/communes.csv"]}:3:1: error NTP5043: commune 'B' is in no row of the merge mapping map.csv", err);
        Assert.False(Directory.Exists(_tmp["merged"]));
    }

    [Fact]
    public void Data_merge_will_not_write_into_a_folder_holding_data()
    {
        var (code, _, err) = ShippedCli.Run("data", "merge", "--mapping", _tmp["map.csv"], "--data", _tmp["old"], "--out", _tmp["old"], "--rules", _rules);
        Assert.Equal(2, code);
        Assert.Contains("already holds data files", err);
    }
}
