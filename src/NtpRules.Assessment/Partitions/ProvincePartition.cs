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
        var provinces = new Provinces(records);
        var subject = records.FirstOrDefault(r => r.Id == subjectId);
        if (subject is null || provinces.Of(subject) is not { } province) return records;
        return records.Where(r => provinces.Of(r) == province).ToArray();
    }

    /// <summary>
    /// The records split by province, each province's records in data order; provinces in the order they first
    /// appear in the data, then one more partition with the records that lead to no province (if any). Each record
    /// is in exactly one partition, with its <see cref="Partition.Indexes">position</see> in <paramref name="records"/>.
    /// </summary>
    public static IReadOnlyList<Partition> Split(IReadOnlyList<DataRecord> records)
    {
        var provinces = new Provinces(records);
        var byProvince = new Dictionary<string, int>(StringComparer.Ordinal);
        var parts = new List<(List<DataRecord> Records, List<int> Indexes, string? Province)>();
        (List<DataRecord>, List<int>, string?)? rest = null;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var province = provinces.Of(r);
            (List<DataRecord> Records, List<int> Indexes, string? Province) part;
            if (province is null) part = rest ??= (new List<DataRecord>(), new List<int>(), null);
            else if (byProvince.TryGetValue(province, out var at)) part = parts[at];
            else
            {
                byProvince[province] = parts.Count;
                parts.Add(part = (new List<DataRecord>(), new List<int>(), province));
            }
            part.Records.Add(r);
            part.Indexes.Add(i);
        }
        if (rest is { } orphans) parts.Add(orphans);
        return parts.Select((p, i) => new Partition(i, p.Province, p.Records.ToArray(), p.Indexes.ToArray())).ToArray();
    }

    /// <summary>Finds each record's province through any chain of parents (memoised).</summary>
    private sealed class Provinces
    {
        private readonly Dictionary<(string Kind, string Id), DataRecord> _byKey = new();
        private readonly Dictionary<DataRecord, string?> _memo = new(ReferenceEqualityComparer.Instance);

        public Provinces(IReadOnlyList<DataRecord> records)
        {
            foreach (var r in records) _byKey.TryAdd((r.Kind, r.Id), r);
        }

        public string? Of(DataRecord r) => Of(r, 0);

        private string? Of(DataRecord r, int depth)
        {
            if (_memo.TryGetValue(r, out var known)) return known;
            string? found = null;
            if (r.Kind == ProvinceKind) found = r.Id;
            else if (r.Parents.TryGetValue(ProvinceKind, out var direct)) found = direct;
            else if (depth < 8)
                foreach (var (kind, id) in r.Parents)
                    if (_byKey.TryGetValue((kind, id), out var parent) && Of(parent, depth + 1) is { } p)
                    {
                        found = p;
                        break;
                    }
            _memo[r] = found;
            return found;
        }
    }
}

/// <summary>
/// One province's records (<see cref="Province"/> null: the records that lead to no province), in data order, with
/// each record's position in the data as read (<see cref="Indexes"/>): whole-data-set rules read records in that order.
/// </summary>
public sealed record Partition(int Number, string? Province, IReadOnlyList<DataRecord> Records, IReadOnlyList<int> Indexes);
