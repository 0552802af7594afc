using System.Security.Cryptography;
using System.Text;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Language.Documents;

/// <summary>A rule document handed to a loader: the name used in diagnostics and its text.</summary>
public sealed record SourceFile(string Path, string Text)
{
    private string? _sha256;

    /// <summary>
    /// Lower-case hex SHA-256 of the file, so that a report can name exactly what was used: of the bytes on disk when
    /// read by <see cref="Library.RuleLibrary.LoadDirectory"/>, else of the UTF-8 text.
    /// </summary>
    public string Sha256
    {
        get => _sha256 ??= Hash(Encoding.UTF8.GetBytes(Text));
        init => _sha256 = value;
    }

    // The lazily computed hash must not make two equal files unequal.
    public bool Equals(SourceFile? other) => other is not null && Path == other.Path && Text == other.Text && Sha256 == other.Sha256;
    public override int GetHashCode() => HashCode.Combine(Path, Text);

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The file's bytes as text (strict UTF-8, a leading BOM dropped); null with a located error when they are not UTF-8.</summary>
    public static SourceFile? Decode(string shownAs, byte[] bytes, DiagnosticBag diagnostics)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return new SourceFile(shownAs, text.TrimStart('\uFEFF')) { Sha256 = Hash(bytes) };
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Error(DiagnosticCodes.UnreadableFile, "the file is not valid UTF-8", new SourceLocation(shownAs, 1, 1));
            return null;
        }
    }
}
