using System.Globalization;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Language.Expressions.Syntax;

/// <summary>
/// Parses expression text into a tree. Precedence, loosest first: <c>or</c>, <c>and</c>, <c>not</c>, comparisons and
/// <c>in</c> (not chainable), <c>+ -</c>, <c>* /</c>, unary <c>-</c>, then lookups, calls and primaries. <c>if … then … else …</c>
/// is a primary whose <c>else</c> branch extends as far right as possible.
/// </summary>
public static class ExpressionParser
{
    /// <summary>
    /// Parses <paramref name="text"/>, which starts at <paramref name="origin"/> in its file. Syntax errors are added to
    /// <paramref name="diagnostics"/> (several per text where recovery allows); returns null when there was any.
    /// </summary>
    public static Expr? Parse(string text, SourceLocation origin, DiagnosticBag diagnostics, ExpressionLimits? limits = null)
    {
        limits ??= ExpressionLimits.Default;
        var source = new ExpressionSource(text, origin);
        if (text.Length > limits.MaxTextLength)
        {
            diagnostics.Error(ExpressionCodes.TooLarge, $"expression is too long ({text.Length} characters; the limit is {limits.MaxTextLength})", origin);
            return null;
        }
        var parser = new Parser(source, diagnostics, limits);
        return parser.ParseAll();
    }

    private sealed class TooDeepException : Exception;

    private sealed class Parser
    {
        private readonly ExpressionSource _source;
        private readonly DiagnosticBag _diagnostics;
        private readonly ExpressionLimits _limits;
        private readonly List<Token> _tokens;
        private int _pos;
        private int _depth;
        private int _errors;
        private int _lastErrorAt = -1;

        public Parser(ExpressionSource source, DiagnosticBag diagnostics, ExpressionLimits limits)
        {
            _source = source;
            _diagnostics = diagnostics;
            _limits = limits;
            _tokens = new Lexer(source.Text, Error).Tokenize();
        }

        private Token Current => _tokens[_pos];
        private Token Peek(int n = 1) => _tokens[Math.Min(_pos + n, _tokens.Count - 1)];

        private Token Advance()
        {
            var t = _tokens[_pos];
            if (_pos < _tokens.Count - 1) _pos++;
            return t;
        }

        private void Error(TextSpan span, string message, string? hint = null)
        {
            if (span.Start == _lastErrorAt) return; // one error per place: the first says what went wrong
            _lastErrorAt = span.Start;
            _errors++;
            _diagnostics.Error(ExpressionCodes.Syntax, message, _source.Locate(span.Start), hint);
        }

        public Expr? ParseAll()
        {
            try
            {
                if (Current.Kind == TokenKind.End)
                {
                    Error(Current.Span, "expected an expression");
                    return null;
                }
                var e = ParseExpression();
                if (Current.Kind != TokenKind.End)
                    Error(Current.Span, $"unexpected {Current.Describe()} after the end of the expression",
                        Current.Kind == TokenKind.Identifier || Current.Kind == TokenKind.Number ? "is an operator missing?" : null);
                if (_errors > 0) return null;
                if (e.Size > _limits.MaxNodes)
                {
                    _diagnostics.Error(ExpressionCodes.TooLarge, $"expression is too large ({e.Size} nodes; the limit is {_limits.MaxNodes})", _source.Origin);
                    return null;
                }
                return e;
            }
            catch (TooDeepException)
            {
                return null;
            }
        }

        private T Node<T>(T node) where T : Expr
        {
            if (node.Height > _limits.MaxDepth) TooDeep(node.Span);
            return node;
        }

        private void TooDeep(TextSpan at)
        {
            _diagnostics.Error(ExpressionCodes.TooDeep, $"expression is nested too deeply (the limit is {_limits.MaxDepth} levels)", _source.Locate(at.Start),
                "split it into definitions");
            throw new TooDeepException();
        }

        private TextSpan From(int start) => TextSpan.FromBounds(start, _tokens[Math.Max(0, _pos - 1)].Span.End);

        private Expr ParseExpression()
        {
            if (++_depth > _limits.MaxDepth) TooDeep(Current.Span);
            try { return ParseOr(); }
            finally { _depth--; }
        }

        private Expr ParseOr()
        {
            var start = Current.Span.Start;
            var left = ParseAnd();
            while (Current.Kind == TokenKind.Or)
            {
                Advance();
                var right = ParseAnd();
                left = Node(new BinaryExpr(BinaryOperator.Or, left, right) { Span = From(start), Source = _source });
            }
            return left;
        }

        private Expr ParseAnd()
        {
            var start = Current.Span.Start;
            var left = ParseNot();
            while (Current.Kind == TokenKind.And)
            {
                Advance();
                var right = ParseNot();
                left = Node(new BinaryExpr(BinaryOperator.And, left, right) { Span = From(start), Source = _source });
            }
            return left;
        }

        private Expr ParseNot()
        {
            if (Current.Kind != TokenKind.Not) return ParseComparison();
            var start = Advance().Span.Start;
            if (++_depth > _limits.MaxDepth) TooDeep(Current.Span);
            try
            {
                var operand = ParseNot();
                return Node(new UnaryExpr(UnaryOperator.Not, operand) { Span = From(start), Source = _source });
            }
            finally { _depth--; }
        }

        private static BinaryOperator? ComparisonOf(TokenKind k) => k switch
        {
            TokenKind.EqualEqual => BinaryOperator.Equal,
            TokenKind.BangEqual => BinaryOperator.NotEqual,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.LessEqual => BinaryOperator.LessOrEqual,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.GreaterEqual => BinaryOperator.GreaterOrEqual,
            _ => null,
        };

        private Expr ParseComparison()
        {
            var start = Current.Span.Start;
            var left = ParseAdditive();
            Expr result;
            if (ComparisonOf(Current.Kind) is { } op)
            {
                Advance();
                var right = ParseAdditive();
                result = Node(new BinaryExpr(op, left, right) { Span = From(start), Source = _source });
            }
            else if (Current.Kind == TokenKind.In)
            {
                Advance();
                var items = ParseList();
                result = Node(new InExpr(left, items) { Span = From(start), Source = _source });
            }
            else return left;

            if (ComparisonOf(Current.Kind) is not null || Current.Kind == TokenKind.In)
            {
                Error(Current.Span, $"comparisons cannot be chained: unexpected {Current.Describe()}", "combine comparisons with 'and'");
                if (Advance().Kind == TokenKind.In) ParseList();
                else ParseAdditive();
            }
            return result;
        }

        private List<Expr> ParseList()
        {
            var items = new List<Expr>();
            if (Current.Kind != TokenKind.OpenBracket)
            {
                Error(Current.Span, $"expected '[' after 'in', found {Current.Describe()}", "write a list such as ['DBSH', 'DNB']");
                return items;
            }
            var open = Advance();
            if (Current.Kind == TokenKind.CloseBracket)
            {
                Error(Current.Span, "the list after 'in' is empty");
                Advance();
                return items;
            }
            items.Add(ParseExpression());
            while (Current.Kind == TokenKind.Comma)
            {
                Advance();
                items.Add(ParseExpression());
            }
            Expect(TokenKind.CloseBracket, $"expected ']' to close the list opened at column {_source.Locate(open.Span.Start).Column}");
            return items;
        }

        private Expr ParseAdditive()
        {
            var start = Current.Span.Start;
            var left = ParseMultiplicative();
            while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
            {
                var op = Advance().Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
                var right = ParseMultiplicative();
                left = Node(new BinaryExpr(op, left, right) { Span = From(start), Source = _source });
            }
            return left;
        }

        private Expr ParseMultiplicative()
        {
            var start = Current.Span.Start;
            var left = ParseUnary();
            while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
            {
                if (Current.Kind == TokenKind.Percent)
                {
                    Error(Current.Span, "'%' may only follow a number, as in 80%", "there is no remainder operator");
                    Advance();
                    continue;
                }
                var op = Advance().Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
                var right = ParseUnary();
                left = Node(new BinaryExpr(op, left, right) { Span = From(start), Source = _source });
            }
            return left;
        }

        private Expr ParseUnary()
        {
            if (Current.Kind != TokenKind.Minus) return ParsePostfix();
            var start = Advance().Span.Start;
            if (++_depth > _limits.MaxDepth) TooDeep(Current.Span);
            try
            {
                var operand = ParseUnary();
                return Node(new UnaryExpr(UnaryOperator.Negate, operand) { Span = From(start), Source = _source });
            }
            finally { _depth--; }
        }

        private Expr ParsePostfix()
        {
            var start = Current.Span.Start;
            var primary = ParsePrimary();
            if (Current.Kind != TokenKind.OpenBracket) return primary;
            if (primary is not NameExpr name)
            {
                Error(Current.Span, "only a parameter can be looked up with [ ]");
                while (Current.Kind == TokenKind.OpenBracket) SkipBracketed();
                return primary;
            }
            var keys = new List<Expr>();
            while (Current.Kind == TokenKind.OpenBracket)
            {
                Advance();
                keys.Add(ParseExpression());
                Expect(TokenKind.CloseBracket, $"expected ']' after the key of '{name.Name}'");
            }
            return Node(new LookupExpr(name, keys) { Span = From(start), Source = _source });
        }

        private void SkipBracketed()
        {
            Advance();
            ParseExpression();
            Expect(TokenKind.CloseBracket, "expected ']'");
        }

        private bool Expect(TokenKind kind, string message)
        {
            if (Current.Kind == kind)
            {
                Advance();
                return true;
            }
            Error(Current.Span, $"{message}, found {Current.Describe()}");
            return false;
        }

        private Expr ParsePrimary()
        {
            var t = Current;
            switch (t.Kind)
            {
                case TokenKind.Number:
                    Advance();
                    if (Current.Kind == TokenKind.Percent && Current.Span.Start == t.Span.End)
                    {
                        Advance();
                        return new NumberLiteral(t.Number, isPercent: true) { Span = From(t.Span.Start), Source = _source };
                    }
                    return new NumberLiteral(t.Number) { Span = t.Span, Source = _source };
                case TokenKind.String:
                    Advance();
                    return new StringLiteral(t.Text) { Span = t.Span, Source = _source };
                case TokenKind.True:
                case TokenKind.False:
                    Advance();
                    return new BooleanLiteral(t.Kind == TokenKind.True) { Span = t.Span, Source = _source };
                case TokenKind.Identifier:
                    Advance();
                    if (Current.Kind == TokenKind.OpenParen) return ParseCall(t);
                    return new NameExpr(t.Text) { Span = t.Span, Source = _source };
                case TokenKind.OpenParen:
                    {
                        Advance();
                        var inner = ParseExpression();
                        Expect(TokenKind.CloseParen, $"expected ')' to close the '(' at column {_source.Locate(t.Span.Start).Column}");
                        return inner;
                    }
                case TokenKind.If:
                    return ParseConditional();
                default:
                    Error(t.Span, $"expected a value, found {t.Describe()}",
                        t.Kind is TokenKind.Then or TokenKind.Else ? "'then' and 'else' belong to 'if … then … else …'" : null);
                    if (t.Kind is not (TokenKind.End or TokenKind.CloseParen or TokenKind.CloseBracket or TokenKind.Comma)) Advance();
                    return new NameExpr("?") { Span = t.Span, Source = _source };
            }
        }

        private Expr ParseConditional()
        {
            var start = Advance().Span.Start;
            var condition = ParseExpression();
            Expect(TokenKind.Then, "expected 'then' after the condition of 'if'");
            var then = ParseExpression();
            Expect(TokenKind.Else, "expected 'else' after the 'then' branch");
            var otherwise = ParseExpression();
            return Node(new ConditionalExpr(condition, then, otherwise) { Span = From(start), Source = _source });
        }

        private Expr ParseCall(Token name)
        {
            Advance(); // (
            var args = new List<Expr>();
            if (Current.Kind != TokenKind.CloseParen)
            {
                args.Add(ParseExpression());
                while (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    args.Add(ParseExpression());
                }
            }
            Expect(TokenKind.CloseParen, $"expected ')' after arguments of '{name.Text}'");
            var span = From(name.Span.Start);
            if (name.Text == "date") return DateOf(args, span);
            return Node(new CallExpr(name.Text, args) { Span = span, Source = _source });
        }

        private Expr DateOf(List<Expr> args, TextSpan span)
        {
            if (args is [StringLiteral s])
            {
                if (DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return new DateLiteral(d) { Span = span, Source = _source };
                Error(s.Span, $"'{s.Value}' is not a date", "write it as yyyy-mm-dd, e.g. date('2026-02-15')");
            }
            else Error(span, "date(…) takes one date in quotes", "e.g. date('2026-02-15')");
            return new NameExpr("?") { Span = span, Source = _source };
        }
    }
}
