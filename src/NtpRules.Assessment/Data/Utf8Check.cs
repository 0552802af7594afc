using System.Text;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Data;

/// <summary>
/// Locates the first invalid UTF-8 sequence of a file. The decoder fails a whole buffer at a time, so after it
/// throws the file is scanned again, a block at a time, to name the line and column a user can look at.
/// </summary>
internal static class Utf8Check
{
    public const string Message = "the file is not valid UTF-8 (save it as UTF-8)";

    public static SourceLocation FirstInvalid(Func<Stream> open, string file)
    {
        using var stream = open();
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1];
        var chars = new char[2];
        int line = 1, column = 1, b;
        // Byte by byte through a stateful decoder: slow, but only ever run on a file already known to be bad.
        while ((b = stream.ReadByte()) >= 0)
        {
            bytes[0] = (byte)b;
            int produced;
            try { produced = decoder.GetChars(bytes, 0, 1, chars, 0, flush: false); }
            catch (DecoderFallbackException) { return new SourceLocation(file, line, column); }
            for (var i = 0; i < produced; i++)
            {
                if (chars[i] == '\n') { line++; column = 1; }
                else if (chars[i] != '\uFEFF' && !char.IsLowSurrogate(chars[i])) column++;
            }
        }
        return new SourceLocation(file, line, column);
    }
}
