using System.Globalization;
using System.Text;

namespace NtpRules.Language.Expressions.Syntax;

/// <summary>Splits an expression into tokens; reports bad characters and unterminated strings and keeps going.</summary>
internal sealed class Lexer(string text, Action<TextSpan, string, string?> error)
{
    private static readonly Dictionary<string, TokenKind> Keywords = new()
    {
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["in"] = TokenKind.In,
        ["if"] = TokenKind.If,
        ["then"] = TokenKind.Then,
        ["else"] = TokenKind.Else,
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
    };

    private int _pos;

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var t = Next();
            if (t.Kind == TokenKind.Bad) continue;
            tokens.Add(t);
            if (t.Kind == TokenKind.End) return tokens;
        }
    }

    private Token Next()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        var start = _pos;
        if (_pos >= text.Length) return new Token(TokenKind.End, new TextSpan(start, 0), "");
        var c = text[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < text.Length && char.IsAsciiDigit(text[_pos + 1]))) return LexNumber();
        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_')) _pos++;
            var word = text[start.._pos];
            return new Token(Keywords.GetValueOrDefault(word, TokenKind.Identifier), Span(start), word);
        }
        if (c is '\'' or '"') return LexString(c);
        _pos++;
        var two = _pos < text.Length ? text[_pos] : '\0';
        switch (c)
        {
            case '+': return Simple(TokenKind.Plus, start);
            case '-': return Simple(TokenKind.Minus, start);
            case '*': return Simple(TokenKind.Star, start);
            case '/': return Simple(TokenKind.Slash, start);
            case '%': return Simple(TokenKind.Percent, start);
            case '(': return Simple(TokenKind.OpenParen, start);
            case ')': return Simple(TokenKind.CloseParen, start);
            case '[': return Simple(TokenKind.OpenBracket, start);
            case ']': return Simple(TokenKind.CloseBracket, start);
            case ',': return Simple(TokenKind.Comma, start);
            case '<' when two == '=': _pos++; return Simple(TokenKind.LessEqual, start);
            case '<': return Simple(TokenKind.Less, start);
            case '>' when two == '=': _pos++; return Simple(TokenKind.GreaterEqual, start);
            case '>': return Simple(TokenKind.Greater, start);
            case '=' when two == '=': _pos++; return Simple(TokenKind.EqualEqual, start);
            case '!' when two == '=': _pos++; return Simple(TokenKind.BangEqual, start);
            case '=':
                error(Span(start), "unexpected '='", "use '==' to compare");
                return Simple(TokenKind.EqualEqual, start);
            case '&' when two == '&': _pos++; error(Span(start), "unexpected '&&'", "use 'and'"); return Simple(TokenKind.And, start);
            case '|' when two == '|': _pos++; error(Span(start), "unexpected '||'", "use 'or'"); return Simple(TokenKind.Or, start);
            case '!': error(Span(start), "unexpected '!'", "use 'not'"); return Simple(TokenKind.Not, start);
            default:
                error(Span(start), $"unexpected character '{c}'", null);
                return new Token(TokenKind.Bad, Span(start), c.ToString());
        }
    }

    private TextSpan Span(int start) => TextSpan.FromBounds(start, _pos);

    private Token Simple(TokenKind kind, int start) => new(kind, Span(start), text[start.._pos]);

    private Token LexNumber()
    {
        var start = _pos;
        while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
        if (_pos < text.Length && text[_pos] == '.') { _pos++; while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++; }
        if (_pos < text.Length && text[_pos] is 'e' or 'E')
        {
            var save = _pos++;
            if (_pos < text.Length && text[_pos] is '+' or '-') _pos++;
            if (_pos < text.Length && char.IsAsciiDigit(text[_pos])) { while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++; }
            else _pos = save;
        }
        var raw = text[start.._pos];
        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value)) error(Span(start), $"number {raw} is too large", null);
        return new Token(TokenKind.Number, Span(start), raw, value);
    }

    private Token LexString(char quote)
    {
        var start = _pos++;
        var sb = new StringBuilder();
        while (_pos < text.Length && text[_pos] != quote)
        {
            if (text[_pos] == '\\' && _pos + 1 < text.Length && (text[_pos + 1] == quote || text[_pos + 1] == '\\')) _pos++;
            sb.Append(text[_pos++]);
        }
        if (_pos >= text.Length) error(Span(start), "unterminated string", $"close it with {quote}");
        else _pos++;
        return new Token(TokenKind.String, Span(start), sb.ToString());
    }
}
