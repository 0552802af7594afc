using NtpRules.Engine.Rete;

namespace NtpRules.Engine;

/// <summary>
/// Compiles rule definitions into a <see cref="Network"/>. Alpha conditions with the same key on the same fact
/// type share nodes; beta nodes are shared between rules whose element chains are identical up to that point
/// (identified by their parts' keys; an element with an unkeyed part is never shared).
/// </summary>
internal sealed class RuleCompiler
{
    private readonly Dictionary<FactType, AlphaNode> _types = new();
    private readonly Dictionary<(AlphaNode, string), AlphaNode> _alpha = new();
    private readonly Dictionary<string, BetaNode> _beta = new(StringComparer.Ordinal);
    private readonly List<BetaNode> _betaNodes = [];
    private int _nextId;
    private int _alphaNodes;
    private int _alphaMemories;

    public Network Compile(IEnumerable<RuleDefinition> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in list)
            if (!names.Add(rule.Name)) throw new ArgumentException($"Two rules are named '{rule.Name}'.", nameof(rules));

        var root = new RootNode(_nextId++);
        foreach (var rule in list) CompileRule(rule, root);

        foreach (var type in _types.Values) type.Freeze();
        root.Freeze();
        foreach (var node in _betaNodes) node.Freeze();
        var statistics = new NetworkStatistics(list.Length, _types.Count, _alphaNodes, _alphaMemories, _betaNodes.Count,
            _types.Values.Sum(t => t.SwitchCount));
        return new Network(list, [.. _types.Values], root, _nextId, statistics);
    }

    private void CompileRule(RuleDefinition rule, RootNode root)
    {
        BetaNode? parent = null;
        foreach (var element in rule.Elements)
        {
            BetaNode node;
            switch (element)
            {
                case PatternElement p when parent is null:
                    if (p.JoinKeys.Count > 0 || p.JoinConditions.Count > 0)
                        throw new ArgumentException($"Rule '{rule.Name}': the first pattern cannot join.");
                    var memory = Memory(p.Type, p.Conditions, rule);
                    node = Share($"A{memory.Id}", () => new AdapterNode(_nextId++), n => memory.SinkList.Add((AdapterNode)n));
                    break;
                case PatternElement p:
                    node = TwoInput(parent, "J", Memory(p.Type, p.Conditions, rule), p.JoinKeys, p.JoinConditions, "",
                        (join, conditions) => new JoinNode(_nextId++, join, conditions));
                    break;
                case ExistenceElement e:
                    node = TwoInput(parent ?? root, e.Negated ? "N" : "E", Memory(e.Type, e.Conditions, rule), e.JoinKeys,
                        e.JoinConditions, "", (join, conditions) => new ExistenceNode(_nextId++, e.Negated, join, conditions));
                    break;
                case AggregateElement a:
                    var signature = a.Aggregator.Key is null || (a.GroupBy is not null && a.GroupByKey is null)
                        ? null
                        : $"{a.Aggregator.Key}|{a.GroupByKey}";
                    node = TwoInput(parent ?? root, "G", Memory(a.Source, a.Conditions, rule), a.JoinKeys, a.JoinConditions,
                        signature, (join, conditions) =>
                            new AggregateNode(_nextId++, join, conditions, a.Aggregator, a.GroupBy, a.GroupByKey));
                    break;
                case TestElement t:
                    var left = parent ?? root;
                    node = Share(t.Condition.Key is null ? null : $"T{left.Id}|{t.Condition.Key}",
                        () => new TestNode(_nextId++, t.Condition), n => left.SinkList.Add((TestNode)n));
                    break;
                default:
                    throw new ArgumentException($"Rule '{rule.Name}' has an unknown element {element.GetType().Name}.");
            }
            node.Rules.Add(rule.Name);
            parent = node;
        }
        parent!.SinkList.Add(new TerminalNode(rule));
    }

    private BetaNode TwoInput(BetaNode parent, string kind, AlphaMemory memory, IReadOnlyList<JoinKey> joinKeys,
        IReadOnlyList<JoinCondition> joinConditions, string? signature, Func<JoinKey?, JoinCondition[], BetaNode> create)
    {
        // The first equality is hash-indexed; further ones are checked as conditions.
        var join = joinKeys.Count > 0 ? joinKeys[0] : null;
        var conditions = joinKeys.Skip(1).Select(k => new JoinCondition(k.Key,
            (b, f) => k.Left(b) is { } left && k.Right(f) is { } right && left.Equals(right)))
            .Concat(joinConditions).ToArray();
        string? key = null;
        if (signature is not null && joinKeys.All(k => k.Key is not null) && joinConditions.All(c => c.Key is not null))
        {
            key = $"{kind}{parent.Id}|{memory.Id}|{signature}|{string.Join(",", joinKeys.Select(k => k.Key))}|"
                + string.Join(",", joinConditions.Select(c => c.Key));
        }
        return Share(key, () => create(join, conditions), node =>
        {
            parent.SinkList.Add((ITokenSink)node);
            memory.SinkList.Add((IFactSink)node);
        });
    }

    private BetaNode Share(string? key, Func<BetaNode> create, Action<BetaNode> connect)
    {
        if (key is not null && _beta.TryGetValue(key, out var existing)) return existing;
        var node = create();
        connect(node);
        _betaNodes.Add(node);
        if (key is not null) _beta[key] = node;
        return node;
    }

    private AlphaMemory Memory(FactType type, IReadOnlyList<FactCondition> conditions, RuleDefinition rule)
    {
        if (!_types.TryGetValue(type, out var node)) _types[type] = node = new AlphaNode(type, null);
        node.Rules.Add(rule.Name);
        foreach (var condition in conditions)
        {
            AlphaNode? child = null;
            if (condition.Key is not null) _alpha.TryGetValue((node, condition.Key), out child);
            if (child is null)
            {
                child = new AlphaNode(null, condition);
                node.ChildList.Add(child);
                _alphaNodes++;
                if (condition.Key is not null) _alpha[(node, condition.Key)] = child;
            }
            child.Rules.Add(rule.Name);
            node = child;
        }
        if (node.Memory is null)
        {
            node.Memory = new AlphaMemory(_alphaMemories++);
        }
        return node.Memory;
    }
}
