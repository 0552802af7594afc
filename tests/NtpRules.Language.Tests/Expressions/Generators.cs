using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Tests.Expressions;

/// <summary>FsCheck generators: any syntax tree (for printing), and well-typed trees over <see cref="TypedScope"/> (for evaluation).</summary>
internal static class Generators
{
    private static readonly string[] Names = ["x", "region", "income_min", "a_b", "_z9", "date", "year", "andy", "iff", "notice"];
    private static readonly string[] FunctionNames = ["min", "max", "count", "share", "met", "f", "coalesce"];

    private static readonly Gen<double> Numbers = Gen.OneOf(
        Gen.Choose(0, 1000).Select(i => (double)i),
        Gen.Choose(0, 1_000_000).Select(i => i / 100.0),
        Gen.Elements(0.1, 1e20, 1.5e-7, 123456789.125, double.MaxValue, double.Epsilon, 1.0 / 3));

    private static readonly Gen<string> Strings = Gen.Elements("", "DBSH", "it's", "back\\slash", "\"q\"", "Tân Lập", "a b", "'", "\\");

    private static readonly Gen<DateOnly> Dates = Gen.Choose(0, 3_000_000).Select(DateOnly.FromDayNumber);

    private static Gen<Expr> Leaf() => Gen.OneOf(
        Numbers.SelectMany(n => Gen.Elements(false, true), (n, p) => (Expr)new NumberLiteral(n, p)),
        Strings.Select(s => (Expr)new StringLiteral(s)),
        Gen.Elements(true, false).Select(b => (Expr)new BooleanLiteral(b)),
        Dates.Select(d => (Expr)new DateLiteral(d)),
        Gen.Elements(Names).Select(n => (Expr)new NameExpr(n)));

    private static Gen<List<Expr>> ListOf(int count, Gen<Expr> g) => Gen.ListOf(g, count).Select(l => l.ToList());

    public static Gen<Expr> Syntax(int size)
    {
        if (size <= 0) return Leaf();
        var sub = Gen.Sized(_ => Syntax(size / 2));
        return Gen.Frequency(
            (3, Leaf()),
            (2, Gen.Elements(UnaryOperator.Negate, UnaryOperator.Not).SelectMany(_ => sub, (op, e) => (Expr)new UnaryExpr(op, e))),
            (4, Gen.Elements(Enum.GetValues<BinaryOperator>()).SelectMany(op => sub.Two(), (op, p) => (Expr)new BinaryExpr(op, p.Item1, p.Item2))),
            (1, sub.SelectMany(v => Gen.Choose(1, 3).SelectMany(n => ListOf(n, sub)), (v, items) => (Expr)new InExpr(v, items))),
            (1, sub.Three().Select(t => (Expr)new ConditionalExpr(t.Item1, t.Item2, t.Item3))),
            (1, Gen.Elements(FunctionNames).SelectMany(_ => Gen.Choose(0, 3).SelectMany(n => ListOf(n, sub)), (f, args) => (Expr)new CallExpr(f, args))),
            (1, Gen.Elements(Names).SelectMany(_ => Gen.Choose(1, 3).SelectMany(n => ListOf(n, sub)), (p, keys) => (Expr)new LookupExpr(new NameExpr(p), keys))));
    }

    public static Arbitrary<Expr> AnySyntax => Gen.Sized(s => Syntax(Math.Min(s, 40))).ToArbitrary();

    // ---- well-typed expressions ----

    /// <summary>A scope with one or more indicators of every type, parameters, a definition, a child kind and a standard.</summary>
    public static InMemoryScope TypedScope() => new InMemoryScope("commune")
        .Indicator("n1", ExprType.Number).Indicator("n2", ExprType.Number).Indicator("n3", ExprType.Number)
        .Indicator("i1", ExprType.Integer)
        .Indicator("b1", ExprType.Boolean).Indicator("b2", ExprType.Boolean).Indicator("b3", ExprType.Boolean)
        .Indicator("t1", ExprType.Text)
        .Indicator("e1", ExprType.Enum(["A", "B", "C"]))
        .Indicator("d1", ExprType.Date)
        .Parameter("p", ExprType.Number, null, "e1")
        .Parameter("q", ExprType.Number)
        .Definition("def_n", "n1 - n2 * 2")
        .ChildScope(new InMemoryScope("child").Indicator("cn", ExprType.Number).Indicator("cb", ExprType.Boolean))
        .Standard("std");

    private static Gen<Expr> Text(string s) => Gen.Constant((Expr)new StringLiteral(s));
    private static Expr N(string name) => new NameExpr(name);
    private static readonly Gen<Expr> SmallNumbers = Gen.Elements(0.0, 1, 2, 2.5, 3, 10, 0.5, -0.0).Select(n => (Expr)new NumberLiteral(n));

    private static Gen<Expr> Num(int size, bool child)
    {
        var leaves = child
            ? Gen.OneOf(SmallNumbers, Gen.Constant(N("cn")))
            : Gen.OneOf(SmallNumbers, Gen.Elements("n1", "n2", "n3", "i1", "p", "q", "def_n", "year").Select(N),
                Gen.Elements("A", "B", "Z").Select(k => (Expr)new LookupExpr(new NameExpr("p"), [new StringLiteral(k)])));
        if (size <= 0) return leaves;
        var n = Gen.Sized(_ => Num(size / 2, child));
        var b = Gen.Sized(_ => Bool(size / 2, child));
        var options = new List<(int, Gen<Expr>)>
        {
            (3, leaves),
            (1, n.Select(e => (Expr)new UnaryExpr(UnaryOperator.Negate, e))),
            (4, Gen.Elements(BinaryOperator.Add, BinaryOperator.Subtract, BinaryOperator.Multiply, BinaryOperator.Divide)
                .SelectMany(_ => n.Two(), (op, p) => (Expr)new BinaryExpr(op, p.Item1, p.Item2))),
            (1, Gen.Elements("min", "max", "coalesce").SelectMany(_ => Gen.Choose(2, 3).SelectMany(k => ListOf(k, n)), (f, a) => (Expr)new CallExpr(f, a))),
            (1, n.Select(e => (Expr)new CallExpr("abs", [e]))),
            (1, n.SelectMany(_ => Gen.Choose(0, 3), (e, d) => (Expr)new CallExpr("round", [e, new NumberLiteral(d)]))),
            (1, Gen.Zip(b, n.Two()).Select(t => (Expr)new ConditionalExpr(t.Item1, t.Item2.Item1, t.Item2.Item2))),
            (1, Gen.Choose(1, 3).SelectMany(k => ListOf(k, b)).Select(a => (Expr)new CallExpr("count_true", a))),
        };
        if (!child)
        {
            var cn = Gen.Sized(_ => Num(size / 2, true));
            var cb = Gen.Sized(_ => Bool(size / 2, true));
            options.Add((1, Gen.Constant((Expr)new CallExpr("year", [N("d1")]))));
            options.Add((1, Gen.Constant((Expr)new CallExpr("criteria_met", [new StringLiteral("std")]))));
            options.Add((1, Gen.Elements("count", "share").SelectMany(_ => cb, (f, body) => (Expr)new CallExpr(f, [N("child"), body]))));
            options.Add((1, Gen.Constant((Expr)new CallExpr("count", [N("child")]))));
            options.Add((1, Gen.Elements("sum", "avg", "min_of", "max_of").SelectMany(_ => cn, (f, body) => (Expr)new CallExpr(f, [N("child"), body]))));
        }
        return Gen.Frequency(options.ToArray());
    }

    private static Gen<Expr> Bool(int size, bool child)
    {
        var leaves = child
            ? Gen.OneOf(Gen.Elements(true, false).Select(v => (Expr)new BooleanLiteral(v)), Gen.Constant(N("cb")))
            : Gen.OneOf(Gen.Elements(true, false).Select(v => (Expr)new BooleanLiteral(v)), Gen.Elements("b1", "b2", "b3").Select(N),
                Gen.Constant((Expr)new CallExpr("met", [new StringLiteral("std")])));
        if (size <= 0) return leaves;
        var n = Gen.Sized(_ => Num(size / 2, child));
        var b = Gen.Sized(_ => Bool(size / 2, child));
        var comparisons = new[] { BinaryOperator.Equal, BinaryOperator.NotEqual, BinaryOperator.Less, BinaryOperator.LessOrEqual, BinaryOperator.Greater, BinaryOperator.GreaterOrEqual };
        var options = new List<(int, Gen<Expr>)>
        {
            (3, leaves),
            (3, Gen.Elements(BinaryOperator.And, BinaryOperator.Or).SelectMany(_ => b.Two(), (op, p) => (Expr)new BinaryExpr(op, p.Item1, p.Item2))),
            (1, b.Select(e => (Expr)new UnaryExpr(UnaryOperator.Not, e))),
            (4, Gen.Elements(comparisons).SelectMany(_ => n.Two(), (op, p) => (Expr)new BinaryExpr(op, p.Item1, p.Item2))),
            (1, Gen.Elements(BinaryOperator.Equal, BinaryOperator.NotEqual).SelectMany(_ => b.Two(), (op, p) => (Expr)new BinaryExpr(op, p.Item1, p.Item2))),
            (1, n.Select(e => (Expr)new CallExpr("known", [e]))),
            (1, Gen.Zip(b, b.Two()).Select(t => (Expr)new ConditionalExpr(t.Item1, t.Item2.Item1, t.Item2.Item2))),
            (1, n.SelectMany(v => Gen.Choose(1, 3).SelectMany(k => ListOf(k, n)), (v, items) => (Expr)new InExpr(v, items))),
        };
        if (!child)
        {
            options.Add((1, Gen.Elements("A", "B", "C").SelectMany(_ => Gen.Elements(BinaryOperator.Equal, BinaryOperator.NotEqual),
                (v, op) => (Expr)new BinaryExpr(op, N("e1"), new StringLiteral(v)))));
            options.Add((1, Gen.Elements("x", "y").Select(v => (Expr)new BinaryExpr(BinaryOperator.Equal, N("t1"), new StringLiteral(v)))));
            options.Add((1, Gen.Constant((Expr)new InExpr(N("e1"), [new StringLiteral("A"), new StringLiteral("C")]))));
            options.Add((1, Gen.Elements(comparisons).SelectMany(_ => Dates.Select(d => (Expr)new DateLiteral(d)),
                (op, d) => (Expr)new BinaryExpr(op, N("d1"), d))));
            options.Add((1, Gen.Constant((Expr)new BinaryExpr(BinaryOperator.LessOrEqual, N("d1"), N("as_of")))));
        }
        return Gen.Frequency(options.ToArray());
    }

    /// <summary>Well-typed expressions of the typed scope: half conditions, half numbers.</summary>
    public static Arbitrary<Expr> Typed => Gen.Sized(s => Gen.OneOf(Bool(Math.Min(s, 30), false), Num(Math.Min(s, 30), false))).ToArbitrary();
}
