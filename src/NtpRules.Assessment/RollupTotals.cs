using NtpRules.Assessment.Results;
using NtpRules.Language.Compilation;
using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Assessment;

/// <summary>
/// The roll-ups of a run as running totals: per scope (a parent subject, or a region) and standard, the subjects that
/// meet it, do not, or are unknown, and the sum of their criteria met. Partitions add to it side by side (a region
/// spans provinces); <see cref="Build"/> gives the same roll-ups as counting every subject at once. Thread-safe.
/// </summary>
internal sealed class RollupTotals(IReadOnlyList<string> kindOrder)
{
    private sealed class Scope
    {
        public string? Name;
        public readonly Dictionary<string, Counts> Standards = new(StringComparer.Ordinal);
    }

    private sealed class Counts
    {
        public int Met, NotMet, Unknown, Subjects;
        public long CriteriaMet;
    }

    private readonly Dictionary<(string Kind, string Id), Scope> _scopes = new();
    private readonly Lock _gate = new();

    /// <summary>Counts a subject's standards in the scope <paramref name="kind"/> <paramref name="id"/> (named <paramref name="name"/> when known).</summary>
    public void Add(string kind, string id, string? name, IEnumerable<StandardOutcome> standards)
    {
        lock (_gate)
        {
            if (!_scopes.TryGetValue((kind, id), out var scope)) _scopes[(kind, id)] = scope = new Scope();
            scope.Name ??= name;
            foreach (var s in standards)
            {
                if (!scope.Standards.TryGetValue(s.StandardId, out var c)) scope.Standards[s.StandardId] = c = new Counts();
                switch (s.Verdict)
                {
                    case Truth.True: c.Met++; break;
                    case Truth.False: c.NotMet++; break;
                    default: c.Unknown++; break;
                }
                c.Subjects++;
                c.CriteriaMet += s.CriteriaMet;
            }
        }
    }

    /// <summary>The roll-ups by kind (catalogue order, regions last) and id, of the scopes <paramref name="include"/> takes by id (default all); standards by id.</summary>
    public IReadOnlyList<Rollup> Build(Func<string, bool>? include = null)
    {
        lock (_gate)
            return _scopes.Where(g => include is null || include(g.Key.Id)).OrderBy(g => Index(g.Key.Kind)).ThenBy(g => g.Key.Id, StringComparer.Ordinal)
                .Select(g => new Rollup(g.Key.Kind, g.Key.Id, g.Value.Name ?? g.Key.Id,
                    g.Value.Standards.OrderBy(s => s.Key, StringComparer.Ordinal)
                        .Select(s => new RollupStandard(s.Key, s.Value.Met, s.Value.NotMet, s.Value.Unknown,
                            // As Enumerable.Average over the subjects' counts: a long sum divided as a double.
                            Math.Round((double)s.Value.CriteriaMet / s.Value.Subjects, 2)))
                        .ToArray()))
                .ToArray();
    }

    private int Index(string kind)
    {
        for (var i = 0; i < kindOrder.Count; i++)
            if (kindOrder[i] == kind) return i;
        return -1;
    }
}
