namespace NtpRules.Engine.Rete;

/// <summary>
/// Aggregates the facts matching each partial match, one <see cref="AggregateResult"/> per partial match or per
/// group. Inserting a source fact updates the results incrementally; retracting or changing one recomputes only the
/// results of its key.
/// </summary>
internal sealed class AggregateNode(int id, JoinKey? join, JoinCondition[] conditions, Aggregator aggregator,
    Func<object, object?>? groupBy, string? groupByKey) : TwoInputNode<AggregateNode.Entry>(id, join, conditions),
    ITokenSink, IFactSink
{
    private static readonly object NullGroup = new();
    private readonly AggregateKind _kind = aggregator.Kind;
    private readonly Func<object, double>? _selector = aggregator.Selector;

    /// <summary>The aggregate state of one partial match.</summary>
    internal sealed class Entry(Token token)
    {
        public readonly Token Token = token;
        public AggregateResult? Single;
        public Dictionary<object, AggregateResult>? Groups;
    }

    public void Assert(Session session, Token token)
    {
        var memory = MemoryOf(session);
        var key = LeftKeyOf(session, token);
        var entry = new Entry(token);
        memory.Left.Add(key, entry);
        Recompute(session, entry, memory.Right.Get(key), touched: null, parentChanged: false);
    }

    public void Modify(Session session, Token token)
    {
        var memory = MemoryOf(session);
        var key = LeftKeyOf(session, token);
        var entry = memory.Left.Remove(key, e => ReferenceEquals(e.Token, token));
        if (entry is null) return;
        memory.Left.Add(key, entry);
        Recompute(session, entry, memory.Right.Get(key), touched: null, parentChanged: true);
    }

    public void Retract(Session session, Token token)
    {
        MemoryOf(session).Left.Remove(LeftKeyOf(session, token), e => ReferenceEquals(e.Token, token));
        RetractChildren(session, token);
    }

    public void Assert(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        if (memory.Left.Get(AddRight(session, memory, fact)) is not { } entries) return;
        foreach (var entry in entries.Items)
        {
            if (!Matches(session, entry.Token, fact.Value)) continue;
            if (groupBy is null)
            {
                Add(session, entry.Single!, fact.Value);
                EmitModify(session, entry.Single!.Child!);
                continue;
            }
            var group = GroupOf(session, fact.Value);
            entry.Groups ??= new Dictionary<object, AggregateResult>();
            if (entry.Groups.TryGetValue(group, out var result))
            {
                Add(session, result, fact.Value);
                EmitModify(session, result.Child!);
            }
            else
            {
                result = NewResult(group);
                Add(session, result, fact.Value);
                entry.Groups[group] = result;
                result.Child = EmitAssert(session, entry.Token, result, binding: true);
            }
        }
    }

    public void Modify(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        var key = RightKeyOf(session, fact.Value);
        if (MoveRight(memory, key, fact, out var oldKey)) RecomputeAll(session, memory, oldKey, fact.Value);
        RecomputeAll(session, memory, key, fact.Value);
    }

    public void Retract(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        if (memory.Right.Remove(RightKeyOf(session, fact.Value), fact, out var oldKey))
            RecomputeAll(session, memory, oldKey, fact.Value);
    }

    private void RecomputeAll(Session session, Memory memory, object? key, object touched)
    {
        if (memory.Left.Get(key) is not { } entries) return;
        var facts = memory.Right.Get(key);
        foreach (var entry in entries.Items) Recompute(session, entry, facts, touched, parentChanged: false);
    }

    /// <summary>
    /// Recomputes an entry's results from the facts under its key and propagates the differences. A result whose
    /// values did not change is propagated as modified only when its parent changed or it collects the touched fact.
    /// </summary>
    private void Recompute(Session session, Entry entry, Bucket<TrackedFact>? facts, object? touched, bool parentChanged)
    {
        if (groupBy is null)
        {
            var fresh = NewResult(null);
            if (facts is not null)
                foreach (var fact in facts.Items)
                    if (Matches(session, entry.Token, fact.Value)) Add(session, fresh, fact.Value);
            if (entry.Single is null)
            {
                entry.Single = fresh;
                fresh.Child = EmitAssert(session, entry.Token, fresh, binding: true);
            }
            else if (CopyIfChanged(fresh, entry.Single, touched) || parentChanged)
            {
                EmitModify(session, entry.Single.Child!);
            }
            return;
        }

        var groups = new Dictionary<object, AggregateResult>();
        if (facts is not null)
        {
            foreach (var fact in facts.Items)
            {
                if (!Matches(session, entry.Token, fact.Value)) continue;
                var group = GroupOf(session, fact.Value);
                if (!groups.TryGetValue(group, out var result)) groups[group] = result = NewResult(group);
                Add(session, result, fact.Value);
            }
        }
        var old = entry.Groups;
        entry.Groups = null;
        if (old is not null)
        {
            foreach (var (group, result) in old)
            {
                if (!groups.TryGetValue(group, out var fresh))
                {
                    EmitRetract(session, result.Child!);
                    continue;
                }
                if (CopyIfChanged(fresh, result, touched) || parentChanged) EmitModify(session, result.Child!);
                groups[group] = result;
            }
        }
        foreach (var (group, result) in groups)
            if (result.Child is null) result.Child = EmitAssert(session, entry.Token, result, binding: true);
        entry.Groups = groups.Count == 0 ? null : groups;
    }

    private AggregateResult NewResult(object? group) =>
        new(_kind, ReferenceEquals(group, NullGroup) ? null : group)
        {
            ItemList = _kind == AggregateKind.Collect ? [] : null,
        };

    private object GroupOf(Session session, object fact)
    {
        try
        {
            return groupBy!(fact) ?? NullGroup;
        }
        catch (Exception e)
        {
            session.ConditionFailed(RuleNames, groupByKey, [fact], e);
            return NullGroup;
        }
    }

    private void Add(Session session, AggregateResult result, object fact)
    {
        result.Count++;
        result.ItemList?.Add(fact);
        if (_selector is null) return;
        double value;
        try
        {
            value = _selector(fact);
        }
        catch (Exception e)
        {
            session.ConditionFailed(RuleNames, aggregator.Key, [fact], e);
            value = double.NaN;
        }
        result.Sum += value;
        if (_kind == AggregateKind.Min && !(result.Min <= value)) result.Min = value;
        if (_kind == AggregateKind.Max && !(result.Max >= value)) result.Max = value;
    }

    /// <summary>Copies <paramref name="fresh"/>'s values into <paramref name="target"/>; true when they differed.</summary>
    private static bool CopyIfChanged(AggregateResult fresh, AggregateResult target, object? touched)
    {
        var changed = fresh.Count != target.Count || !fresh.Sum.Equals(target.Sum) || !fresh.Min.Equals(target.Min)
            || !fresh.Max.Equals(target.Max);
        if (fresh.ItemList is not null)
        {
            changed |= touched is not null && fresh.ItemList.Contains(touched)
                || !fresh.ItemList.SequenceEqual(target.ItemList!);
            target.ItemList = fresh.ItemList;
        }
        target.Count = fresh.Count;
        target.Sum = fresh.Sum;
        target.Min = fresh.Min;
        target.Max = fresh.Max;
        return changed;
    }
}
