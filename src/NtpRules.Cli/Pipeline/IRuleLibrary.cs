using NtpRules.Assessment.Results;

namespace NtpRules.Cli.Pipeline;

/// <summary>A folder of rule files that loaded and passed its check: what the assessor runs. Opaque to the CLI beyond its identity.</summary>
public interface IRuleLibrary
{
    /// <summary>The folder the library was loaded from.</summary>
    string Directory { get; }

    /// <summary>Every rule-set version in the library, with the content hash of its file.</summary>
    IReadOnlyList<RuleSetUse> RuleSets { get; }
}
