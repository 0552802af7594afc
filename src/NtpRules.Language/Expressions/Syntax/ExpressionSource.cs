using NtpRules.Language.Diagnostics;

namespace NtpRules.Language.Expressions.Syntax;

/// <summary>
/// The text of one expression and where it starts in its rule file. Every node parsed from the text points here,
/// so diagnostics about a node (even one inside a definition used elsewhere) land on the right file, line and column.
/// </summary>
public sealed class ExpressionSource
{
    public ExpressionSource(string text, SourceLocation origin)
    {
        Text = text;
        Origin = origin;
    }

    public string Text { get; }
    public SourceLocation Origin { get; }

    /// <summary>
    /// The file position of an offset. On the first line this is the origin moved right; later lines of a multi-line
    /// YAML scalar are counted from the origin's line, with columns counted from the origin's column (best effort:
    /// YAML folds and indents continuation lines).
    /// </summary>
    public SourceLocation Locate(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        int lines = 0, lineStart = 0;
        for (var i = 0; i < offset; i++)
            if (Text[i] == '\n') { lines++; lineStart = i + 1; }
        return lines == 0
            ? Origin.Advance(offset)
            : Origin with { Line = Origin.Line + lines, Column = Origin.Column + (offset - lineStart) };
    }

    public string Slice(TextSpan span) =>
        Text.Substring(Math.Min(span.Start, Text.Length), Math.Min(span.Length, Math.Max(0, Text.Length - span.Start)));
}
