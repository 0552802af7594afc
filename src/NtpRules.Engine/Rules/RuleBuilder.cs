namespace NtpRules.Engine;

/// <summary>
/// Builds a <see cref="RuleDefinition"/>. Elements are matched in the order they are added; patterns and aggregates
/// bind declarations numbered from 0.
/// </summary>
public sealed class RuleBuilder
{
    private readonly string _name;
    private readonly List<object> _elements = [];
    private readonly List<string> _declarations = [];
    private readonly List<Action<ActionContext>> _actions = [];
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private string _description = "";
    private int _priority;

    public RuleBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _name = name;
    }

    public RuleBuilder Description(string description)
    {
        _description = description ?? "";
        return this;
    }

    /// <summary>Higher fires first; default 0.</summary>
    public RuleBuilder Priority(int priority)
    {
        _priority = priority;
        return this;
    }

    public RuleBuilder Metadata(string key, string value)
    {
        _metadata[key] = value;
        return this;
    }

    /// <summary>A pattern binding facts of <paramref name="type"/> as the next declaration.</summary>
    public ElementBuilder Pattern(string name, FactType type) => Add(ElementBuilder.ElementKind.Pattern, name, type, null);

    /// <summary>A typed pattern with an optional condition (shared between rules only when <paramref name="key"/> is given).</summary>
    public ElementBuilder Match<T>(string name, Func<T, bool>? condition = null, string? key = null)
    {
        var element = Pattern(name, FactType.Of<T>());
        return condition is null ? element : element.Where(condition, key);
    }

    public ElementBuilder Not(FactType type) => Add(ElementBuilder.ElementKind.Not, null, type, null);

    public ElementBuilder Exists(FactType type) => Add(ElementBuilder.ElementKind.Exists, null, type, null);

    /// <summary>An aggregate over facts of <paramref name="source"/>, binding an <see cref="AggregateResult"/>.</summary>
    public ElementBuilder Aggregate(string name, FactType source, Aggregator aggregator)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        return Add(ElementBuilder.ElementKind.Aggregate, name, source, aggregator);
    }

    /// <summary>A test over the bindings so far.</summary>
    public RuleBuilder Test(string? key, Func<Bindings, bool> test)
    {
        _elements.Add(new TestElement(new TupleCondition(key, test)));
        return this;
    }

    /// <summary>An action run when the rule fires; several run in order.</summary>
    public RuleBuilder Then(Action<ActionContext> action)
    {
        _actions.Add(action ?? throw new ArgumentNullException(nameof(action)));
        return this;
    }

    public RuleDefinition Build()
    {
        if (_elements.Count == 0) throw new InvalidOperationException($"Rule '{_name}' has no conditions.");
        var elements = _elements.Select(e => e as RuleElement ?? ((ElementBuilder)e).Build()).ToArray();
        return new RuleDefinition(_name, _description, _priority, new Dictionary<string, string>(_metadata),
            elements, [.. _declarations], [.. _actions]);
    }

    private ElementBuilder Add(ElementBuilder.ElementKind kind, string? name, FactType type, Aggregator? aggregator)
    {
        ArgumentNullException.ThrowIfNull(type);
        var binds = kind is ElementBuilder.ElementKind.Pattern or ElementBuilder.ElementKind.Aggregate;
        if (binds)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (_declarations.Contains(name))
                throw new ArgumentException($"Rule '{_name}' already declares '{name}'.", nameof(name));
        }
        var element = new ElementBuilder(kind, name, binds ? _declarations.Count : -1, type, aggregator);
        if (binds) _declarations.Add(name!);
        _elements.Add(element);
        return element;
    }
}
