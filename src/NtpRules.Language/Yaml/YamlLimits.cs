namespace NtpRules.Language.Yaml;

/// <summary>
/// Bounds on what a rule file may cost to load. Rule files are data written by people; anything past these
/// bounds is a mistake or an attack ("billion laughs"), and loading stops with a located error.
/// </summary>
public sealed record YamlLimits(int MaxChars, int MaxDepth, int MaxAliases, int MaxNodes)
{
    /// <summary>2 MB of text, nesting depth 32, 64 aliases, 200 000 nodes counting every alias expansion.</summary>
    public static YamlLimits Default { get; } = new(2_000_000, 32, 64, 200_000);
}
