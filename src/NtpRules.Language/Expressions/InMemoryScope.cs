using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Expressions;

/// <summary>
/// A scope built in code, e.g. from the catalogue and a rule set: indicators get slots in the order they are added
/// unless given one. Also the scope used by the tests.
/// </summary>
public sealed class InMemoryScope(string subjectKind) : IExpressionScope
{
    private readonly Dictionary<string, ExpressionSymbol> _symbols = new();
    private readonly Dictionary<string, IExpressionScope> _children = new();
    private readonly HashSet<string> _standards = new();
    private int _slots;

    public string SubjectKind { get; } = subjectKind;

    public InMemoryScope Indicator(string name, ExprType type, string? unit = null, int? slot = null)
    {
        var s = slot ?? _slots;
        _slots = Math.Max(_slots, s + 1);
        _symbols[name] = new IndicatorSymbol(name, SubjectKind, type, unit, s);
        return this;
    }

    public InMemoryScope Parameter(string name, ExprType type, string? unit = null, params string[] keys)
    {
        _symbols[name] = new ParameterSymbol(name, type, unit, keys, _symbols.Values.OfType<ParameterSymbol>().Count());
        return this;
    }

    /// <summary>Adds a definition parsed by the caller (errors in its body are then located in its own file).</summary>
    public InMemoryScope Definition(string name, Expr body)
    {
        _symbols[name] = new DefinitionSymbol(name, body);
        return this;
    }

    /// <summary>Adds a definition from text; it must parse (syntax errors throw: this overload is for set-up code, not user input).</summary>
    public InMemoryScope Definition(string name, string text)
    {
        var bag = new DiagnosticBag();
        var body = ExpressionParser.Parse(text, new SourceLocation($"definition {name}", 1, 1), bag)
                   ?? throw new ArgumentException(string.Join("; ", bag), nameof(text));
        return Definition(name, body);
    }

    public InMemoryScope ChildScope(IExpressionScope child)
    {
        _children[child.SubjectKind] = child;
        return this;
    }

    public InMemoryScope Standard(string id)
    {
        _standards.Add(id);
        return this;
    }

    public IndicatorSymbol IndicatorNamed(string name) => (IndicatorSymbol)_symbols[name];

    public ExpressionSymbol? Lookup(string name) => _symbols.GetValueOrDefault(name);
    public IEnumerable<string> Names => _symbols.Keys;
    public IExpressionScope? Child(string kind) => _children.GetValueOrDefault(kind);
    public IEnumerable<string> ChildKinds => _children.Keys;
    public bool IsStandard(string id) => _standards.Contains(id);
    public IEnumerable<string> Standards => _standards;
}
