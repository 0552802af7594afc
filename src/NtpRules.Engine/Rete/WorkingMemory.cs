namespace NtpRules.Engine.Rete;

/// <summary>
/// The facts of one session and their entries. A <see cref="TrackedFact"/> not yet in any session becomes its own entry
/// (claimed with a compare-and-swap, since other sessions may share it) and is listed in chunks; any other object
/// gets a <see cref="WrappedFact"/> in the identity hash table.
/// </summary>
internal sealed class WorkingMemory
{
    private readonly int _session = TrackedFact.NewSessionId();
    private readonly FactSet _wrapped = new();
    private readonly ChunkedList<TrackedFact> _own = new();
    /// <summary>How many <see cref="TrackedFact"/> objects are wrapped: while none is, a free <see cref="TrackedFact"/> cannot
    /// be in the hash table and inserting one needs no lookup there.</summary>
    private int _wrappedFacts;

    /// <summary>The root tokens of tracked facts that have any (see <see cref="RootTokens"/>).</summary>
    private Dictionary<TrackedFact, Token>? _rootTokens;

    public int Count => _wrapped.Count + _own.Count;

    public void AddRootToken(TrackedFact fact, Token token)
    {
        if (fact is WrappedFact wrapped)
        {
            Token.Link(ref wrapped.RootTokens, token);
            return;
        }
        _rootTokens ??= new Dictionary<TrackedFact, Token>(ReferenceEqualityComparer.Instance);
        var head = _rootTokens.GetValueOrDefault(fact);
        Token.Link(ref head, token);
        _rootTokens[fact] = head!;
    }

    public Token? FindRootToken(TrackedFact fact, object node) => fact is WrappedFact wrapped
        ? RootTokens.Find(wrapped.RootTokens, node)
        : RootTokens.Find(_rootTokens?.GetValueOrDefault(fact), node);

    public Token? RemoveRootToken(TrackedFact fact, object node)
    {
        if (fact is WrappedFact wrapped) return RootTokens.Remove(ref wrapped.RootTokens, node);
        if (_rootTokens is null || !_rootTokens.TryGetValue(fact, out var head)) return null;
        var removed = RootTokens.Remove(ref head!, node);
        if (head is null) _rootTokens.Remove(fact);
        else _rootTokens[fact] = head;
        return removed;
    }

    public TrackedFact? Find(object fact)
    {
        if (fact is TrackedFact own)
        {
            if (own.SessionId == _session) return own.Slot >= 0 ? own : null;
            if (_wrappedFacts == 0) return null;
        }
        return _wrapped.Find(fact);
    }

    /// <summary>The new entry of <paramref name="fact"/>; null when it is already in working memory.</summary>
    public TrackedFact? Add(object fact)
    {
        if (fact is TrackedFact own)
        {
            if (own.SessionId == _session) return null;
            if (_wrappedFacts > 0 && _wrapped.Find(fact) is not null) return null;
            if (Interlocked.CompareExchange(ref own.SessionId, _session, 0) == 0)
            {
                own.Slot = _own.Count;
                _own.Add(own);
                return own;
            }
        }
        var wrapped = new WrappedFact(fact);
        if (!_wrapped.Add(wrapped)) return null;
        if (fact is TrackedFact) _wrappedFacts++;
        return wrapped;
    }

    /// <summary>Takes the entry out of working memory; <see cref="Release"/> it once the engine is done with it.</summary>
    public void Remove(TrackedFact entry)
    {
        if (entry is WrappedFact)
        {
            if (_wrapped.Remove(entry) && entry.Value is TrackedFact) _wrappedFacts--;
            return;
        }
        if (entry.SessionId != _session || entry.Slot < 0) return;
        var last = _own.RemoveLast();
        if (!ReferenceEquals(last, entry))
        {
            _own[entry.Slot] = last;
            last.Slot = entry.Slot;
        }
        entry.Slot = -1;
    }

    /// <summary>Lets other sessions claim a removed <see cref="TrackedFact"/>: only after its retraction has propagated,
    /// since until then this session still reads its fields.</summary>
    public void Release(TrackedFact entry)
    {
        if (entry is not WrappedFact && entry.SessionId == _session && entry.Slot < 0)
            Volatile.Write(ref entry.SessionId, 0);
    }

    /// <summary>The facts, in no particular order.</summary>
    public IEnumerable<object> Facts()
    {
        for (var i = 0; i < _own.Count; i++) yield return _own[i];
        foreach (var fact in _wrapped.Facts()) yield return fact;
    }
}
