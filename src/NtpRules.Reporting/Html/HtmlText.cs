using System.Globalization;
using System.Runtime.CompilerServices;

namespace NtpRules.Reporting.Html;

/// <summary>
/// Writes HTML to a page piece by piece, without a string per element: <c>w.Html($"&lt;td&gt;{Esc(name)}&lt;/td&gt;")</c>
/// writes the literal parts and the values straight to the writer, text wrapped in <see cref="Esc"/> HTML-escaped as
/// <see cref="HtmlReportWriter.E"/> escapes it. A province's page has a few elements per criterion of every commune.
/// </summary>
internal static class HtmlText
{
    /// <summary>Text to be written HTML-escaped.</summary>
    public readonly record struct Escaped(string? Text);

    /// <summary><paramref name="text"/>, to be written HTML-escaped.</summary>
    public static Escaped Esc(string? text) => new(text);

    public static void Html(this TextWriter w, [InterpolatedStringHandlerArgument("w")] ref Writing html) { }

    public static void HtmlLine(this TextWriter w, [InterpolatedStringHandlerArgument("w")] ref Writing html) => w.WriteLine();

    /// <summary><paramref name="text"/> HTML-escaped, as <see cref="HtmlReportWriter.E"/> gives it, without the escaped string.</summary>
    public static void WriteEscaped(this TextWriter w, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        var rest = text.AsSpan();
        for (var at = rest.IndexOfAny(HtmlReportWriter.HtmlSpecial); at >= 0; at = rest.IndexOfAny(HtmlReportWriter.HtmlSpecial))
        {
            w.Write(rest[..at]);
            w.Write(rest[at] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&#39;",
            });
            rest = rest[(at + 1)..];
        }
        w.Write(rest);
    }

    [InterpolatedStringHandler]
    public readonly ref struct Writing
    {
        private readonly TextWriter _w;

        public Writing(int literalLength, int formattedCount, TextWriter w) => _w = w;

        public void AppendLiteral(string text) => _w.Write(text);
        public void AppendFormatted(string? text) => _w.Write(text);
        public void AppendFormatted(ReadOnlySpan<char> text) => _w.Write(text);
        public void AppendFormatted(Escaped text) => _w.WriteEscaped(text.Text);
        public void AppendFormatted(char c) => _w.Write(c);

        public void AppendFormatted(int n)
        {
            Span<char> digits = stackalloc char[11];
            n.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
            _w.Write(digits[..length]);
        }
    }
}
