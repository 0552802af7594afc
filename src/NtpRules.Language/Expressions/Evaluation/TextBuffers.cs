using System.Text;

namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>
/// One text buffer per thread for building reasons, rented and given back: explanations and reasons are built by the
/// thousand, and a new buffer each time is garbage. A buffer rented while another is out is a new one.
/// </summary>
internal static class TextBuffers
{
    [ThreadStatic] private static StringBuilder? _spare;

    public static StringBuilder Rent()
    {
        var text = _spare ?? new StringBuilder(256);
        _spare = null;
        return text;
    }

    public static void Return(StringBuilder text) => _spare = text.Clear();
}
