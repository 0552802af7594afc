using NtpRules.Assessment.Results;
using NtpRules.Language.Library;

namespace NtpRules.Cli.Pipeline;

/// <summary>A checked <see cref="RuleLibrary"/> from the language layer, seen through <see cref="IRuleLibrary"/>.</summary>
public sealed class LanguageRuleLibrary(string directory, RuleLibrary library) : IRuleLibrary
{
    public string Directory { get; } = directory;
    public RuleLibrary Library { get; } = library;

    public IReadOnlyList<RuleSetUse> RuleSets { get; } =
        library.RuleSets.Select(r => new RuleSetUse(r.Id, r.Version, r.File.Path, r.File.Sha256)).ToArray();
}

/// <summary>Loads a rules folder with the language layer (catalogue, rule sets, tests) and checks it.</summary>
public sealed class LanguageRuleLibraryLoader : IRuleLibraryLoader
{
    public RuleLibraryLoad Load(string rulesDirectory)
    {
        var library = RuleLibrary.LoadDirectory(rulesDirectory);
        return new RuleLibraryLoad(library.HasErrors ? null : new LanguageRuleLibrary(rulesDirectory, library), library.Diagnostics);
    }
}
