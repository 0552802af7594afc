using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.RuleSets;

/// <summary>Ordered cases giving a label; the first case whose condition holds wins, else <see cref="Otherwise"/>.</summary>
public sealed record Classification(
    string Id,
    string Subject,
    string Citation,
    IReadOnlyList<ClassificationCase> Cases,
    string? Otherwise,
    SourceLocation Location);

public sealed record ClassificationCase(string Label, ExpressionText When, string Citation, SourceLocation Location);
