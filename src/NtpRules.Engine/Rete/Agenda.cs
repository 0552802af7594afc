namespace NtpRules.Engine.Rete;

/// <summary>
/// Pending activations, highest rule priority first, then most recent first. An activation is a rule (its terminal
/// node) and a match (its token); the agenda holds them as plain entries, not objects, because a session may queue
/// millions at once (every rule for every inserted fact) and each object would be traced by every collection until
/// it fires. Whether a rule is queued for a match is a bit on the token (<see cref="Token.IsPending"/>); an entry is
/// live while its bit is set, so removal and re-queuing are O(1) and leave stale entries behind to be skipped.
/// </summary>
internal sealed class Agenda
{
    private Level[] _levels = [];

    public int Count { get; private set; }

    /// <summary>Queues the rule for the match, or moves it to the top as the most recent when already queued.</summary>
    /// <param name="fresh">The match is new to the rule: it has fired for it never, so has linked nothing to it.</param>
    public void Push(TerminalNode terminal, Token token, bool fresh)
    {
        if (!token.IsPending(terminal.Index))
        {
            token.SetPending(terminal.Index, true);
            Count++;
        }
        else
        {
            fresh = false; // an older entry for the match exists; the newer one may be popped after it changed
        }
        LevelOf(terminal.Priority).Push(new Entry(terminal, token, fresh));
    }

    /// <summary>Unqueues the rule for the match; false when it was not queued.</summary>
    public bool Remove(TerminalNode terminal, Token token)
    {
        if (!token.IsPending(terminal.Index)) return false;
        token.SetPending(terminal.Index, false);
        Count--;
        return true;
    }

    public Entry Pop()
    {
        foreach (var level in _levels)
        {
            if (!level.TryPop(out var entry)) continue;
            entry.Token.SetPending(entry.Terminal.Index, false);
            Count--;
            return entry;
        }
        throw new InvalidOperationException("The agenda is empty.");
    }

    private Level LevelOf(int priority)
    {
        foreach (var level in _levels)
            if (level.Priority == priority) return level;
        var added = new Level(priority);
        _levels = [.. _levels.Append(added).OrderByDescending(l => l.Priority)];
        return added;
    }

    /// <summary>A queued rule and match. <see cref="Fresh"/>: the rule has never fired for the match.</summary>
    internal readonly record struct Entry(TerminalNode Terminal, Token Token, bool Fresh);

    /// <summary>The entries of one priority, a stack (most recent on top).</summary>
    private sealed class Level(int priority)
    {
        public readonly int Priority = priority;
        private readonly ChunkedList<Entry> _entries = new();

        public void Push(Entry entry) => _entries.Add(entry);

        /// <summary>Pops the top live entry, dropping stale ones (unqueued, or queued again higher up and popped).</summary>
        public bool TryPop(out Entry entry)
        {
            while (_entries.Count > 0)
            {
                entry = _entries.RemoveLast();
                if (entry.Token.IsPending(entry.Terminal.Index)) return true;
            }
            entry = default;
            return false;
        }
    }
}
