using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using NtpRules.Cli;
using NtpRules.Cli.Worker;

namespace NtpRules.IntegrationTests;

/// <summary>
/// The worker with the shipped rule pipeline while its rule files are broken, deleted and fixed: it keeps assessing
/// with the last good set, logs which file broke and why, and picks up the fix.
/// </summary>
public sealed class WorkerHotReloadTests : IDisposable
{
    private const string NtmShare = "actual: share(commune, met('ntm-commune'))\n";
    private readonly TempFolder _tmp = new();
    private int _dropped;

    public WorkerHotReloadTests() => RealData.CopyRules(_tmp["rules"]);

    public void Dispose() => _tmp.Dispose();

    private string Targets => _tmp["rules/targets/2021-2025.yaml"];

    private string Log() => _tmp.ReadShared("worker.log");

    private static async Task WaitFor(Func<bool> condition, string what, Func<string> context)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}:\n{context()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Drops a communes file, waits for it to be assessed, and returns the hash of the targets rule set its report names.</summary>
    private async Task<string> AssessOne()
    {
        var name = $"reload-2025-{++_dropped}";
        _tmp.Write($"inbox/{name}.csv", RealData.Communes($"R{_dropped}", 2));
        await WaitFor(() => File.Exists(_tmp[$"processed/{name}.csv"]), name, Log);
        using var json = JsonDocument.Parse(File.ReadAllText(_tmp[$"out/{name}.json"]));
        return json.RootElement.GetProperty("run").GetProperty("ruleSets").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "targets").GetProperty("sha256").GetString()!;
    }

    private async Task Break(string code, Func<string, string> edit, string path)
    {
        var errorsBefore = Count(code);
        File.WriteAllText(path, edit(File.ReadAllText(path)));
        await WaitFor(() => Count(code) > errorsBefore, $"the {code} error to be logged", Log);
    }

    private int Count(string text) => Log().Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task Broken_and_deleted_rule_files_keep_the_last_good_set_with_the_reason_logged_and_the_fix_is_picked_up()
    {
        var good = File.ReadAllText(Targets);
        var goodHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Targets)));
        using var host = WorkerHost.Build(CliApp.DefaultServices(), new Dictionary<string, string?>
        {
            ["Worker:Inbox"] = _tmp["inbox"],
            ["Worker:Out"] = _tmp["out"],
            ["Worker:Rules"] = _tmp["rules"],
            ["Worker:StableMilliseconds"] = "100",
            ["Worker:ScanIntervalSeconds"] = "0.2",
            ["Serilog:Using:0"] = "Serilog.Sinks.File",
            ["Serilog:WriteTo:0:Name"] = "File",
            ["Serilog:WriteTo:0:Args:path"] = _tmp["worker.log"],
        }, _tmp.Root);
        await host.StartAsync();
        Assert.Equal(goodHash, await AssessOne());

        // Syntax, type and unknown-name errors: each is logged with file, line and reason; the last good set stays in force.
        await Break("NTP1001", t => t.Replace("    op: \">=\"\n", "    op: [\">=\"\n"), Targets);
        Assert.Equal(goodHash, await AssessOne());
        await Break("NTP3102", _ => good.Replace(NtmShare, "actual: share(commune, met('ntm-commune')) + 'x'\n"), Targets);
        Assert.Equal(goodHash, await AssessOne());
        await Break("NTP3101", _ => good.Replace(NtmShare, "actual: share(commune, met('ntm-commune')) + no_such_field\n"), Targets);
        Assert.Equal(goodHash, await AssessOne());
        var log = Log();
        Assert.Contains("targets/2021-2025.yaml:20:9: error NTP1001: YAML syntax: the file ends inside an unclosed", log);
        Assert.Contains("targets/2021-2025.yaml:19:13: error NTP3102: cannot apply '+' to a number and a text", log);
        Assert.Contains("targets/2021-2025.yaml:19:50: error NTP3101: unknown name 'no_such_field'", log);
        Assert.Matches(@"Rule check failed: 1 error\(s\) in \S*rules/targets/2021-2025.yaml\n", log);
        Assert.Contains("fail their check; keeping the last good set", log);

        // A catalogue file deleted mid-run: the names it declared become unknown; still the last good set.
        var household = _tmp["rules/catalogue/household.yaml"];
        var householdText = File.ReadAllText(household);
        var failedChecks = Count("fail their check");
        File.Delete(household);
        await WaitFor(() => Count("fail their check") > failedChecks, "the check to fail without household.yaml", Log);
        Assert.Equal(goodHash, await AssessOne());

        // The fix (with a changed target) is picked up: the next file is assessed with the new set.
        var loads = Count("Rules loaded");
        File.WriteAllText(household, householdText);
        File.WriteAllText(Targets, good.Replace("    target: 80\n", "    target: 85\n"));
        await WaitFor(() => Count("Rules loaded") > loads, "the fixed rules to load", Log);
        var fixedHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Targets)));
        Assert.NotEqual(goodHash, fixedHash);
        Assert.Equal(fixedHash, await AssessOne());
        await host.StopAsync();
        Assert.Empty(_tmp.Files("failed"));
    }
}
