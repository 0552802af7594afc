using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.RuleSets;

/// <summary>A named expression usable in every expression of its rule set.</summary>
public sealed record Definition(string Id, ExpressionText Expr, string Citation, SourceLocation Location);
