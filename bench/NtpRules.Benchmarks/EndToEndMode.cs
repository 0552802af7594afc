using System.Diagnostics;
using System.Globalization;
using NtpRules.Samples;

namespace NtpRules.Benchmarks;

/// <summary>
/// The product path end to end: generates the national data set (<c>ntp samples generate --national</c>'s generator)
/// with the households per commune asked for, optionally replicated <c>copies</c> times (every id prefixed per copy,
/// for sizes past the country's 2,611 communes, e.g. 38 copies: 99,218 communes), then runs the built <c>ntp</c> command on it as a user would
/// (all rule sets in force, all formats, explanations on) in a child process, timing it and sampling its peak
/// resident memory (VmHWM), and prints
/// <c>e2e communes=… households=… seconds=… communes_per_s=… peak_rss_mb=…</c>.
/// </summary>
internal static class EndToEndMode
{
    public static int Run(int householdsPerCommune, int copies = 1)
    {
        var root = FindRoot();
        var cli = Path.Combine(root, "src", "NtpRules.Cli", "bin", "Release", "net10.0", "ntp.dll");
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"e2e: build the command first: dotnet build -c Release src/NtpRules.Cli (expected {cli})");
            return 2;
        }
        var units = Path.Combine(Path.GetDirectoryName(root)!, SampleGenerator.UnitsFile);
        var work = Directory.CreateTempSubdirectory("ntp-e2e-").FullName;
        try
        {
            var generated = SampleGenerator.WriteNational(Path.Combine(root, "rules"), units, work, householdsPerCommune);
            if (!generated.Succeeded)
            {
                foreach (var d in generated.Diagnostics) Console.Error.WriteLine(d);
                return 1;
            }
            var set = generated.Sets[0];
            var data = Path.Combine(work, set.Name);
            var (communes, households) = (set.Communes, set.Households);
            if (copies > 1)
            {
                var replicated = data + $"-x{copies}";
                (communes, households) = EndToEnd.Replicate(data, replicated, copies);
                Directory.Delete(data, recursive: true);
                data = replicated;
            }
            var start = Stopwatch.StartNew();
            var (exit, peakKb) = RunSampled("dotnet", [cli, "assess", "--data", data, "--as-of", "2025-12-31", "--out", Path.Combine(work, "reports")]);
            var seconds = start.Elapsed.TotalSeconds;
            if (exit != 0)
            {
                Console.Error.WriteLine($"e2e: ntp assess exited with {exit}");
                return 1;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"e2e communes={communes} households={households} seconds={seconds:F1} communes_per_s={communes / seconds:F0} peak_rss_mb={peakKb / 1024}"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Runs a process to its end, reading its peak resident set (VmHWM, kB) from /proc while it runs.</summary>
    private static (int Exit, long PeakKb) RunSampled(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peak = 0;
        while (!process.WaitForExit(100)) peak = Math.Max(peak, PeakKb(process.Id));
        return (process.ExitCode, peak);
    }

    private static long PeakKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;   // the process ended between two samples
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NtpRules.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (NtpRules.sln) above " + AppContext.BaseDirectory);
    }
}
