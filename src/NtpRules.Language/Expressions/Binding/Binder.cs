using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Expressions.Binding;

/// <summary>Resolves names and types of one expression (and the definitions it uses), collecting every error.</summary>
internal sealed class Binder(DiagnosticBag diagnostics, ExpressionLimits limits)
{
    private static readonly string[] BuiltinNames = ["year", "as_of"];

    private readonly Dictionary<(DefinitionSymbol, IExpressionScope), (BoundExpr Body, int Nodes)> _definitions = new();
    private readonly List<DefinitionSymbol> _inProgress = new();
    private readonly List<IndicatorSymbol> _indicators = new();
    private readonly List<ParameterSymbol> _parameters = new();
    private readonly List<string> _standards = new();
    private readonly List<string> _childKinds = new();
    private IExpressionScope _root = null!;
    private bool _usesBaseline;
    private int _errors;
    private int _nodes;

    private sealed class TooLargeException : Exception;

    public CheckedExpression? BindRoot(Expr expr, IExpressionScope scope, bool requireBoolean)
    {
        _root = scope;
        BoundExpr bound;
        try
        {
            bound = Bind(expr, scope);
        }
        catch (TooLargeException)
        {
            return null;
        }
        if (requireBoolean && !bound.Type.IsError && bound.Type.Kind != TypeKind.Boolean)
            Error(ExpressionCodes.NotBoolean, expr, $"a condition must be true or false, but this expression is {Describe(bound.Type)}",
                bound.Type.IsNumeric ? "compare it with a threshold, e.g. >= 80" : null);
        if (_errors > 0) return null;
        return new CheckedExpression(bound, _indicators, _parameters, _standards, _childKinds, _usesBaseline);
    }

    private static SourceLocation Locate(Expr e) => e.Source?.Locate(e.Span.Start) ?? SourceLocation.None("<expression>");

    private void Error(string code, Expr at, string message, string? hint = null)
    {
        _errors++;
        diagnostics.Error(code, message, Locate(at), hint);
    }

    private static string Describe(ExprType t) => t.Kind switch
    {
        TypeKind.Integer or TypeKind.Number => "a number",
        TypeKind.Boolean => "true/false",
        TypeKind.Text => "a text",
        TypeKind.Date => "a date",
        TypeKind.Enum => "an enum value",
        _ => "invalid",
    };

    private static string Plural(ExprType t) => t.Kind switch
    {
        TypeKind.Boolean => "true/false values",
        TypeKind.Enum => "enum values",
        _ => "texts",
    };

    private static string Quote(Expr e) => $"'{ExpressionPrinter.Print(e)}'";

    private BoundExpr Bind(Expr e, IExpressionScope scope)
    {
        Count(1, e);
        return e switch
        {
            NumberLiteral n => new BoundLiteral(n, !n.IsPercent && n.Value == Math.Floor(n.Value) ? ExprType.Integer : ExprType.Number,
                Value.Number(n.Value), n.IsPercent ? "%" : null),
            StringLiteral s => new BoundLiteral(s, ExprType.Text, Value.Text(s.Value)),
            BooleanLiteral b => new BoundLiteral(b, ExprType.Boolean, Value.Boolean(b.Value)),
            DateLiteral d => new BoundLiteral(d, ExprType.Date, Value.Date(d.Value)),
            NameExpr n => BindName(n, scope),
            LookupExpr l => BindLookup(l, scope),
            UnaryExpr u => BindUnary(u, scope),
            BinaryExpr b => BindBinary(b, scope),
            InExpr i => BindIn(i, scope),
            ConditionalExpr c => BindConditional(c, scope),
            CallExpr c => BindCall(c, scope),
            _ => throw new InvalidOperationException($"unexpected node {e.GetType().Name}"),
        };
    }

    /// <summary>
    /// Counts nodes as if every definition were written out where it is used: a definition bound once and used twice
    /// is evaluated twice, so it counts twice.
    /// </summary>
    private void Count(int nodes, Expr at)
    {
        _nodes += nodes;
        if (_nodes <= limits.MaxExpandedNodes) return;
        Error(ExpressionCodes.TooLarge, at, $"expression is too large once its definitions are expanded (more than {limits.MaxExpandedNodes} nodes)",
            "simplify the definitions it uses");
        throw new TooLargeException();
    }

    private static BoundExpr Invalid(Expr e) => new BoundLiteral(e, ExprType.Error, Value.Missing);

    private BoundExpr BindName(NameExpr n, IExpressionScope scope)
    {
        switch (n.Name)
        {
            case "year": return new BoundBuiltin(n, Builtin.Year);
            case "as_of": return new BoundBuiltin(n, Builtin.AsOf);
        }
        switch (scope.Lookup(n.Name))
        {
            case IndicatorSymbol i:
                if (ReferenceEquals(scope, _root) && !_indicators.Contains(i)) _indicators.Add(i);
                return new BoundIndicator(n, i);
            case DefinitionSymbol d:
                return BindDefinition(n, d, scope);
            case ParameterSymbol p:
                return BindParameter(n, p, p.Keys.Select(k => KeyByName(n, p, k, scope)).ToList());
        }
        if (scope.Child(n.Name) is not null)
            Error(ExpressionCodes.UnknownName, n, $"'{n.Name}' is a subject kind, not a value",
                $"aggregate over it, e.g. count({n.Name}) or share({n.Name}, …)");
        else if (Functions.All.ContainsKey(n.Name))
            Error(ExpressionCodes.UnknownName, n, $"'{n.Name}' is a function", $"call it with arguments: {n.Name}(…)");
        else
            Error(ExpressionCodes.UnknownName, n, $"unknown name '{n.Name}' for {scope.SubjectKind}",
                EditDistance.Hint(n.Name, scope.Names.Concat(BuiltinNames)));
        return Invalid(n);
    }

    private BoundExpr KeyByName(NameExpr at, ParameterSymbol p, string key, IExpressionScope scope)
    {
        var symbol = scope.Lookup(key);
        if (!BuiltinNames.Contains(key) && symbol is null or ParameterSymbol)
        {
            Error(ExpressionCodes.BadLookup, at, $"parameter '{p.Name}' is keyed by '{key}', which is not an indicator or definition of {scope.SubjectKind}",
                $"look it up explicitly: {p.Name}[…]");
            return Invalid(at);
        }
        return BindName(new NameExpr(key) { Span = at.Span, Source = at.Source }, scope);
    }

    private BoundExpr BindDefinition(NameExpr n, DefinitionSymbol d, IExpressionScope scope)
    {
        if (_definitions.TryGetValue((d, scope), out var done))
        {
            Count(done.Nodes, n);
            return new BoundDefinition(n, d, done.Body);
        }
        if (_inProgress.Contains(d))
        {
            var cycle = string.Join(" → ", _inProgress.SkipWhile(x => x != d).Select(x => x.Name).Append(d.Name));
            Error(ExpressionCodes.CyclicDefinition, n, $"definition '{d.Name}' refers to itself ({cycle})");
            return Invalid(n);
        }
        _inProgress.Add(d);
        var before = _nodes;
        var body = Bind(d.Body, scope);
        _inProgress.RemoveAt(_inProgress.Count - 1);
        _definitions[(d, scope)] = (body, _nodes - before);
        return new BoundDefinition(n, d, body);
    }

    private BoundExpr BindParameter(Expr at, ParameterSymbol p, List<BoundExpr> keys)
    {
        if (keys.Count > ParameterKeys.MaxKeys)
        {
            Error(ExpressionCodes.BadLookup, at, $"parameter '{p.Name}' has {keys.Count} keys; at most {ParameterKeys.MaxKeys} are supported");
            return Invalid(at);
        }
        if (keys.Any(k => k.Type.IsError)) return Invalid(at);
        if (!_parameters.Contains(p)) _parameters.Add(p);
        return new BoundParameter(at, p, keys);
    }

    private BoundExpr BindLookup(LookupExpr l, IExpressionScope scope)
    {
        var keys = l.Keys.Select(k => Bind(k, scope)).ToList();
        var name = l.Parameter.Name;
        var symbol = scope.Lookup(name);
        if (symbol is not ParameterSymbol p)
        {
            if (symbol is null && !BuiltinNames.Contains(name))
                Error(ExpressionCodes.UnknownName, l.Parameter, $"unknown parameter '{name}'",
                    EditDistance.Hint(name, scope.Names.Where(x => scope.Lookup(x) is ParameterSymbol)));
            else
                Error(ExpressionCodes.BadLookup, l, $"only a parameter table can be looked up with [ ]; '{name}' is not a parameter");
            return Invalid(l);
        }
        if (p.Keys.Count != keys.Count)
        {
            Error(ExpressionCodes.BadLookup, l, p.Keys.Count == 0
                ? $"parameter '{name}' is a single value, not a table"
                : $"parameter '{name}' is keyed by {p.Keys.Count} ({string.Join(", ", p.Keys)}) but {keys.Count} key{(keys.Count == 1 ? " was" : "s were")} given");
            return Invalid(l);
        }
        for (var i = 0; i < keys.Count; i++)
            if (keys[i].Type.Kind == TypeKind.Boolean)
                Error(ExpressionCodes.TypeMismatch, l.Keys[i], $"a table key must be a text, number or date, not true/false");
        return BindParameter(l, p, keys);
    }

    private BoundExpr BindUnary(UnaryExpr u, IExpressionScope scope)
    {
        var operand = Bind(u.Operand, scope);
        if (operand.Type.IsError) return Invalid(u);
        if (u.Operator == UnaryOperator.Not)
        {
            if (operand.Type.Kind == TypeKind.Boolean) return new BoundUnary(u, u.Operator, operand);
            Error(ExpressionCodes.NotBoolean, u.Operand, $"'not' needs true/false, but {Quote(u.Operand)} is {Describe(operand.Type)}");
            return Invalid(u);
        }
        if (operand.Type.IsNumeric) return new BoundUnary(u, u.Operator, operand);
        Error(ExpressionCodes.TypeMismatch, u, $"'-' needs a number, but {Quote(u.Operand)} is {Describe(operand.Type)}");
        return Invalid(u);
    }

    private BoundExpr BindBinary(BinaryExpr b, IExpressionScope scope)
    {
        var left = Bind(b.Left, scope);
        var right = Bind(b.Right, scope);
        var op = ExpressionPrinter.OperatorText(b.Operator);
        switch (b.Operator)
        {
            case BinaryOperator.And or BinaryOperator.Or:
                {
                    var ok = RequireBoolean(left, b.Left, $"'{op}'") & RequireBoolean(right, b.Right, $"'{op}'");
                    return ok ? new BoundBinary(b, b.Operator, Comparison.Logical, left, right, ExprType.Boolean, null) : Invalid(b);
                }
            case BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide:
                {
                    if (left.Type.IsError || right.Type.IsError) return Invalid(b);
                    if (!left.Type.IsNumeric || !right.Type.IsNumeric)
                    {
                        Error(ExpressionCodes.TypeMismatch, b, $"cannot apply '{op}' to {Describe(left.Type)} and {Describe(right.Type)}",
                            left.Type.Kind == TypeKind.Date || right.Type.Kind == TypeKind.Date ? "use year(…) to get a date's year" : null);
                        return Invalid(b);
                    }
                    var type = left.Type.Kind == TypeKind.Integer && right.Type.Kind == TypeKind.Integer && b.Operator != BinaryOperator.Divide
                        ? ExprType.Integer : ExprType.Number;
                    var unit = b.Operator is BinaryOperator.Add or BinaryOperator.Subtract ? left.Unit ?? right.Unit
                        : right is BoundLiteral ? left.Unit
                        : left is BoundLiteral && b.Operator == BinaryOperator.Multiply ? right.Unit : null;
                    return new BoundBinary(b, b.Operator, Comparison.Numeric, left, right, type, unit);
                }
            default:
                {
                    if (left.Type.IsError || right.Type.IsError) return Invalid(b);
                    var comparison = Compare(left, right, b, op, ordering: b.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual));
                    if (comparison == Comparison.Numeric && left.Unit is { } lu && right.Unit is { } ru && !SameUnit(lu, ru))
                    {
                        Error(ExpressionCodes.UnitMismatch, b, $"cannot compare {Quote(b.Left)} in {lu} with {Quote(b.Right)} in {ru}",
                            "compare values of the same unit: check the indicator and the parameter");
                        return Invalid(b);
                    }
                    return comparison is { } c ? new BoundBinary(b, b.Operator, c, left, right, ExprType.Boolean, null) : Invalid(b);
                }
        }
    }

    private static bool SameUnit(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private bool RequireBoolean(BoundExpr operand, Expr syntax, string what)
    {
        if (operand.Type.IsError) return false;
        if (operand.Type.Kind == TypeKind.Boolean) return true;
        Error(ExpressionCodes.NotBoolean, syntax, $"{what} needs true/false on both sides, but {Quote(syntax)} is {Describe(operand.Type)}",
            operand.Type.IsNumeric ? "compare it with a threshold, e.g. >= 80" : null);
        return false;
    }

    /// <summary>How two operands compare, or null (reported) when they cannot be compared.</summary>
    private Comparison? Compare(BoundExpr left, BoundExpr right, Expr at, string op, bool ordering)
    {
        if ((left.Type.IsNumeric && right.Type.IsNumeric) || (left.Type.Kind == TypeKind.Date && right.Type.Kind == TypeKind.Date))
            return Comparison.Numeric;
        if (left.Type.IsTextual && right.Type.IsTextual && !ordering)
        {
            var ok = CheckEnumLiteral(left, right) & CheckEnumLiteral(right, left);
            return ok ? Comparison.Textual : null;
        }
        if (left.Type.Kind == TypeKind.Boolean && right.Type.Kind == TypeKind.Boolean && !ordering) return Comparison.Logical;
        var same = left.Type.Kind == right.Type.Kind || (left.Type.IsTextual && right.Type.IsTextual);
        Error(ExpressionCodes.TypeMismatch, at, same
            ? $"cannot order {Plural(left.Type)} with '{op}'"
            : $"cannot compare {Describe(left.Type)} with {Describe(right.Type)} using '{op}'",
            same ? "texts and true/false compare only with == and !=" : null);
        return null;
    }

    /// <summary>A text literal compared with an enum must be one of the enum's values.</summary>
    private bool CheckEnumLiteral(BoundExpr enumSide, BoundExpr other)
    {
        if (enumSide.Type.Kind != TypeKind.Enum || other is not BoundLiteral { Value.AsText: { } text } literal) return true;
        var values = enumSide.Type.EnumValues;
        if (values.Contains(text)) return true;
        Error(ExpressionCodes.EnumValue, literal.Syntax, $"'{text}' is not a value of {Quote(enumSide.Syntax)}",
            EditDistance.Hint(text, values) is { } h ? $"{h} (allowed: {string.Join(", ", values)})" : $"allowed: {string.Join(", ", values)}");
        return false;
    }

    private BoundExpr BindIn(InExpr i, IExpressionScope scope)
    {
        var value = Bind(i.Value, scope);
        var items = i.Items.Select(x => Bind(x, scope)).ToList();
        if (value.Type.IsError || items.Any(x => x.Type.IsError)) return Invalid(i);
        Comparison? comparison = null;
        var ok = true;
        foreach (var item in items)
        {
            var c = Compare(value, item, item.Syntax, "in", ordering: false);
            if (c is null) ok = false;
            comparison ??= c;
        }
        return ok && comparison is { } cmp ? new BoundIn(i, cmp, value, items) : Invalid(i);
    }

    private BoundExpr BindConditional(ConditionalExpr c, IExpressionScope scope)
    {
        var condition = Bind(c.Condition, scope);
        var then = Bind(c.Then, scope);
        var otherwise = Bind(c.Else, scope);
        var ok = true;
        if (!condition.Type.IsError && condition.Type.Kind != TypeKind.Boolean)
        {
            Error(ExpressionCodes.NotBoolean, c.Condition, $"the condition of 'if' must be true/false, but {Quote(c.Condition)} is {Describe(condition.Type)}");
            ok = false;
        }
        var type = Unify([then, otherwise], c, "the branches of 'if'");
        return ok && !type.IsError && !condition.Type.IsError ? new BoundConditional(c, condition, then, otherwise, type) : Invalid(c);
    }

    /// <summary>The common type of alternatives (if branches, coalesce arguments); Error (reported) if there is none.</summary>
    private ExprType Unify(IReadOnlyList<BoundExpr> items, Expr at, string what)
    {
        if (items.Any(x => x.Type.IsError)) return ExprType.Error;
        var type = items[0].Type;
        foreach (var item in items.Skip(1))
        {
            var next = Unify(type, item.Type);
            if (next is null)
            {
                Error(ExpressionCodes.TypeMismatch, at, $"{what} have different types: {Describe(type)} and {Describe(item.Type)}");
                return ExprType.Error;
            }
            type = next;
        }
        var enums = items.Where(x => x.Type.Kind == TypeKind.Enum).ToList();
        if (type.IsTextual && enums.Count > 0 && items.All(x => x.Type.Kind == TypeKind.Enum || x is BoundLiteral))
        {
            // Enum alternatives with text literals stay an enum, and the literals must be its values:
            // if c then 'TDMNB' else region. A computed text among them makes the whole a plain text.
            type = ExprType.Enum(enums.SelectMany(x => x.Type.EnumValues));
            var ok = true;
            foreach (var literal in items.Where(x => x is BoundLiteral)) ok &= CheckEnumLiteral(enums[0], literal);
            if (!ok) return ExprType.Error;
        }
        return type;
    }

    private static ExprType? Unify(ExprType a, ExprType b)
    {
        if (a.IsNumeric && b.IsNumeric) return a.Kind == TypeKind.Integer && b.Kind == TypeKind.Integer ? ExprType.Integer : ExprType.Number;
        if (a.Kind == TypeKind.Enum && b.Kind == TypeKind.Enum) return ExprType.Enum(a.EnumValues.Concat(b.EnumValues));
        if (a.IsTextual && b.IsTextual) return ExprType.Text; // the caller keeps an enum when the rest are literals
        return a.Kind == b.Kind ? a : null;
    }

    private BoundExpr BindCall(CallExpr c, IExpressionScope scope)
    {
        if (!Functions.All.TryGetValue(c.Function, out var sig))
        {
            Error(ExpressionCodes.UnknownFunction, c, $"unknown function '{c.Function}'", EditDistance.Hint(c.Function, Functions.All.Keys));
            return Invalid(c);
        }
        if (c.Arguments.Count < sig.MinArgs || c.Arguments.Count > sig.MaxArgs)
        {
            Error(ExpressionCodes.WrongArity, c, $"'{c.Function}' takes {Functions.ArityText(sig)} but {c.Arguments.Count} {(c.Arguments.Count == 1 ? "was" : "were")} given");
            return Invalid(c);
        }
        return sig.Group switch
        {
            Functions.Group.Aggregate => BindAggregate(c, sig.Aggregate, scope),
            Functions.Group.Met => BindMet(c, scope, countCriteria: false),
            Functions.Group.CriteriaMet => BindMet(c, scope, countCriteria: true),
            Functions.Group.Baseline => BindBaseline(c, scope),
            _ => BindFunction(c, sig.Function, scope),
        };
    }

    private BoundExpr BindBaseline(CallExpr c, IExpressionScope scope)
    {
        var body = Bind(c.Arguments[0], scope);
        _usesBaseline = true;
        return body.Type.IsError ? Invalid(c) : new BoundBaseline(c, body);
    }

    private BoundExpr BindMet(CallExpr c, IExpressionScope scope, bool countCriteria)
    {
        if (c.Arguments[0] is not StringLiteral s)
        {
            Error(ExpressionCodes.TypeMismatch, c.Arguments[0], $"{c.Function}(…) takes a standard id in quotes", $"e.g. {c.Function}('ntm-commune')");
            return Invalid(c);
        }
        if (!scope.IsStandard(s.Value))
        {
            Error(ExpressionCodes.UnknownStandard, s, $"unknown standard '{s.Value}'", EditDistance.Hint(s.Value, scope.Standards));
            return Invalid(c);
        }
        if (!_standards.Contains(s.Value)) _standards.Add(s.Value);
        return new BoundMet(c, s.Value, countCriteria);
    }

    private BoundExpr BindFunction(CallExpr c, Function f, IExpressionScope scope)
    {
        var args = c.Arguments.Select(a => Bind(a, scope)).ToList();
        if (args.Any(a => a.Type.IsError)) return Invalid(c);
        var name = c.Function;
        switch (f)
        {
            case Function.Known:
                return new BoundCall(c, f, args, ExprType.Boolean, null);
            case Function.Coalesce:
                {
                    var type = Unify(args, c, "the arguments of 'coalesce'");
                    return type.IsError ? Invalid(c) : new BoundCall(c, f, args, type, args.Select(a => a.Unit).FirstOrDefault(u => u is not null));
                }
            case Function.Year:
                if (args[0].Type.Kind != TypeKind.Date)
                {
                    Error(ExpressionCodes.TypeMismatch, c.Arguments[0], $"'year' needs a date, but {Quote(c.Arguments[0])} is {Describe(args[0].Type)}");
                    return Invalid(c);
                }
                return new BoundCall(c, f, args, ExprType.Integer, null);
            case Function.CountTrue:
                {
                    var ok = true;
                    for (var i = 0; i < args.Count; i++)
                        if (args[i].Type.Kind != TypeKind.Boolean)
                        {
                            Error(ExpressionCodes.NotBoolean, c.Arguments[i], $"'count_true' counts true/false values, but {Quote(c.Arguments[i])} is {Describe(args[i].Type)}");
                            ok = false;
                        }
                    return ok ? new BoundCall(c, f, args, ExprType.Integer, null) : Invalid(c);
                }
            default:
                {
                    var ok = true;
                    for (var i = 0; i < args.Count; i++)
                        if (!args[i].Type.IsNumeric)
                        {
                            Error(ExpressionCodes.TypeMismatch, c.Arguments[i], $"'{name}' needs numbers, but {Quote(c.Arguments[i])} is {Describe(args[i].Type)}");
                            ok = false;
                        }
                    if (!ok) return Invalid(c);
                    var integer = f != Function.Round ? args.All(a => a.Type.Kind == TypeKind.Integer) : args.Count == 1;
                    return new BoundCall(c, f, args, integer ? ExprType.Integer : ExprType.Number, args[0].Unit);
                }
        }
    }

    private BoundExpr BindAggregate(CallExpr c, Aggregate aggregate, IExpressionScope scope)
    {
        var name = c.Function;
        if (c.Arguments[0] is not NameExpr kind || scope.Child(kind.Name) is not { } child)
        {
            var kinds = scope.ChildKinds.ToList();
            var listed = kinds.Count == 0 ? $"{scope.SubjectKind} has no child subjects" : $"child kinds of {scope.SubjectKind}: {string.Join(", ", kinds)}";
            if (c.Arguments[0] is NameExpr n)
                Error(ExpressionCodes.NotChildKind, n, $"'{n.Name}' is not a kind of subject under {scope.SubjectKind}",
                    EditDistance.Hint(n.Name, kinds) ?? listed);
            else
                Error(ExpressionCodes.NotChildKind, c.Arguments[0], $"the first argument of '{name}' must be a child subject kind", listed);
            return Invalid(c);
        }
        if (!_childKinds.Contains(kind.Name)) _childKinds.Add(kind.Name);
        var body = c.Arguments.Count > 1 ? Bind(c.Arguments[1], child) : null;
        if (body is { Type.IsError: true }) return Invalid(c);
        var needsBoolean = aggregate is Aggregate.Count or Aggregate.Share;
        if (body is not null && needsBoolean && body.Type.Kind != TypeKind.Boolean)
        {
            Error(ExpressionCodes.NotBoolean, c.Arguments[1], $"'{name}' needs a true/false filter, but {Quote(c.Arguments[1])} is {Describe(body.Type)}");
            return Invalid(c);
        }
        if (body is not null && !needsBoolean && !body.Type.IsNumeric)
        {
            Error(ExpressionCodes.TypeMismatch, c.Arguments[1], $"'{name}' needs a number for each {kind.Name}, but {Quote(c.Arguments[1])} is {Describe(body.Type)}");
            return Invalid(c);
        }
        var (type, unit) = aggregate switch
        {
            Aggregate.Count => (ExprType.Integer, null),
            Aggregate.Share => (ExprType.Number, "%"),
            Aggregate.Avg => (ExprType.Number, body!.Unit),
            _ => (body!.Type, body.Unit),
        };
        return new BoundAggregate(c, aggregate, kind.Name, body, type, unit);
    }
}
