using NtpRules.Language.Diagnostics;
using Spectre.Console;

namespace NtpRules.Cli.Console;

/// <summary>
/// Where a command writes: standard output and error, and whether output is an interactive terminal
/// (progress bars and colour only then; redirected output and tests get plain text).
/// </summary>
public sealed class Terminal
{
    public Terminal(TextWriter output, TextWriter error, bool interactive)
    {
        Output = output;
        Error = error;
        Interactive = interactive;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive) Ansi.Profile.Width = 160;
    }

    public static Terminal FromConsole() =>
        new(System.Console.Out, System.Console.Error, !System.Console.IsOutputRedirected && !System.Console.IsErrorRedirected);

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public bool Interactive { get; }
    public IAnsiConsole Ansi { get; }

    /// <summary>
    /// Prints diagnostics, each as file:line:column: severity code: message, errors first (or last, so a long list of
    /// warnings does not bury them; or alone), then the counts; returns whether any is an error.
    /// </summary>
    public bool Report(IEnumerable<Diagnostic> diagnostics, DiagnosticOrder order = DiagnosticOrder.ErrorsFirst)
    {
        var list = diagnostics.OrderBy(d => order == DiagnosticOrder.ErrorsFirst ? (int)d.Severity : -(int)d.Severity)
            .ThenBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList();
        foreach (var d in list.Where(d => order != DiagnosticOrder.ErrorsOnly || d.IsError)) Error.WriteLine(d.ToString());
        var errors = list.Count(d => d.IsError);
        var warnings = list.Count(d => d.Severity == Severity.Warning);
        if (errors + warnings > 0) Error.WriteLine($"{errors} error(s), {warnings} warning(s)");
        return errors > 0;
    }
}

/// <summary>How <see cref="Terminal.Report"/> orders diagnostics: errors first, errors last, or errors alone (warnings counted only).</summary>
public enum DiagnosticOrder { ErrorsFirst, ErrorsLast, ErrorsOnly }
