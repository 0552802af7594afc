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

    public static SampleGeneration Write(string rulesDirectory, string samplesDirectory, int seed = DefaultSeed)
    {
        var rules = RuleLibrary.LoadDirectory(rulesDirectory);
        if (rules.HasErrors) return new SampleGeneration([], rules.Diagnostics);
        try
        {
            return new SampleGeneration(new LaoCaiSamples(rules, seed).WriteAll(samplesDirectory), rules.Diagnostics);
        }
        catch (InvalidOperationException e)
        {
            return new SampleGeneration([], [.. rules.Diagnostics, Diagnostic.Error(CannotCalibrate, e.Message, SourceLocation.None(rulesDirectory))]);
        }
    }
}
