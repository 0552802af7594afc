using System.Collections.Concurrent;
using NtpRules.Engine.Rete;

namespace NtpRules.Engine;

/// <summary>
/// A compiled rule network. Immutable and safe to share between threads; each <see cref="Session"/> keeps its own
/// memories.
/// </summary>
public sealed class Network
{
    private readonly AlphaNode[] _typeNodes;
    private readonly ConcurrentDictionary<object, AlphaNode[]> _dispatch = new();

    internal Network(IReadOnlyList<RuleDefinition> rules, AlphaNode[] typeNodes, RootNode root, int memoryCount,
        NetworkStatistics statistics)
    {
        Rules = rules;
        _typeNodes = typeNodes;
        Root = root;
        MemoryCount = memoryCount;
        Statistics = statistics;
    }

    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>Node counts, showing how much the compiler shared.</summary>
    public NetworkStatistics Statistics { get; }

    internal RootNode Root { get; }

    internal int MemoryCount { get; }

    /// <summary>Compiles rules into a network.</summary>
    public static Network Compile(IEnumerable<RuleDefinition> rules) => new RuleCompiler().Compile(rules);

    public Session CreateSession() => new(this);

    /// <summary>The type nodes a fact enters: records by schema, other facts by CLR type (base types and interfaces
    /// included). Cached per schema or type; the key is a record's schema or another fact's CLR type.</summary>
    internal AlphaNode[] TypeNodesFor(object schemaOrType) =>
        _dispatch.TryGetValue(schemaOrType, out var nodes) ? nodes : AddTypeNodes(schemaOrType);

    // Apart from the lookup above, so that the lookup does not allocate this method's closure on every call.
    private AlphaNode[] AddTypeNodes(object schemaOrType)
    {
        var clrType = schemaOrType as Type ?? typeof(Record);
        var nodes = _typeNodes.Where(n => n.Type!.Schema is { } schema
            ? ReferenceEquals(schema, schemaOrType)
            : n.Type.ClrType.IsAssignableFrom(clrType)).ToArray();
        return _dispatch.GetOrAdd(schemaOrType, nodes);
    }
}
