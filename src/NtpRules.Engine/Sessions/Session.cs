using NtpRules.Engine.Rete;

namespace NtpRules.Engine;

/// <summary>
/// Working memory and agenda over a compiled <see cref="Network"/>. Single-threaded; run one session per thread.
/// Facts are identified by reference. Errors in conditions are collected while facts propagate and thrown as
/// <see cref="RuleConditionException"/> when the operation completes; the session stays usable.
/// </summary>
public sealed class Session
{
    internal readonly object?[] Memories;
    internal readonly Agenda Agenda = new();
    private readonly Network _network;
    internal readonly WorkingMemory WorkingMemory = new();
    private readonly List<AlphaMemory> _reached = [];
    private readonly List<Token> _linkedToRetract = [];
    /// <summary>The activation whose rule is firing, if any.</summary>
    private Activation? _firing;
    /// <summary>The one activation object, reused for every firing.</summary>
    private readonly Activation _activation = new();
    private readonly List<RuleConditionException> _errors = [];
    private readonly ActionContext _context;
    private object? _lastType;
    private AlphaNode[] _lastTypeNodes = [];

    internal Session(Network network)
    {
        _network = network;
        Memories = new object?[network.MemoryCount];
        _context = new ActionContext(this);
        network.Root.Start(this);
    }

    public SessionEvents Events { get; } = new();

    public Network Network => _network;

    /// <summary>Number of facts in working memory.</summary>
    public int FactCount => WorkingMemory.Count;

    /// <summary>Number of activations waiting to fire.</summary>
    public int AgendaCount => Agenda.Count;

    public bool Contains(object fact) => WorkingMemory.Find(fact) is not null;

    public void Insert(object fact)
    {
        if (!TryInsert(fact)) throw AlreadyPresent(fact);
    }

    public bool TryInsert(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (WorkingMemory.Find(fact) is not null) return false;
        InsertFact(fact);
        Complete();
        return true;
    }

    /// <summary>Inserts every fact; throws, inserting none, when one is already in working memory.</summary>
    public void InsertAll(IEnumerable<object> facts)
    {
        var list = facts as IReadOnlyList<object> ?? [.. facts];
        foreach (var fact in list)
            if (fact is null || WorkingMemory.Find(fact) is not null) throw AlreadyPresent(fact);
        for (var i = 0; i < list.Count; i++)
        {
            if (WorkingMemory.Find(list[i]) is null)
            {
                InsertFact(list[i]);
                continue;
            }
            // Listed twice: undo this call's inserts so that none is kept.
            for (var j = i - 1; j >= 0; j--)
                if (WorkingMemory.Find(list[j]) is { } handle) RetractFact(handle);
            _errors.Clear();
            Complete();
            throw AlreadyPresent(list[i]);
        }
        Complete();
    }

    /// <summary>Inserts the facts not yet in working memory; returns how many were inserted.</summary>
    public int TryInsertAll(IEnumerable<object> facts)
    {
        var count = 0;
        foreach (var fact in facts)
        {
            if (fact is null || WorkingMemory.Find(fact) is not null) continue;
            InsertFact(fact);
            count++;
        }
        Complete();
        return count;
    }

    /// <summary>Applies <paramref name="change"/> to the facts present; returns how many there were.</summary>
    private int ForEachPresent(IEnumerable<object> facts, Action<TrackedFact> change)
    {
        var count = 0;
        foreach (var fact in facts)
        {
            if (fact is null || WorkingMemory.Find(fact) is not { } handle) continue;
            change(handle);
            count++;
        }
        Complete();
        return count;
    }

    public void Update(object fact)
    {
        if (!TryUpdate(fact)) throw NotPresent(fact);
    }

    public bool TryUpdate(object fact)
    {
        if (fact is null || WorkingMemory.Find(fact) is not { } handle) return false;
        UpdateFact(handle);
        Complete();
        return true;
    }

    /// <summary>Updates every fact; throws, updating none, when one is not in working memory.</summary>
    public void UpdateAll(IEnumerable<object> facts) => ForEachPresent(AllPresent(facts), UpdateFact);

    public int TryUpdateAll(IEnumerable<object> facts) => ForEachPresent(facts, UpdateFact);

    public void Retract(object fact)
    {
        if (!TryRetract(fact)) throw NotPresent(fact);
    }

    public bool TryRetract(object fact)
    {
        if (fact is null || WorkingMemory.Find(fact) is not { } handle) return false;
        RetractFact(handle);
        Complete();
        return true;
    }

    /// <summary>Retracts every fact; throws, retracting none, when one is not in working memory.</summary>
    public void RetractAll(IEnumerable<object> facts) => ForEachPresent(AllPresent(facts), RetractFact);

    public int TryRetractAll(IEnumerable<object> facts) => ForEachPresent(facts, RetractFact);

    /// <summary>
    /// Fires activations, highest priority then most recent first, until the agenda is empty or
    /// <paramref name="maxRules"/> rules fired. Returns how many fired.
    /// </summary>
    public int Fire(int maxRules = int.MaxValue, CancellationToken cancellationToken = default)
    {
        // Actions change working memory through their context; firing from inside one would interleave two firings.
        if (_firing is not null) throw new InvalidOperationException("Fire cannot be called from a rule's action.");
        Complete();
        var fired = 0;
        while (fired < maxRules && Agenda.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = Agenda.Pop();
            var activation = _activation.Start(entry);
            fired++;
            try
            {
                FireOne(activation);
            }
            catch (RuleActionException)
            {
                // Leave working memory consistent; condition errors of this firing surface with the next operation.
                RetractLinkedOfDeleted();
                throw;
            }
            Complete();
        }
        return fired;
    }

    /// <summary>The facts in working memory of type <typeparamref name="T"/> (including derived and implementing types).</summary>
    public IReadOnlyList<T> Query<T>()
    {
        var result = new List<T>();
        foreach (var fact in WorkingMemory.Facts())
            if (fact is T typed) result.Add(typed);
        return result;
    }

    /// <summary>The records of <paramref name="schema"/> in working memory.</summary>
    public IReadOnlyList<Record> Query(RecordSchema schema)
    {
        var result = new List<Record>();
        foreach (var fact in WorkingMemory.Facts())
            if (fact is Record record && ReferenceEquals(record.Schema, schema)) result.Add(record);
        return result;
    }

    internal TrackedFact? Find(object fact) => WorkingMemory.Find(fact);

    internal TrackedFact InsertFact(object fact)
    {
        var handle = WorkingMemory.Add(fact) ?? throw AlreadyPresent(fact);
        Events.OnFactInserted(fact);
        var reached = Reach(fact);
        handle.Memories = Pack(reached);
        foreach (var memory in reached)
            foreach (var sink in memory.Sinks) sink.Assert(this, handle);
        return handle;
    }

    internal void UpdateFact(TrackedFact handle)
    {
        var before = handle.Memories;
        var after = Reach(handle.Value);
        Events.OnFactUpdated(handle.Value);
        foreach (var memory in before)
        {
            if (after.Contains(memory)) continue;
            foreach (var sink in memory.Sinks) sink.Retract(this, handle);
        }
        handle.Memories = Pack(after);
        foreach (var memory in after)
        {
            var was = Array.IndexOf(before, memory) >= 0;
            foreach (var sink in memory.Sinks)
            {
                if (was) sink.Modify(this, handle);
                else sink.Assert(this, handle);
            }
        }
    }

    internal void RetractFact(TrackedFact handle)
    {
        WorkingMemory.Remove(handle);
        Events.OnFactRetracted(handle.Value);
        var memories = handle.Memories;
        handle.Memories = [];
        foreach (var memory in memories)
            foreach (var sink in memory.Sinks) sink.Retract(this, handle);
        if (handle.Owner is { } owner)
        {
            if (!_context.Forget(handle)) owner.RemoveLinked(handle);
            handle.Owner = null;
        }
        handle.Link = null;
        WorkingMemory.Release(handle);
    }

    /// <summary>Records a failing condition; thrown when the current operation completes.</summary>
    internal void ConditionFailed(string[] rules, string? condition, object[] facts, Exception error) =>
        _errors.Add(new RuleConditionException(rules, condition, facts, error));

    /// <summary>
    /// A rule's match went away: a firing of it is marked deleted, and the facts linked to the match are retracted
    /// when the current operation completes. (Every rule on a token hears of its retraction, so the token's linked
    /// facts are retracted together.)
    /// </summary>
    internal void MatchRetracted(TerminalNode terminal, Token token)
    {
        if (_firing is { } firing && ReferenceEquals(firing.Token, token) && ReferenceEquals(firing.Terminal, terminal))
            firing.Deleted = true;
        if (token.FirstLinked is not null && (_linkedToRetract.Count == 0 || !ReferenceEquals(_linkedToRetract[^1], token)))
            _linkedToRetract.Add(token);
    }

    private void FireOne(Activation activation)
    {
        Events.OnRuleFiring(activation);
        var rule = activation.Terminal.Rule;
        // The facts linked by the previous firing; the action takes back those it links again.
        var token = activation.Token;
        var previous = activation.Fresh ? null : token.TakeLinked(activation.Terminal);
        _firing = activation;
        _context.Begin(activation, previous);
        Exception? failure = null;
        try
        {
            foreach (var action in activation.Terminal.Actions) action(_context);
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            previous = _context.End();
            _firing = null;
        }
        if (failure is not null)
        {
            // A failed action changes no links: what it did not take back stays linked.
            while (previous is not null)
            {
                var next = previous.NextLinked;
                previous.NextLinked = null;
                if (activation.Deleted) RetractFact(previous);
                else token.AddLinked(previous, previous.Link!);
                previous = next;
            }
            var exception = new RuleActionException(rule, new Bindings(activation.Token).ToArray(), failure);
            if (!Events.OnActionFailed(exception)) throw exception;
            return;
        }
        // Linked facts the action did not produce again are stale.
        while (previous is not null)
        {
            var next = previous.NextLinked;
            previous.NextLinked = null;
            RetractFact(previous);
            previous = next;
        }
        Events.OnRuleFired(activation);
    }

    /// <summary>Ends an operation: retracts the linked facts of deleted activations, then reports condition errors.</summary>
    private void Complete()
    {
        RetractLinkedOfDeleted();
        if (_errors.Count == 0) return;
        var first = _errors[0];
        _errors.Clear();
        throw first;
    }

    private void RetractLinkedOfDeleted()
    {
        for (var i = 0; i < _linkedToRetract.Count; i++)
        {
            var token = _linkedToRetract[i];
            while (token.FirstLinked is { } linked) RetractFact(linked);
        }
        _linkedToRetract.Clear();
    }

    private List<AlphaMemory> Reach(object fact)
    {
        _reached.Clear();
        object key = fact is Record record ? record.Schema : fact.GetType();
        if (!ReferenceEquals(key, _lastType))
        {
            _lastTypeNodes = _network.TypeNodesFor(key);
            _lastType = key;
        }
        foreach (var type in _lastTypeNodes) type.Collect(this, fact, _reached);
        return _reached;
    }

    private static AlphaMemory[] Pack(List<AlphaMemory> memories) => memories.Count switch
    {
        0 => [],
        1 => memories[0].Alone,
        _ => memories.ToArray(),
    };

    /// <summary>The facts, after checking that every one is in working memory.</summary>
    private List<object> AllPresent(IEnumerable<object> facts)
    {
        var list = facts.ToList();
        foreach (var fact in list)
            if (fact is null || WorkingMemory.Find(fact) is null) throw NotPresent(fact);
        return list;
    }

    private static ArgumentException AlreadyPresent(object? fact) =>
        new($"The fact '{fact}' is null or already in working memory.", nameof(fact));

    private static ArgumentException NotPresent(object? fact) =>
        new($"The fact '{fact}' is not in working memory.", nameof(fact));
}
