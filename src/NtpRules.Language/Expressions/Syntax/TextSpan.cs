namespace NtpRules.Language.Expressions.Syntax;

/// <summary>A range of characters within one expression's text (offsets from its first character).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));
}
