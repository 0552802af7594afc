using NtpRules.Language.Diagnostics;
using NtpRules.Language.Library;

namespace NtpRules.Samples;

/// <summary>
/// Writes the calibrated sample data sets (<c>samples/</c>) from the thresholds in a rules folder, deterministically
/// for a seed. The CLI exposes it as <c>ntp samples generate</c>.
/// </summary>
public static class SampleGenerator
{
    public const int DefaultSeed = 2024;

    /// <summary>Diagnostic code for a rule edit the generator cannot calibrate against.</summary>
    public const string CannotCalibrate = "NTP4101";

    /// <summary>Diagnostic code for an administrative-units file that is missing or unreadable.</summary>
    public const string BadUnitsFile = "NTP4102";

    /// <summary>The reference list of administrative units, relative to the parent of the repository root.</summary>
    public const string UnitsFile = "shared/data/vn-admin-units-2026.csv";

    public static SampleGeneration Write(string rulesDirectory, string samplesDirectory, int seed = DefaultSeed) =>
        Generate(rulesDirectory, rules => new LaoCaiSamples(rules, seed).WriteAll(samplesDirectory));

    /// <summary>Writes <c>national-2025/</c> (provinces, communes, households) from the administrative units file.</summary>
    public static SampleGeneration WriteNational(string rulesDirectory, string unitsFile, string samplesDirectory, int householdsPerCommune, int seed = DefaultSeed)
    {
        IReadOnlyList<NationalSamples.Unit> units;
        try
        {
            units = NationalSamples.ReadUnits(unitsFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvHelper.CsvHelperException)
        {
            return new SampleGeneration([], [Diagnostic.Error(BadUnitsFile, $"cannot read the administrative units: {e.Message}", SourceLocation.None(unitsFile))]);
        }
        return Generate(rulesDirectory, rules => [new NationalSamples(rules, seed, householdsPerCommune).Write(units, samplesDirectory)]);
    }

    private static SampleGeneration Generate(string rulesDirectory, Func<RuleLibrary, IReadOnlyList<SampleSummary>> write)
    {
        var rules = RuleLibrary.LoadDirectory(rulesDirectory);
        if (rules.HasErrors) return new SampleGeneration([], rules.Diagnostics);
        try
        {
            return new SampleGeneration(write(rules), rules.Diagnostics);
        }
        catch (InvalidOperationException e)
        {
            return new SampleGeneration([], [.. rules.Diagnostics, Diagnostic.Error(CannotCalibrate, e.Message, SourceLocation.None(rulesDirectory))]);
        }
    }
}
