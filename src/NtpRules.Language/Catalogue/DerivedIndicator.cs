using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.Catalogue;

/// <summary>An indicator the engine computes, usually an aggregate over child subjects, e.g. a commune's poverty rate.</summary>
public sealed record DerivedIndicator(
    string Key,
    string Subject,
    DataType Type,
    string? Unit,
    ExpressionText Expr,
    LocalizedText Description,
    SourceLocation Location);
