using NtpRules.Engine.Rete;

namespace NtpRules.Engine;

/// <summary>
/// What a firing rule's action sees: the rule, its bound facts, and operations on working memory. Changes
/// propagate at once. One instance is reused for every firing of a session: do not keep it.
/// </summary>
public sealed class ActionContext
{
    private readonly Session _session;
    private Activation? _activation;
    /// <summary>The facts the firing activation linked last time and has not linked again yet.</summary>
    private TrackedFact? _previous;

    internal ActionContext(Session session) => _session = session;

    public RuleDefinition Rule => Current.Terminal.Rule;

    public Bindings Facts => new(Current.Token);

    public object this[int declaration] => Facts[declaration];

    public T Get<T>(int declaration) => (T)Facts[declaration];

    public T Get<T>(string declaration)
    {
        var index = Rule.IndexOf(declaration);
        if (index < 0) throw new ArgumentException($"Rule '{Rule.Name}' declares no '{declaration}'.", nameof(declaration));
        return (T)Facts[index];
    }

    public void Insert(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (_session.Contains(fact)) throw new ArgumentException($"The fact '{fact}' is already in working memory.", nameof(fact));
        _session.InsertFact(fact);
    }

    public bool TryInsert(object fact)
    {
        if (fact is null || _session.Contains(fact)) return false;
        _session.InsertFact(fact);
        return true;
    }

    public void Update(object fact)
    {
        if (fact is null || _session.Find(fact) is not { } handle)
            throw new ArgumentException($"The fact '{fact}' is not in working memory.", nameof(fact));
        _session.UpdateFact(handle);
    }

    public void Retract(object fact)
    {
        if (fact is null || _session.Find(fact) is not { } handle)
            throw new ArgumentException($"The fact '{fact}' is not in working memory.", nameof(fact));
        _session.RetractFact(handle);
    }

    /// <summary>
    /// Inserts <paramref name="fact"/> linked to this match under <paramref name="key"/>. When the match changes, the
    /// rule fires again: facts it links again under the same key are updated (or replaced, when a different object
    /// is given), and facts it does not link again are retracted. When the match goes away its linked facts are
    /// retracted. Ignored when the action has already removed its own match.
    /// </summary>
    public void InsertLinked(object key, object fact)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(fact);
        var activation = Current;
        if (activation.Deleted) return;
        var link = activation.Terminal.Links.For(key);
        var token = activation.Token;
        // A first firing that has linked nothing yet has nothing linked to replace.
        var existing = activation.Fresh && activation.Linked == 0 ? null : token.FindLinked(link);
        if (existing is null && TakePrevious(link) is { } previous)
        {
            existing = previous;
            token.AddLinked(previous, link);
        }
        if (existing is not null)
        {
            if (ReferenceEquals(existing.Value, fact))
            {
                _session.UpdateFact(existing);
                return;
            }
            _session.RetractFact(existing);
        }
        var handle = _session.InsertFact(fact);
        token.AddLinked(handle, link);
        activation.Linked++;
    }

    /// <summary>Same as <see cref="InsertLinked"/>: links <paramref name="fact"/> under <paramref name="key"/>, updating
    /// or replacing what was linked there.</summary>
    public void UpdateLinked(object key, object fact) => InsertLinked(key, fact);

    /// <summary>Retracts the fact linked under <paramref name="key"/>, if any.</summary>
    public bool RetractLinked(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var link = Current.Terminal.Links.For(key);
        if ((Current.Token.FindLinked(link) ?? TakePrevious(link)) is not { } handle) return false;
        _session.RetractFact(handle);
        return true;
    }

    /// <summary>The facts this firing has linked so far (including those linked before and linked again).</summary>
    public IReadOnlyList<object> Linked
    {
        get
        {
            var result = new List<object>();
            var terminal = Current.Terminal;
            for (var h = Current.Token.FirstLinked; h is not null; h = h.NextLinked)
                if (ReferenceEquals(h.Link!.Terminal, terminal)) result.Add(h.Value);
            return result;
        }
    }

    internal void Begin(Activation activation, TrackedFact? previous)
    {
        _activation = activation;
        _previous = previous;
    }

    /// <summary>Ends the firing; returns the previously linked facts the action did not link again.</summary>
    internal TrackedFact? End()
    {
        var rest = _previous;
        _activation = null;
        _previous = null;
        return rest;
    }

    /// <summary>A linked fact leaves working memory during the firing: drop it from the facts to take back.</summary>
    internal bool Forget(TrackedFact handle) => _previous is not null && Unlink(handle, null) is not null;

    private TrackedFact? TakePrevious(LinkSlot link) => Unlink(null, link);

    /// <summary>Takes <paramref name="handle"/>, or the handle linked under <paramref name="link"/>, out of the previous facts.</summary>
    private TrackedFact? Unlink(TrackedFact? handle, LinkSlot? link)
    {
        TrackedFact? before = null;
        for (var h = _previous; h is not null; before = h, h = h.NextLinked)
        {
            if (handle is not null ? !ReferenceEquals(h, handle) : !ReferenceEquals(h.Link, link)) continue;
            if (before is null) _previous = h.NextLinked;
            else before.NextLinked = h.NextLinked;
            h.NextLinked = null;
            return h;
        }
        return null;
    }

    private Activation Current => _activation ?? throw new InvalidOperationException("No rule is firing.");
}
