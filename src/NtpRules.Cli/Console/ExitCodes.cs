namespace NtpRules.Cli.Console;

/// <summary>0: the run completed, whatever the verdicts; 1: rule or data errors (or failed rule tests); 2: usage errors.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
