namespace NtpRules.Fuzzing;

/// <summary>What the fuzz tests of both test projects check, and the regression files they replay.</summary>
public static class FuzzAssert
{
    /// <summary>Inputs per target in the test suite (the benchmark project's <c>fuzz</c> mode runs longer).</summary>
    public const int Inputs = 10_000;

    /// <summary>The test suite seeds from the rule files up to about this size (the benchmark project's mode uses them all).</summary>
    public const int MaxSeedBytes = 6_000;

    /// <summary>The seed of the test-suite run; <c>NTP_FUZZ_SEED</c> overrides it to explore further.</summary>
    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("NTP_FUZZ_SEED"), out var s) ? s : 20261202;

    /// <summary>
    /// Runs <see cref="Inputs"/> inputs and returns the figures; a failing input is written to the temp folder and
    /// named in the exception, ready to be added as a regression file. Throws too when no input was accepted or
    /// none rejected (mutations that never, or always, break the input test nothing).
    /// </summary>
    public static FuzzResult NoFailures(FuzzTarget target)
    {
        var result = FuzzRunner.Run(target, Inputs, Seed);
        if (result.Failures.Count > 0)
        {
            var folder = Directory.CreateTempSubdirectory("ntp-fuzz-").FullName;
            var lines = result.Failures.Select((f, i) =>
            {
                var path = Path.Combine(folder, $"{target.Name}-{i}{target.Extension}");
                File.WriteAllBytes(path, f.Input);
                return $"{f.Kind}: {f.Description} -> {path}";
            });
            throw new InvalidOperationException($"{result}\n{string.Join('\n', lines)}");
        }
        if (result.Inputs != Inputs) throw new InvalidOperationException($"only {result.Inputs} of {Inputs} inputs ran");
        // The mutations must reach both outcomes: some inputs still read cleanly, most are turned down with located errors.
        if (result.Accepted == 0 || result.Rejected == 0) throw new InvalidOperationException($"the mutations reach only one outcome: {result}");
        return result;
    }

    /// <summary>The regression files under <paramref name="folder"/>/&lt;target&gt;/, as (target name, file) pairs.</summary>
    public static IEnumerable<object[]> RegressionFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal)
                .SelectMany(d => Directory.EnumerateFiles(d).Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(d), Path.GetFileName(f) }))
            : [];
}
