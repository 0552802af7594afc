namespace NtpRules.Engine.Rete;

/// <summary>
/// Pending activations, highest rule priority first, then most recent first. One stack per priority: a new or
/// updated activation is pushed on top, so each stack is ordered by recency. Removal is lazy: a stack entry is
/// live only while its version equals the activation's, so every operation is O(1) (amortised).
/// </summary>
internal sealed class Agenda
{
    private Level[] _levels = [];

    public int Count { get; private set; }

    /// <summary>Queues a new activation, or moves a queued or fired one to the top as the most recent.</summary>
    public void Push(Activation a)
    {
        if (!a.Queued) Count++;
        a.Queued = true;
        a.Version++;
        LevelOf(a.Priority).Push(a);
    }

    public void Remove(Activation a)
    {
        if (!a.Queued) return;
        a.Queued = false;
        a.Version++;
        Count--;
    }

    public Activation Pop()
    {
        foreach (var level in _levels)
        {
            if (level.TryPop(out var a))
            {
                a.Queued = false;
                Count--;
                return a;
            }
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

    private sealed class Level(int priority)
    {
        public readonly int Priority = priority;
        private Entry[] _entries = new Entry[64];
        private int _count;

        public void Push(Activation a)
        {
            if (_count == _entries.Length) Array.Resize(ref _entries, _count * 2);
            _entries[_count++] = new Entry(a, a.Version);
        }

        public bool TryPop(out Activation activation)
        {
            while (_count > 0)
            {
                var entry = _entries[--_count];
                _entries[_count] = default;
                if (entry.Activation.Queued && entry.Activation.Version == entry.Version)
                {
                    activation = entry.Activation;
                    return true;
                }
            }
            // Drained: let a large stack go rather than keep it for the session's lifetime.
            if (_entries.Length > 1024) _entries = new Entry[64];
            activation = null!;
            return false;
        }
    }

    private readonly record struct Entry(Activation Activation, int Version);
}
