using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.Catalogue;

/// <summary>A kind of subject (province, district, commune, household …) and the kinds a row of it may link to.</summary>
public sealed record SubjectKind(string Kind, LocalizedText Name, IReadOnlyList<string> Parents, SourceLocation Location);
