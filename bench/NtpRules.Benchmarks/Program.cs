using BenchmarkDotNet.Running;
using NtpRules.Benchmarks;

// `quick [communes]`: the commune workload a few times, ending with one summary line.
// `e2e [households-per-commune] [copies]`: the national data set (replicated `copies` times) through the built
// `ntp assess`, one summary line.
// Anything else goes to BenchmarkDotNet, e.g. `--filter '*' --job short`.
// `fuzz --inputs N --seed S`: the long fuzzing run (FuzzMode.cs).
if (args.Length > 0 && args[0] == "fuzz")
    return FuzzMode.Run(args);
if (args.Length > 0 && args[0] == "quick")
    return QuickMode.Run(args.Length > 1 ? int.Parse(args[1]) : 100_000);
if (args.Length > 0 && args[0] == "e2e")
    return EndToEndMode.Run(args.Length > 1 ? int.Parse(args[1]) : 10, args.Length > 2 ? int.Parse(args[2]) : 1);

BenchmarkSwitcher.FromAssembly(typeof(CommuneWorkload).Assembly).Run(args);
return 0;
