using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NtpRules.Cli.Worker;

namespace NtpRules.IntegrationTests;

/// <summary>The inbox worker, hosted in-process over temporary folders.</summary>
public sealed class WorkerTests : IDisposable
{
    private readonly TempFolder _tmp = new();
    private readonly ThresholdPipeline _pipeline = new();

    public WorkerTests() => _tmp.Write("rules/threshold.txt", "80");

    public void Dispose() => _tmp.Dispose();

    private Dictionary<string, string?> Settings() => new()
    {
        ["Worker:Inbox"] = _tmp["inbox"],
        ["Worker:Out"] = _tmp["out"],
        ["Worker:Rules"] = _tmp["rules"],
        ["Worker:StableMilliseconds"] = "100",
        ["Worker:ScanIntervalSeconds"] = "0.2",
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    private async Task<IHost> Start(ThresholdPipeline? pipeline = null, Dictionary<string, string?>? settings = null)
    {
        var host = WorkerHost.Build(ThresholdPipeline.Services(pipeline ?? _pipeline), settings ?? Settings(), _tmp.Root);
        await host.StartAsync();
        return host;
    }

    /// <summary>Settings that also log, as plain text, to a file read by <see cref="Log"/>.</summary>
    private Dictionary<string, string?> SettingsWithLog()
    {
        var settings = Settings();
        settings["Serilog:MinimumLevel:Default"] = "Information";
        settings["Serilog:Using:0"] = "Serilog.Sinks.File";
        settings["Serilog:WriteTo:0:Name"] = "File";
        settings["Serilog:WriteTo:0:Args:path"] = _tmp["worker.log"];
        return settings;
    }

    private string Log() => _tmp.ReadShared("worker.log");

    /// <summary>No temporary or partial file anywhere the worker writes.</summary>
    private void AssertNoTemporaryFiles()
    {
        foreach (var dir in new[] { "inbox", "out", "processed", "failed" })
            Assert.DoesNotContain(_tmp.Files(dir), f => f.EndsWith(".tmp") || f.StartsWith('.'));
    }

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }

    private string Verdict(string report, string subject)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(_tmp[$"out/{report}.json"]));
        return json.RootElement.GetProperty("subjects").EnumerateArray().Single(s => s.GetProperty("id").GetString() == subject)
            .GetProperty("standards")[0].GetProperty("verdict").GetString()!;
    }

    [Fact]
    public async Task Good_bad_partial_and_duplicate_named_files_are_each_handled_and_none_is_lost()
    {
        using var host = await Start();
        _tmp.Write("inbox/communes.csv", TempFolder.GoodCommunes);
        _tmp.Write("inbox/bad.csv", "id,district_id,irrigated_land_pct\nC1,D1,85\nC2,D1,abc\nC3,D1,\nC1,D1,70\n");
        _tmp.Write("inbox/upload.csv.part", "id,district_id\nC9,D1\n");
        _tmp.Write("inbox/.hidden.csv", "id,district_id\nC9,D1\n");
        _tmp.Write("inbox/~lock.csv", "");
        _tmp.Write("inbox/copying.tmp", "");

        await WaitFor(() => File.Exists(_tmp["processed/communes.csv"]) && File.Exists(_tmp["failed/bad.csv"]), "the first two files");
        var second = TempFolder.GoodCommunes.Replace("C2,Xã Cốc San,D1,P10,Lào Cai,60", "C2,Xã Cốc San,D1,P10,Lào Cai,95");
        _tmp.Write("inbox/communes.csv", second);
        await WaitFor(() => File.Exists(_tmp["processed/communes-1.csv"]), "the second communes.csv");
        await host.StopAsync();

        // Reports of both same-named inputs exist side by side, each from its own data.
        Assert.Equal("not-met", Verdict("communes", "C2"));
        Assert.Equal("met", Verdict("communes-1", "C2"));
        Assert.Equal(TempFolder.GoodCommunes, File.ReadAllText(_tmp["processed/communes.csv"]));
        Assert.Equal(second, File.ReadAllText(_tmp["processed/communes-1.csv"]));
        Assert.Equal(["communes-1-criteria.csv", "communes-1-summary.csv", "communes-1.html", "communes-1.json", "communes-1.md", "communes-criteria.csv", "communes-summary.csv", "communes.html", "communes.json", "communes.md"],
            _tmp.Files("out").Where(f => !f.StartsWith("decisions.db")));

        // The bad file is kept whole in failed/, with every problem located in it there.
        Assert.Equal(["bad.csv", "bad.csv.error.txt"], _tmp.Files("failed"));
        var bad = _tmp["failed/bad.csv"];
        var errors = File.ReadAllText(_tmp["failed/bad.csv.error.txt"]);
        Assert.Contains($"{bad}:3:7: error NTP5008: column 'irrigated_land_pct': value 'abc' is not a number", errors);
        Assert.Contains($"{bad}:5:1: error NTP5011: duplicate commune id 'C1' (first seen on line 2)", errors);

        // Partial and temporary names are left alone.
        Assert.Equal([".hidden.csv", "copying.tmp", "upload.csv.part", "~lock.csv"], _tmp.Files("inbox"));
    }

    [Fact]
    public async Task Files_left_in_the_inbox_are_assessed_on_start()
    {
        _tmp.Write("inbox/a-2024-06-30.csv", TempFolder.GoodCommunes);
        _tmp.Write("inbox/b.csv", TempFolder.GoodCommunes);

        using var host = await Start();
        await WaitFor(() => _tmp.Files("processed").Length == 2, "both files");
        await host.StopAsync();

        Assert.Empty(_tmp.Files("inbox"));
        using var json = JsonDocument.Parse(File.ReadAllText(_tmp["out/a-2024-06-30.json"]));
        Assert.Equal("2024-06-30", json.RootElement.GetProperty("run").GetProperty("asOf").GetString()); // as-of from the name
    }

    [Fact]
    public async Task A_kill_mid_file_leaves_no_report_and_the_file_is_assessed_again_on_restart()
    {
        var blocking = new ThresholdPipeline
        {
            // Holds the assessment until the host stops, as a kill in the middle would.
            BeforeAssess = (_, ct) => { ct.WaitHandle.WaitOne(); ct.ThrowIfCancellationRequested(); },
        };
        var host = await Start(blocking);
        _tmp.Write("inbox/slow.csv", TempFolder.GoodCommunes);
        await WaitFor(() => blocking.Assessments == 1, "the assessment to begin");
        await host.StopAsync();
        host.Dispose();

        Assert.Equal(["slow.csv"], _tmp.Files("inbox"));
        Assert.DoesNotContain(_tmp.Files("out"), f => f.StartsWith("slow") || f.EndsWith(".tmp"));
        Assert.Empty(_tmp.Files("processed"));

        using var restarted = await Start();
        await WaitFor(() => File.Exists(_tmp["processed/slow.csv"]), "the file after restart");
        await restarted.StopAsync();
        Assert.Equal("met", Verdict("slow", "C1"));
    }

    [Fact]
    public async Task A_file_whose_assessment_throws_is_failed_and_the_worker_goes_on()
    {
        _pipeline.BeforeAssess = (r, _) => { if (r.DataFiles[0].EndsWith("boom.csv")) throw new InvalidDataException("engine exploded"); };
        using var host = await Start();
        _tmp.Write("inbox/boom.csv", TempFolder.GoodCommunes);
        await WaitFor(() => File.Exists(_tmp["failed/boom.csv.error.txt"]), "the failure");
        _tmp.Write("inbox/after.csv", TempFolder.GoodCommunes);
        await WaitFor(() => File.Exists(_tmp["processed/after.csv"]), "the next file");
        await host.StopAsync();

        Assert.Contains("NTP9001: the assessment failed: engine exploded", File.ReadAllText(_tmp["failed/boom.csv.error.txt"]));
        Assert.Equal(["boom.csv", "boom.csv.error.txt"], _tmp.Files("failed"));
    }

    [Fact]
    public async Task Rule_changes_are_reloaded_and_a_broken_rule_file_keeps_the_last_good_set()
    {
        using var host = await Start();
        _tmp.Write("inbox/one.csv", TempFolder.GoodCommunes);
        await WaitFor(() => File.Exists(_tmp["processed/one.csv"]), "one.csv");

        _tmp.Write("rules/threshold.txt", "not a number");
        _tmp.Write("inbox/two.csv", TempFolder.GoodCommunes);
        await WaitFor(() => File.Exists(_tmp["processed/two.csv"]), "two.csv");

        _tmp.Write("rules/threshold.txt", "50");
        _tmp.Write("inbox/three.csv", TempFolder.GoodCommunes);
        await WaitFor(() => File.Exists(_tmp["processed/three.csv"]), "three.csv");
        await host.StopAsync();

        Assert.Equal("not-met", Verdict("one", "C2"));   // 60 < 80
        Assert.Equal("not-met", Verdict("two", "C2"));   // broken rules: still 80
        Assert.Equal("met", Verdict("three", "C2"));     // 60 ≥ 50
    }

    [Fact]
    public async Task Files_wait_in_the_inbox_while_no_rule_set_has_loaded()
    {
        _tmp.Write("rules/threshold.txt", "broken");
        using var host = await Start();
        _tmp.Write("inbox/early.csv", TempFolder.GoodCommunes);
        await Task.Delay(600); // several scan intervals: nothing may happen to the file
        Assert.Equal(["early.csv"], _tmp.Files("inbox"));

        _tmp.Write("rules/threshold.txt", "80");
        await WaitFor(() => File.Exists(_tmp["processed/early.csv"]), "the file once the rules are fixed");
        await host.StopAsync();
    }

    [Fact]
    public async Task Logs_go_to_a_rolling_file_when_configured_with_structured_properties()
    {
        var settings = Settings();
        settings["Serilog:MinimumLevel:Default"] = "Information";
        settings["Serilog:Using:0"] = "Serilog.Sinks.File";
        settings["Serilog:WriteTo:0:Name"] = "File";
        settings["Serilog:WriteTo:0:Args:path"] = _tmp["logs/worker-.log"];
        settings["Serilog:WriteTo:0:Args:rollingInterval"] = "Day";
        settings["Serilog:WriteTo:0:Args:formatter"] = "Serilog.Formatting.Json.JsonFormatter, Serilog";
        using (var host = await Start(settings: settings))
        {
            _tmp.Write("inbox/logged.csv", TempFolder.GoodCommunes);
            await WaitFor(() => File.Exists(_tmp["processed/logged.csv"]), "the file");
            await host.StopAsync();
        } // disposing the host flushes the log

        var log = File.ReadAllText(Assert.Single(Directory.GetFiles(_tmp["logs"], "worker-*.log")));
        Assert.Contains("\"MessageTemplate\":\"Assessed {File}: {SubjectCount} subject(s)", log);
        Assert.Contains("\"File\":\"logged.csv\"", log);
        Assert.Contains("\"SubjectCount\":4", log);
    }

    [Fact]
    public async Task Settings_are_validated_at_start_naming_each_problem()
    {
        var settings = Settings();
        settings["Worker:Inbox"] = "";
        settings["Worker:Rules"] = _tmp["no-rules"];
        settings["Worker:Formats"] = "json,pdf";
        settings["Worker:HeartbeatMinutes"] = "-1";
        settings["Worker:Units"] = _tmp["no-units.csv"];

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => Start(settings: settings));

        Assert.Contains(ex.Failures, f => f.Contains("Worker:Inbox is required"));
        Assert.Contains(ex.Failures, f => f.Contains("Worker:Rules") && f.Contains("does not exist"));
        Assert.Contains(ex.Failures, f => f.Contains("'pdf'"));
        Assert.Contains(ex.Failures, f => f.Contains("Worker:HeartbeatMinutes"));
        Assert.Contains(ex.Failures, f => f.Contains("Worker:Units: file") && f.Contains("no-units.csv"));
    }

    [Fact]
    public void Settings_come_from_appsettings_json_and_the_command_line_wins()
    {
        _tmp.Write("appsettings.json", $$"""{ "Worker": { "Inbox": "{{_tmp["from-json"]}}", "Out": "{{_tmp["out-json"]}}", "Rules": "{{_tmp["rules"]}}", "StableMilliseconds": 250 } }""");
        using var host = WorkerHost.Build(ThresholdPipeline.Services(_pipeline), new Dictionary<string, string?> { ["Worker:Out"] = _tmp["out-cli"] }, _tmp.Root);

        var o = ((IOptions<WorkerOptions>)host.Services.GetService(typeof(IOptions<WorkerOptions>))!).Value;

        Assert.Equal((_tmp["from-json"], _tmp["out-cli"], 250), (o.Inbox, o.Out, o.StableMilliseconds));
        Assert.Equal(_tmp["processed"], o.ProcessedDirectory); // beside the inbox
    }

    [Fact]
    public async Task A_file_written_slowly_in_chunks_is_taken_only_once_complete()
    {
        var settings = Settings();
        settings["Worker:StableMilliseconds"] = "400";
        Directory.CreateDirectory(_tmp["inbox"]);
        using var host = await Start(settings: settings);
        var lines = TempFolder.GoodCommunes.Split('\n');
        await using (var writer = new FileStream(_tmp["inbox/slow-2024.csv"], FileMode.CreateNew, FileAccess.Write, FileShare.Read))
            foreach (var line in lines)
            {
                await writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
                await writer.FlushAsync();
                await Task.Delay(150); // pauses shorter than the stable period
            }
        await WaitFor(() => File.Exists(_tmp["processed/slow-2024.csv"]), "the slow file");
        await host.StopAsync();

        Assert.Equal(1, _pipeline.Assessments); // never taken half-written
        Assert.Equal(["met", "not-met", "unknown", "met"], new[] { "C1", "C2", "C3", "C4" }.Select(c => Verdict("slow-2024", c)));
    }

    [Fact]
    public async Task Empty_files_fifos_links_and_folders_each_get_their_defined_outcome_and_never_block_the_worker()
    {
        var secret = _tmp.Write("outside/secret.csv", "id,district_id\nSECRET,D1\n");
        Directory.CreateDirectory(_tmp["inbox"]);
        _tmp.Write("inbox/empty.csv", "");
        Assert.Equal(0, MakeFifo(_tmp["inbox/pipe.csv"], 0x1A4));
        File.CreateSymbolicLink(_tmp["inbox/link.csv"], secret);
        Directory.CreateDirectory(_tmp["inbox/folder.csv"]);
        _tmp.Write("inbox/folder.csv/inner.csv", TempFolder.GoodCommunes);

        using var host = await Start();
        _tmp.Write("inbox/good.csv", TempFolder.GoodCommunes);
        await WaitFor(() => File.Exists(_tmp["processed/good.csv"]) && _tmp.Files("failed").Length == 6, "every entry");
        await host.StopAsync();

        // 0-byte entries (an empty file, a FIFO) are never opened; a link is never followed; each goes to failed/ with its reason.
        Assert.Equal(["empty.csv", "empty.csv.error.txt", "link.csv", "link.csv.error.txt", "pipe.csv", "pipe.csv.error.txt"], _tmp.Files("failed"));
        Assert.Contains("NTP9002: the file is empty (0 bytes), or is not a regular file", File.ReadAllText(_tmp["failed/empty.csv.error.txt"]));
        Assert.Contains("NTP9002: the file is empty (0 bytes), or is not a regular file", File.ReadAllText(_tmp["failed/pipe.csv.error.txt"]));
        var linkError = File.ReadAllText(_tmp["failed/link.csv.error.txt"]);
        Assert.Contains("NTP9002: a symbolic link", linkError);
        Assert.DoesNotContain("SECRET", linkError);
        Assert.Equal(secret, new FileInfo(_tmp["failed/link.csv"]).LinkTarget); // the link itself moved, its target untouched
        Assert.Equal("id,district_id\nSECRET,D1\n", File.ReadAllText(secret));
        Assert.Equal(1, _pipeline.Assessments); // only good.csv was read
        // A folder is left where it is, unread.
        Assert.True(File.Exists(_tmp["inbox/folder.csv/inner.csv"]));
        Assert.Empty(_tmp.Files("inbox"));
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo(string path, uint mode);

    [Fact]
    public async Task Names_with_spaces_vietnamese_letters_and_dots_are_plain_names()
    {
        using var host = await Start();
        _tmp.Write("inbox/Xã Bản Phố 2024.csv", TempFolder.GoodCommunes);
        _tmp.Write("inbox/a..b.csv", TempFolder.GoodCommunes);
        _tmp.Write("inbox/..hidden.csv", TempFolder.GoodCommunes);
        await WaitFor(() => _tmp.Files("processed").Length == 2, "both named files");
        await host.StopAsync();

        Assert.Equal(["Xã Bản Phố 2024.csv", "a..b.csv"], _tmp.Files("processed"));
        Assert.Contains("Xã Bản Phố 2024.json", _tmp.Files("out"));
        Assert.Contains("a..b.json", _tmp.Files("out"));
        using var json = JsonDocument.Parse(File.ReadAllText(_tmp["out/Xã Bản Phố 2024.json"]));
        Assert.Equal("2024-12-31", json.RootElement.GetProperty("run").GetProperty("asOf").GetString());
        Assert.Equal(_tmp["processed/Xã Bản Phố 2024.csv"], json.RootElement.GetProperty("run").GetProperty("inputs")[0].GetProperty("file").GetString());
        Assert.Equal(["..hidden.csv"], _tmp.Files("inbox")); // a leading dot marks a hidden or partial file: left alone
        Assert.Empty(Directory.GetFileSystemEntries(_tmp["work"])); // ".." never escaped into another folder
    }

    [Fact]
    public async Task When_the_output_cannot_be_written_the_input_waits_in_the_inbox_and_is_done_once_it_can()
    {
        _tmp.Write("out", "a file where the output folder should be");
        using var host = await Start(settings: SettingsWithLog());
        _tmp.Write("inbox/blocked.csv", TempFolder.GoodCommunes);
        await WaitFor(() => Log().Contains("Writing the output of blocked.csv failed"), "the output failure");

        Assert.Equal(["blocked.csv"], _tmp.Files("inbox"));
        Assert.Empty(_tmp.Files("processed"));
        Assert.Empty(_tmp.Files("failed"));
        Assert.Contains("cannot open the decision log", Log());
        Assert.Contains("it goes back to the inbox as blocked.csv and is tried again in", Log());

        File.Delete(_tmp["out"]); // the operator frees the output
        await WaitFor(() => File.Exists(_tmp["processed/blocked.csv"]), "the file once the output is writable");
        await host.StopAsync();
        Assert.Equal("met", Verdict("blocked", "C1"));
        Assert.Contains("Output is written again", Log());
        AssertNoTemporaryFiles();
    }

    [Fact]
    public async Task A_damaged_decision_log_is_named_left_untouched_and_the_input_waits_until_it_is_moved_aside()
    {
        var damaged = _tmp.Write("out/decisions.db", "this is not a SQLite database, it was damaged by a disk failure\n");
        using var host = await Start(settings: SettingsWithLog());
        _tmp.Write("inbox/waiting.csv", TempFolder.GoodCommunes);
        await WaitFor(() => Log().Contains("Writing the output of waiting.csv failed"), "the decision-log failure");

        var log = Log();
        Assert.Contains($"decision log '{damaged}' is damaged or not a decision log", log);
        Assert.DoesNotContain("   at ", log); // a clear line, no stack trace
        Assert.Equal(["waiting.csv"], _tmp.Files("inbox"));
        Assert.DoesNotContain(_tmp.Files("out"), f => f.StartsWith("waiting"));
        Assert.Equal("this is not a SQLite database, it was damaged by a disk failure\n", File.ReadAllText(damaged));

        File.Move(damaged, damaged + ".damaged"); // the operator moves it aside: a new log is started
        await WaitFor(() => File.Exists(_tmp["processed/waiting.csv"]), "the file once the log is moved aside");
        await host.StopAsync();
        AssertNoTemporaryFiles();
    }

    [Fact]
    public async Task Files_claimed_by_a_killed_worker_are_put_back_and_assessed()
    {
        // What a worker killed mid-file leaves: its claim folder and its (no longer locked) lock file, and a temporary report.
        _tmp.Write("work/4242-deadbeef.lock", "");
        _tmp.Write("work/4242-deadbeef/orphan.csv", TempFolder.GoodCommunes);
        _tmp.Write("out/.orphan.json.999999999-0123456789abcdef0123456789abcdef.tmp", "{ \"half");

        using var host = await Start();
        await WaitFor(() => File.Exists(_tmp["processed/orphan.csv"]), "the orphaned file");
        await host.StopAsync();

        Assert.Equal("met", Verdict("orphan", "C1"));
        Assert.Empty(Directory.GetFileSystemEntries(_tmp["work"]));
        AssertNoTemporaryFiles();
    }

    [Fact]
    public async Task A_missing_rules_folder_is_reported_once_and_the_last_good_set_stays_until_it_is_back()
    {
        using var host = await Start(settings: SettingsWithLog());
        _tmp.Write("inbox/before.csv", TempFolder.GoodCommunes);
        await WaitFor(() => File.Exists(_tmp["processed/before.csv"]), "before.csv");

        Directory.Move(_tmp["rules"], _tmp["rules-away"]);
        await WaitFor(() => Log().Contains("is missing; keeping the last good set until it is back"), "the missing rules folder");
        _tmp.Write("inbox/during.csv", TempFolder.GoodCommunes);
        await WaitFor(() => File.Exists(_tmp["processed/during.csv"]), "during.csv");
        Directory.Move(_tmp["rules-away"], _tmp["rules"]);
        await WaitFor(() => Log().Contains("is back"), "the rules folder to be back");
        await host.StopAsync();

        Assert.Equal("not-met", Verdict("during", "C2")); // assessed with the last good set (80)
        Assert.Single(Log().Split('\n'), l => l.Contains("Rules folder") && l.Contains("is missing"));
    }
}
