using System.Runtime.InteropServices;
using NtpRules.Assessment.Results;

namespace NtpRules.Reporting;

/// <summary>How many subjects without standards (households) carry each classification label, per kind and parent:
/// counted as the subjects stream past, so the HTML pages need not hold the households.</summary>
internal sealed class ClassificationCounts
{
    private readonly Dictionary<(string Kind, string? Parent, string Id, string Label), int> _counts = new();

    public bool IsEmpty => _counts.Count == 0;

    public static ClassificationCounts Of(IEnumerable<SubjectResult> subjects)
    {
        var counts = new ClassificationCounts();
        foreach (var s in subjects) counts.Add(s);
        return counts;
    }

    public void Add(SubjectResult s)
    {
        if (s.Standards.Count > 0) return;
        foreach (var c in s.Classifications) CollectionsMarshal.GetValueRefOrAddDefault(_counts, (s.Kind, s.Parent, c.Id, c.Label), out _)++;
    }

    public IEnumerable<((string Kind, string? Parent, string Id, string Label) Key, int Count)> Ordered() =>
        _counts.OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Parent, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Id, StringComparer.Ordinal).ThenBy(g => g.Key.Label, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Value));
}
