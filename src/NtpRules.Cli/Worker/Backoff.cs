namespace NtpRules.Cli.Worker;

/// <summary>The wait after consecutive failed passes: doubling from <paramref name="first"/> up to <paramref name="max"/>; none after a good pass.</summary>
internal sealed class Backoff(TimeSpan first, TimeSpan max)
{
    private int _failures;

    public TimeSpan? Delay => _failures == 0 ? null : After(_failures);

    /// <summary>The wait if the current pass fails too.</summary>
    public TimeSpan Next => After(_failures + 1);

    private TimeSpan After(int failures) => TimeSpan.FromTicks(Math.Min(max.Ticks, first.Ticks << Math.Min(failures - 1, 20)));

    public void Failed() => _failures++;

    public void Reset() => _failures = 0;
}
