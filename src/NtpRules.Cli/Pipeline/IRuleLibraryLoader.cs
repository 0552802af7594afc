using NtpRules.Language.Diagnostics;

namespace NtpRules.Cli.Pipeline;

/// <summary>The outcome of loading and checking a rules folder: the library when it has no errors, and every diagnostic found.</summary>
public sealed record RuleLibraryLoad(IRuleLibrary? Library, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Library is not null && !Diagnostics.Any(d => d.IsError);
}

/// <summary>Loads and checks the rule files of a folder (catalogue, rule sets). Implemented by the language and assessment layers.</summary>
public interface IRuleLibraryLoader
{
    RuleLibraryLoad Load(string rulesDirectory);
}
