using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace NtpRules.IntegrationTests;

/// <summary>
/// The real <c>ntp</c> process (ntp.dll, built beside the tests) with the shipped pipeline, its output collected line by
/// line. Worker settings are passed as environment variables (Worker__ScanIntervalSeconds=…), as an operator would.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private WorkerProcess(Process process) => _process = process;

    public static WorkerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ntp.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        var worker = new WorkerProcess(new Process { StartInfo = start });
        worker._process.OutputDataReceived += (_, e) => worker.Add(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Add(e.Data);
        worker._process.Start();
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Starts <c>ntp worker</c> on the inbox with the given rules, scanning every 0.2 s.</summary>
    public static WorkerProcess Worker(string root, string inbox, string rules, string output, IReadOnlyDictionary<string, string>? more = null)
    {
        var env = new Dictionary<string, string>
        {
            ["Worker__StableMilliseconds"] = "100",
            ["Worker__ScanIntervalSeconds"] = "0.2",
        };
        foreach (var (k, v) in more ?? new Dictionary<string, string>()) env[k] = v;
        return Start(root, env, "worker", "--inbox", inbox, "--rules", rules, "--out", output);
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string[] Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    public string Output => string.Join("\n", Lines);

    public int Count(string text) => Lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits until some output line contains <paramref name="text"/>.</summary>
    public async Task WaitForLine(string text, TimeSpan? timeout = null) =>
        await Until(() => Count(text) > 0, $"a line with '{text}'", timeout);

    public async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (HasExited && !condition()) throw new InvalidOperationException($"ntp exited ({ExitCode}) while waiting for {what}:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}:\n{Output}");
            await Task.Delay(25);
        }
    }

    /// <summary>SIGKILL: no clean-up of any kind runs.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops a service; waits for the exit code.</summary>
    public async Task<int> Stop()
    {
        if (!_process.HasExited && SendSignal(_process.Id, SigTerm) != 0) throw new InvalidOperationException("could not signal the worker");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    public async Task<int> Exit(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
