using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Data;

/// <summary>
/// Every parent id a record names must name a record of that kind in the data: a commune whose district_id names no
/// district would otherwise drop silently out of the district's counts and shares. Records are seen one by one as
/// they are read (<see cref="See"/>), keeping only the ids of kinds that can be parents and the references not
/// found yet; <see cref="Finish"/> reports, in data order, those still not found.
/// </summary>
internal sealed class ParentCheck(IReadOnlySet<string> parentKinds)
{
    /// <summary>At most this many located errors; the rest are counted in one more.</summary>
    private const int MaxReported = 100;

    private readonly HashSet<(string Kind, string Id)> _ids = new();
    // The naming record by kind, id and place only: a spooled record is not kept alive by its check.
    private readonly List<(string RecordKind, string RecordId, SourceLocation At, string Kind, string Id)> _pending = new();
    private SourceLocation? _first;
    /// <summary>Pending references past this many are checked again, and those found since dropped.</summary>
    private int _recheckAt = 1024;

    public static void Check(IReadOnlyList<DataRecord> records, DiagnosticBag diagnostics)
    {
        var check = new ParentCheck(records.SelectMany(r => r.Parents.Keys).ToHashSet(StringComparer.Ordinal));
        foreach (var r in records) check.See(r);
        check.Finish(diagnostics);
    }

    public void See(DataRecord r)
    {
        _first ??= r.Location;
        if (parentKinds.Contains(r.Kind)) _ids.Add((r.Kind, r.Id));
        foreach (var (kind, id) in r.Parents)
            if (!_ids.Contains((kind, id))) _pending.Add((r.Kind, r.Id, r.Location, kind, id));
        if (_pending.Count < _recheckAt) return;
        // Communes read before their districts wait here until the districts come: a country's would all wait to
        // the end. Ids are only ever added, so a reference found now stays found, and Finish would skip it.
        _pending.RemoveAll(p => _ids.Contains((p.Kind, p.Id)));
        _recheckAt = Math.Max(1024, 2 * _pending.Count);
    }

    /// <param name="dropped">Rows read but left out of the data since (their id repeats one read before): not checked.</param>
    public void Finish(DiagnosticBag diagnostics, IReadOnlySet<SourceLocation>? dropped = null)
    {
        var reported = 0;
        foreach (var (recordKind, recordId, at, kind, id) in _pending)
        {
            if (_ids.Contains((kind, id)) || dropped?.Contains(at) == true) continue;
            if (++reported <= MaxReported)
                diagnostics.Error(DataCodes.UnknownParent, $"{recordKind} '{recordId}' names {kind}_id '{id}', but the data has no {kind} '{id}'", at,
                    Suggestion(kind, id));
        }
        if (reported > MaxReported)
            diagnostics.Error(DataCodes.UnknownParent, $"{reported - MaxReported} more records name a parent that is not in the data", _first!.Value);
        _pending.Clear();
    }

    /// <summary>"did you mean 'LC-D1'?" when a record of that kind has a close id; a hint to add the file otherwise.</summary>
    private string Suggestion(string kind, string id)
    {
        var candidates = _ids.Where(x => x.Kind == kind).Select(x => x.Id).ToArray();
        if (candidates.Length == 0) return $"add the {kind} records (e.g. {kind}s.csv) to the data, or remove the {kind}_id column";
        return Language.Documents.EditDistance.Hint(id, candidates) ?? $"check the id against the {kind} records";
    }
}
