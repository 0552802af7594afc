using NtpRules.Language.Diagnostics;

namespace NtpRules.Language.Documents;

/// <summary>An expression as written in a rule file and where its first character is.</summary>
public sealed record ExpressionText(string Text, SourceLocation Location)
{
    /// <summary>The text with runs of white space collapsed, so that re-wrapping a line is not a change.</summary>
    public string Normalized => string.Join(' ', Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public override string ToString() => Text;
}
