namespace NtpRules.Cli.Worker;

/// <summary>
/// A condition reported once when it begins and once when it ends (a missing folder, failing output), not on every pass.
/// </summary>
internal sealed class Condition(Action began, Action ended)
{
    public bool Active { get; private set; }

    /// <summary>Sets the condition; reports only a change. Returns <paramref name="active"/>.</summary>
    public bool Set(bool active)
    {
        if (active == Active) return active;
        Active = active;
        (active ? began : ended)();
        return active;
    }
}
