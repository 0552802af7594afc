using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Data;

/// <summary>
/// Every parent id a record names must name a record of that kind in the data: a commune whose district_id names no
/// district would otherwise drop silently out of the district's counts and shares.
/// </summary>
internal static class ParentCheck
{
    /// <summary>At most this many located errors; the rest are counted in one more.</summary>
    private const int MaxReported = 100;

    public static void Check(IReadOnlyList<DataRecord> records, DiagnosticBag diagnostics)
    {
        var ids = new HashSet<(string Kind, string Id)>(records.Count);
        foreach (var r in records) ids.Add((r.Kind, r.Id));
        var reported = 0;
        foreach (var r in records)
            foreach (var (kind, id) in r.Parents)
            {
                if (ids.Contains((kind, id))) continue;
                if (++reported <= MaxReported)
                    diagnostics.Error(DataCodes.UnknownParent, $"{r.Kind} '{r.Id}' names {kind}_id '{id}', but the data has no {kind} '{id}'", r.Location,
                        Suggestion(ids, kind, id));
            }
        if (reported > MaxReported)
            diagnostics.Error(DataCodes.UnknownParent, $"{reported - MaxReported} more records name a parent that is not in the data", records[0].Location);
    }

    /// <summary>"did you mean 'LC-D1'?" when a record of that kind has a close id; a hint to add the file otherwise.</summary>
    private static string Suggestion(HashSet<(string Kind, string Id)> ids, string kind, string id)
    {
        var candidates = ids.Where(x => x.Kind == kind).Select(x => x.Id).ToArray();
        if (candidates.Length == 0) return $"add the {kind} records (e.g. {kind}s.csv) to the data, or remove the {kind}_id column";
        return Language.Documents.EditDistance.Hint(id, candidates) ?? $"check the id against the {kind} records";
    }
}
