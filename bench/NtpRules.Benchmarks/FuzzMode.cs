using System.Diagnostics;
using System.Security.Cryptography;
using NtpRules.Assessment.Data;
using NtpRules.Fuzzing;

namespace NtpRules.Benchmarks;

/// <summary>
/// The long fuzzing run: <c>fuzz [--inputs N] [--seed S] [--target NAME] [--out DIR] [--keep-last]</c>.
/// Runs N mutated inputs through each target (the data readers, the rule loader, the expression checker) and writes
/// every failing input to DIR (default <c>fuzz-findings</c>) as <c>TARGET-HASH.EXT</c>, ready to become a regression
/// file. <c>--keep-last</c> writes each input to DIR/last-input before it runs, to catch one that kills the process.
/// Exit code 1 when any input failed.
/// </summary>
internal static class FuzzMode
{
    public static int Run(string[] args)
    {
        var inputs = 100_000;
        var seed = 1;
        string? only = null;
        var outDir = "fuzz-findings";
        var keepLast = false;
        var limits = FuzzLimits.Default;
        for (var i = 1; i < args.Length; i++)
            switch (args[i])
            {
                case "--inputs": inputs = int.Parse(args[++i]); break;
                case "--seed": seed = int.Parse(args[++i]); break;
                case "--target": only = args[++i]; break;
                case "--out": outDir = args[++i]; break;
                case "--keep-last": keepLast = true; break;
                case "--hang-ms": limits = limits with { Hang = TimeSpan.FromMilliseconds(int.Parse(args[++i])) }; break;
                default: Console.Error.WriteLine($"unknown option '{args[i]}'"); return 2;
            }

        var library = RepositoryFiles.Library;
        var malformed = Path.Combine(RepositoryFiles.Root, "tests", "NtpRules.Assessment.Tests", "Data", "Malformed");
        var targets = DataTargets.All(library.Catalogue.ToRecordCatalogue(), malformed).Concat(RuleTargets.All(library))
            .Where(t => only is null || t.Name == only).ToList();
        if (targets.Count == 0) { Console.Error.WriteLine($"no target named '{only}'"); return 2; }
        Directory.CreateDirectory(outDir);

        Console.WriteLine($"fuzz: {inputs:N0} inputs per target, seed {seed}");
        var failed = 0;
        var total = Stopwatch.StartNew();
        foreach (var target in targets)
        {
            var result = FuzzRunner.Run(target, inputs, seed, limits, lastInput: keepLast ? Path.Combine(outDir, "last-input") : null);
            Console.WriteLine(result);
            foreach (var f in result.Failures)
            {
                var path = Path.Combine(outDir, $"{target.Name}-{Convert.ToHexStringLower(SHA256.HashData(f.Input))[..12]}{target.Extension}");
                File.WriteAllBytes(path, f.Input);
                Console.WriteLine($"  {f.Kind}: {f.Description} -> {path}");
            }
            failed += result.Failures.Count;
            // An input that hung leaves its thread running: stop rather than measure the rest beside it.
            if (result.Failures.Any(f => f.Kind == FailureKind.Hang)) break;
        }
        Console.WriteLine($"fuzz: {failed} failing inputs, {total.Elapsed.TotalSeconds:F0} s in all");
        return failed == 0 ? 0 : 1;
    }
}
