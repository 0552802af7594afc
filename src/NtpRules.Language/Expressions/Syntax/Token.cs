namespace NtpRules.Language.Expressions.Syntax;

internal enum TokenKind
{
    End, Bad, Number, String, Identifier,
    And, Or, Not, In, If, Then, Else, True, False,
    Plus, Minus, Star, Slash, Percent,
    EqualEqual, BangEqual, Less, LessEqual, Greater, GreaterEqual,
    OpenParen, CloseParen, OpenBracket, CloseBracket, Comma,
}

/// <summary>One lexical token. <see cref="Text"/> holds an identifier's name or a string literal's decoded value.</summary>
internal readonly record struct Token(TokenKind Kind, TextSpan Span, string Text, double Number = 0)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.Number => $"number {Text}",
        TokenKind.String => $"string '{Text}'",
        TokenKind.Identifier => $"'{Text}'",
        _ => $"'{Text}'",
    };
}
