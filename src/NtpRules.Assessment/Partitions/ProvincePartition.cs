using NtpRules.Assessment.Data;

namespace NtpRules.Assessment.Partitions;

/// <summary>
/// The records of one province: the province, and every record whose chain of parents (a household's commune, a
/// commune's district or province) leads to it. Every standard of a subject reads only its own province's records
/// (a commune its households, a district its communes, a province its districts and communes), so assessing a
/// subject's province gives the subject the verdicts a whole-country run would.
/// </summary>
public static class ProvincePartition
{
    public const string ProvinceKind = "province";

    /// <summary>The records of the province of the subject <paramref name="subjectId"/>; all records when the
    /// subject is not found or leads to no province.</summary>
    public static IReadOnlyList<DataRecord> Of(IReadOnlyList<DataRecord> records, string subjectId)
    {
        var byKey = new Dictionary<(string Kind, string Id), DataRecord>();
        foreach (var r in records) byKey.TryAdd((r.Kind, r.Id), r);
        var memo = new Dictionary<DataRecord, string?>(ReferenceEqualityComparer.Instance);

        string? ProvinceOf(DataRecord r, int depth)
        {
            if (memo.TryGetValue(r, out var known)) return known;
            string? found = null;
            if (r.Kind == ProvinceKind) found = r.Id;
            else if (r.Parents.TryGetValue(ProvinceKind, out var direct)) found = direct;
            else if (depth < 8)
                foreach (var (kind, id) in r.Parents)
                    if (byKey.TryGetValue((kind, id), out var parent) && ProvinceOf(parent, depth + 1) is { } p)
                    {
                        found = p;
                        break;
                    }
            memo[r] = found;
            return found;
        }

        var subject = records.FirstOrDefault(r => r.Id == subjectId);
        if (subject is null || ProvinceOf(subject, 0) is not { } province) return records;
        return records.Where(r => ProvinceOf(r, 0) == province).ToArray();
    }
}
