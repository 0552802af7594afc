using NtpRules.Language.Diagnostics;

namespace NtpRules.Fuzzing;

/// <summary>
/// Something to fuzz: real seed inputs and a function that feeds one input (bytes) to the product code and returns
/// the diagnostics it reported. <paramref name="Extension"/> names regression files of this target (e.g. <c>.csv</c>).
/// </summary>
public sealed record FuzzTarget(
    string Name,
    string Extension,
    IReadOnlyList<byte[]> Seeds,
    Func<byte[], IEnumerable<Diagnostic>> Run,
    IReadOnlyList<string>? Tokens = null);

public enum FailureKind { Exception, UnlocatedError, Hang, Memory }

/// <summary>An input that broke the contract: it must end in success or in errors that name a file and a line.</summary>
public sealed record FuzzFailure(string Target, FailureKind Kind, string Description, byte[] Input)
{
    public override string ToString() => $"{Target}: {Kind}: {Description} ({Input.Length} bytes)";
}

/// <summary>What one input may cost: wall time (a hang) and bytes allocated while it is read.</summary>
public sealed record FuzzLimits(TimeSpan Hang, long MaxAllocatedBytes)
{
    public static FuzzLimits Default { get; } = new(TimeSpan.FromSeconds(2), 256L << 20);
}

/// <summary>The figures of one run over one target.</summary>
public sealed record FuzzResult(
    string Target,
    int Inputs,
    int Accepted,
    int Rejected,
    IReadOnlyList<FuzzFailure> Failures,
    TimeSpan Elapsed,
    TimeSpan Slowest,
    long MostAllocated)
{
    public override string ToString() =>
        $"{Target}: {Inputs:N0} inputs, {Accepted:N0} accepted, {Rejected:N0} rejected with located errors, {Failures.Count} failures; "
        + $"{Elapsed.TotalSeconds:F1} s, slowest input {Slowest.TotalMilliseconds:F0} ms, most allocated by one input {MostAllocated / 1024.0 / 1024:F1} MB";
}
