namespace NtpRules.Language.Diagnostics;

public enum Severity { Error, Warning, Info }

/// <summary>
/// A problem a user can cause and fix (a bad rule file, a bad data file), reported as a value with its position.
/// <paramref name="Code"/> is stable (e.g. <c>NTP1001</c>) so tests and users can refer to it;
/// <paramref name="Hint"/> carries suggestions such as "did you mean 'region'?".
/// </summary>
public sealed record Diagnostic(Severity Severity, string Code, string Message, SourceLocation Location, string? Hint = null)
{
    public bool IsError => Severity == Severity.Error;

    public static Diagnostic Error(string code, string message, SourceLocation at, string? hint = null) => new(Severity.Error, code, message, at, hint);
    public static Diagnostic Warning(string code, string message, SourceLocation at, string? hint = null) => new(Severity.Warning, code, message, at, hint);

    public override string ToString()
    {
        var kind = Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" };
        return Hint is null ? $"{Location}: {kind} {Code}: {Message}" : $"{Location}: {kind} {Code}: {Message} ({Hint})";
    }
}
