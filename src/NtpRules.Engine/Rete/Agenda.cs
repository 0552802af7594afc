using System.Numerics;

namespace NtpRules.Engine.Rete;

/// <summary>
/// Pending activations, highest rule priority first, then most recent first. An activation is a rule (its terminal
/// node) and a match (its token); the agenda holds them as plain entries, not objects, because a session may queue
/// millions at once (every rule for every inserted fact) and each object would be traced by every collection until
/// it fires. Whether a rule is queued for a match is a bit on the token (<see cref="Token.Pending"/>); an entry is
/// live while one of its bits is set, so removal and re-queuing are O(1) and leave stale entries behind to be skipped.
/// One entry holds several rules of a <see cref="RuleGroup"/> queued for the same match one after another (a fact
/// reaching the 19 criterion rules queues them with one entry); they fire from the last queued down, as separate
/// entries would.
/// </summary>
internal sealed class Agenda
{
    private Level[] _levels = [];
    /// <summary>Queued-rule bits past a node's first 64 rules, for the tokens that have any set.</summary>
    private readonly Dictionary<Token, ulong[]> _more = new(ReferenceEqualityComparer.Instance);

    public int Count { get; private set; }

    /// <summary>Queues the rule for the match, or moves it to the top as the most recent when already queued.</summary>
    /// <param name="fresh">The match is new to the rule: it has fired for it never, so has linked nothing to it.</param>
    public void Push(TerminalNode terminal, Token token, bool fresh)
    {
        if (!IsPending(token, terminal.Index))
        {
            SetPending(token, terminal.Index, true);
            Count++;
        }
        else
        {
            fresh = false; // an older entry for the match exists; the newer one may be popped after it changed
        }
        LevelOf(terminal.Priority).Push(token, terminal.Group, 1UL << (terminal.Index & 63), fresh);
    }

    /// <summary>Unqueues the rule for the match; false when it was not queued.</summary>
    public bool Remove(TerminalNode terminal, Token token)
    {
        if (!IsPending(token, terminal.Index)) return false;
        SetPending(token, terminal.Index, false);
        Count--;
        return true;
    }

    public Entry Pop()
    {
        foreach (var level in _levels)
        {
            if (!level.TryPop(out var entry)) continue;
            SetPending(entry.Token, entry.Terminal.Index, false);
            Count--;
            return entry;
        }
        throw new InvalidOperationException("The agenda is empty.");
    }

    private Level LevelOf(int priority)
    {
        foreach (var level in _levels)
            if (level.Priority == priority) return level;
        var added = new Level(this, priority);
        _levels = [.. _levels.Append(added).OrderByDescending(l => l.Priority)];
        return added;
    }

    /// <summary>The queued rules numbered <c>64 * word</c> to <c>64 * word + 63</c> of the token's node, as bits.</summary>
    private ulong PendingWord(Token token, int word) =>
        word == 0 ? token.Pending : _more.TryGetValue(token, out var more) && word - 1 < more.Length ? more[word - 1] : 0;

    private bool IsPending(Token token, int rule) => (PendingWord(token, rule >> 6) & (1UL << (rule & 63))) != 0;

    private void SetPending(Token token, int rule, bool pending)
    {
        var bit = 1UL << (rule & 63);
        if (rule < 64)
        {
            token.Pending = pending ? token.Pending | bit : token.Pending & ~bit;
            return;
        }
        var word = (rule >> 6) - 1;
        _more.TryGetValue(token, out var more);
        if (!pending)
        {
            if (more is null || word >= more.Length) return;
            more[word] &= ~bit;
            if (Array.TrueForAll(more, w => w == 0)) _more.Remove(token);
            return;
        }
        if (more is null || word >= more.Length)
        {
            Array.Resize(ref more, word + 1);
            _more[token] = more;
        }
        more[word] |= bit;
    }

    /// <summary>A queued rule and match. <see cref="Fresh"/>: the rule has never fired for the match.</summary>
    internal readonly record struct Entry(TerminalNode Terminal, Token Token, bool Fresh);

    /// <summary>Rules of one group queued for one match: a bit per rule, by its position in the group.</summary>
    private readonly record struct Stored(Token Token, RuleGroup Group, ulong Rules, bool Fresh);

    /// <summary>The entries of one priority, a stack (most recent on top).</summary>
    private sealed class Level(Agenda agenda, int priority)
    {
        public readonly int Priority = priority;
        private readonly ChunkedList<Stored> _entries = new();

        public void Push(Token token, RuleGroup group, ulong rule, bool fresh)
        {
            var last = _entries.Count - 1;
            if (last >= 0)
            {
                var top = _entries[last];
                // Join the top entry when it is for the same match and group and every rule in it comes before this
                // one in the group, so that popping the highest bit first keeps most-recent-first. (A node passes each
                // change of a token to all its rules in order, so a rule queued after a later one is a safeguard.)
                if (ReferenceEquals(top.Token, token) && ReferenceEquals(top.Group, group) && top.Fresh == fresh
                    && top.Rules < rule)
                {
                    _entries[last] = top with { Rules = top.Rules | rule };
                    return;
                }
            }
            _entries.Add(new Stored(token, group, rule, fresh));
        }

        /// <summary>Takes the most recent live rule and match, dropping stale entries (rules unqueued, or queued
        /// again higher up and popped).</summary>
        public bool TryPop(out Entry entry)
        {
            while (_entries.Count > 0)
            {
                var last = _entries.Count - 1;
                var top = _entries[last];
                var live = top.Rules & agenda.PendingWord(top.Token, top.Group.Word);
                if (live == 0)
                {
                    _entries.RemoveLast();
                    continue;
                }
                var bit = 63 - BitOperations.LeadingZeroCount(live);
                if ((live & ~(1UL << bit)) == 0) _entries.RemoveLast();
                else _entries[last] = top with { Rules = top.Rules & ~(1UL << bit) };
                entry = new Entry(top.Group.Rules[bit]!, top.Token, top.Fresh);
                return true;
            }
            entry = default;
            return false;
        }
    }
}

/// <summary>
/// The rules ending at one node with one priority, 64 at most (more make more groups), by their position on the node:
/// a rule's bit in a token's queued rules is <c>Index &amp; 63</c> of word <see cref="Word"/>.
/// </summary>
internal sealed class RuleGroup(int word)
{
    public readonly int Word = word;
    public readonly TerminalNode?[] Rules = new TerminalNode?[64];
}
