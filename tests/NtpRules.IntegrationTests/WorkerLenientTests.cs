using System.Text.Json;
using Microsoft.Extensions.Hosting;
using NtpRules.Cli;
using NtpRules.Cli.Worker;

namespace NtpRules.IntegrationTests;

/// <summary>The worker as shipped with <c>Worker:Lenient</c>: a file with a bad cell is assessed, its problems in the report, instead of failed.</summary>
public sealed class WorkerLenientTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public WorkerLenientTests() => ShippedCli.WriteRules(_tmp);

    public void Dispose() => _tmp.Dispose();

    private async Task Process(bool lenient)
    {
        _tmp.Write("inbox/communes-2024.csv", "id,name,irrigated_land_pct\nC1,Xã Bản Phố,85\nC2,Xã Cốc San,abc\n");
        using var host = WorkerHost.Build(CliApp.DefaultServices(), new Dictionary<string, string?>
        {
            ["Worker:Inbox"] = _tmp["inbox"],
            ["Worker:Out"] = _tmp["out"],
            ["Worker:Rules"] = _tmp["rules"],
            ["Worker:StableMilliseconds"] = "100",
            ["Worker:ScanIntervalSeconds"] = "0.2",
            ["Worker:Lenient"] = lenient ? "true" : "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }, _tmp.Root);
        await host.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_tmp.Files("processed").Length + _tmp.Files("failed").Length == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the file was neither processed nor failed");
            await Task.Delay(25);
        }
        await host.StopAsync();
    }

    [Fact]
    public async Task Lenient_assesses_a_file_with_a_bad_cell_and_lists_it_in_the_report()
    {
        await Process(lenient: true);

        Assert.Equal(["communes-2024.csv"], _tmp.Files("processed"));
        using var json = JsonDocument.Parse(File.ReadAllText(_tmp["out/communes-2024.json"]));
        var problems = json.RootElement.GetProperty("dataProblems");
        Assert.Equal("1 cell read as unknown in 1 file", problems.GetProperty("summary").GetString());
        Assert.Equal(3, problems.GetProperty("problems")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Without_lenient_the_same_file_is_failed_with_its_located_error()
    {
        await Process(lenient: false);

        Assert.Equal(["communes-2024.csv", "communes-2024.csv.error.txt"], _tmp.Files("failed"));
        Assert.Contains(":3:15: error NTP5008", File.ReadAllText(_tmp["failed/communes-2024.csv.error.txt"]));
    }
}
