namespace NtpRules.Engine.Rete;

/// <summary>
/// Aggregates the facts matching each partial match, one <see cref="AggregateResult"/> per partial match or per
/// group. Inserting a source fact updates the results incrementally. Changing one in place (a derived indicator set
/// on a household) is incremental too when the fact stays in the same result with the same selected value: the
/// partial match remembers, for large groups, which result each fact is in (<see cref="AggregateResult.Members"/>).
/// Other changes and retractions recompute only the results of the fact's key.
/// </summary>
internal sealed class AggregateNode(int id, JoinKey? join, JoinCondition[] conditions, Aggregator aggregator,
    Func<object, object?>? groupBy, string? groupByKey) : TwoInputNode<AggregateResult>(id, join, conditions),
    ITokenSink, IFactSink
{
    private static readonly object NullGroup = new();
    /// <summary>From this many facts under a key, a partial match remembers its members so that an update in place
    /// does not recompute the whole group (below it a recompute is as cheap as the bookkeeping).</summary>
    internal const int MembersFrom = 16;
    private readonly AggregateKind _kind = aggregator.Kind;
    private readonly Func<object, double>? _selector = aggregator.Selector;

    public void Assert(Session session, Token token)
    {
        var memory = MemoryOf(session);
        var key = LeftKeyOf(session, token);
        var entry = NewResult(null);
        entry.Parent = token;
        memory.AddLeft(key, entry);
        Recompute(session, entry, memory.Right(key), touched: null, parentChanged: false);
    }

    public void Modify(Session session, Token token)
    {
        var memory = MemoryOf(session);
        var key = LeftKeyOf(session, token);
        if (memory.FindLeft(key, token, static (e, t) => ReferenceEquals(e.Parent, t)) is not { } entry) return;
        memory.RelocateLeft(key, entry);
        Recompute(session, entry, memory.Right(key), touched: null, parentChanged: true);
    }

    public void Retract(Session session, Token token)
    {
        var memory = MemoryOf(session);
        var key = LeftKeyOf(session, token);
        if (memory.FindLeft(key, token, static (e, t) => ReferenceEquals(e.Parent, t)) is { } entry) memory.RemoveLeft(key, entry, out _);
        RetractChildren(session, token);
    }

    public void Assert(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        foreach (var entry in memory.AddRight(RightKeyOf(session, fact.Value), fact))
        {
            if (!Matches(session, entry.Parent!, fact.Value)) continue;
            if (groupBy is null)
            {
                Remember(entry, fact.Value, null, Add(session, entry, fact.Value));
                EmitModify(session, entry.Child!);
                continue;
            }
            var group = GroupOf(session, fact.Value);
            entry.Groups ??= new Dictionary<object, AggregateResult>();
            if (entry.Groups.TryGetValue(group, out var result))
            {
                Remember(entry, fact.Value, group, Add(session, result, fact.Value));
                EmitModify(session, result.Child!);
            }
            else
            {
                result = NewResult(group);
                Remember(entry, fact.Value, group, Add(session, result, fact.Value));
                entry.Groups[group] = result;
                result.Child = EmitAssert(session, entry.Parent!, result, binding: true);
            }
        }
    }

    public void Modify(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        var key = RightKeyOf(session, fact.Value);
        if (memory.RelocateRight(key, fact, out var oldKey))
        {
            RecomputeAll(session, memory, oldKey, fact.Value);
            RecomputeAll(session, memory, key, fact.Value);
            return;
        }
        var facts = memory.Right(key);
        foreach (var entry in memory.Left(key))
            if (!UpdatedInPlace(session, entry, fact.Value)) Recompute(session, entry, facts, fact.Value, parentChanged: false);
    }

    /// <summary>
    /// Handles a change to a fact that stays under its key without a recompute, when the partial match knows its
    /// members and the fact stays in the same result with the same selected value: then only the result's consumers
    /// are told (a collected fact changed; a count, sum, minimum or maximum did not). False when a recompute is needed.
    /// </summary>
    private bool UpdatedInPlace(Session session, AggregateResult entry, object fact)
    {
        if (entry.Members is null || !entry.Members.TryGetValue(fact, out var member)) return false;
        if (!Matches(session, entry.Parent!, fact)) return false;
        var result = entry;
        if (groupBy is not null)
        {
            var group = GroupOf(session, fact);
            if (!Equals(group, member.Group) || entry.Groups?.GetValueOrDefault(group) is not { } grouped) return false;
            result = grouped;
        }
        if (_selector is not null && !Select(session, fact).Equals(member.Value)) return false;
        if (result.ItemList is not null) EmitModify(session, result.Child!);
        return true;
    }

    public void Retract(Session session, TrackedFact fact)
    {
        var memory = MemoryOf(session);
        if (memory.RemoveRight(RightKeyOf(session, fact.Value), fact, out var oldKey))
            RecomputeAll(session, memory, oldKey, fact.Value);
    }

    private void RecomputeAll(Session session, JoinIndex<AggregateResult> memory, object? key, object touched)
    {
        var facts = memory.Right(key);
        foreach (var entry in memory.Left(key)) Recompute(session, entry, facts, touched, parentChanged: false);
    }

    /// <summary>
    /// Recomputes a partial match's results from the facts under its key and propagates the differences. A result
    /// whose values did not change is propagated as modified only when its parent changed or it collects the touched
    /// fact. For an ungrouped aggregate the entry is the result itself, bound once its first computation is done.
    /// </summary>
    private void Recompute(Session session, AggregateResult entry, ReadOnlySpan<TrackedFact> facts, object? touched,
        bool parentChanged)
    {
        var parent = entry.Parent!;
        if (groupBy is null)
        {
            var first = entry.Child is null;
            var fresh = first ? entry : NewResult(null);
            entry.Members = NewMembers(facts.Length);
            foreach (var fact in facts)
                if (Matches(session, parent, fact.Value))
                    Remember(entry, fact.Value, null, Add(session, fresh, fact.Value));
            if (first) entry.Child = EmitAssert(session, parent, entry, binding: true);
            else if (CopyIfChanged(fresh, entry, touched) || parentChanged) EmitModify(session, entry.Child!);
            return;
        }

        var groups = new Dictionary<object, AggregateResult>();
        entry.Members = NewMembers(facts.Length);
        foreach (var fact in facts)
        {
            if (!Matches(session, parent, fact.Value)) continue;
            var group = GroupOf(session, fact.Value);
            if (!groups.TryGetValue(group, out var result)) groups[group] = result = NewResult(group);
            Remember(entry, fact.Value, group, Add(session, result, fact.Value));
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
            if (result.Child is null) result.Child = EmitAssert(session, parent, result, binding: true);
        entry.Groups = groups.Count == 0 ? null : groups;
    }

    private static void Remember(AggregateResult entry, object fact, object? group, double value)
    {
        if (entry.Members is not null) entry.Members[fact] = new AggregateMember(group, value);
    }

    private static Dictionary<object, AggregateMember>? NewMembers(int facts) =>
        facts < MembersFrom ? null : new Dictionary<object, AggregateMember>(facts, ReferenceEqualityComparer.Instance);

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

    /// <summary>Adds a fact to a result; returns its selected value (NaN without a selector).</summary>
    private double Add(Session session, AggregateResult result, object fact)
    {
        result.Count++;
        result.ItemList?.Add(fact);
        if (_selector is null) return double.NaN;
        var value = Select(session, fact);
        result.Sum += value;
        if (_kind == AggregateKind.Min && !(result.Min <= value)) result.Min = value;
        if (_kind == AggregateKind.Max && !(result.Max >= value)) result.Max = value;
        return value;
    }

    private double Select(Session session, object fact)
    {
        try
        {
            return _selector!(fact);
        }
        catch (Exception e)
        {
            session.ConditionFailed(RuleNames, aggregator.Key, [fact], e);
            return double.NaN;
        }
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

/// <summary>Where a fact sits in a partial match's aggregate: its group (null when ungrouped) and selected value.</summary>
internal readonly record struct AggregateMember(object? Group, double Value);
