using System.Security.Cryptography;
using System.Text;

namespace NtpRules.Language.Documents;

/// <summary>A rule document handed to a loader: the name used in diagnostics and its text.</summary>
public sealed record SourceFile(string Path, string Text)
{
    /// <summary>Lower-case hex SHA-256 of the UTF-8 text, so that a report can name exactly what was used.</summary>
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
}
