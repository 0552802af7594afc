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
    /// is in exactly one partition, with its position in <paramref name="records"/>.
    /// </summary>
    public static IReadOnlyList<Partition> Split(IReadOnlyList<DataRecord> records) => Split(records, null);

    /// <summary>
    /// The same, for records read partly into <paramref name="spool"/> (positions then count in the data as read,
    /// <paramref name="records"/> being the ones kept in memory, each with its position in <paramref name="indexes"/>).
    /// </summary>
    internal static IReadOnlyList<Partition> Split(IReadOnlyList<DataRecord> records, ProvinceSpool? spool, IReadOnlyList<int>? indexes = null)
    {
        var provinces = new Provinces(records, spool);
        var parts = new Dictionary<string, (List<DataRecord> Records, List<int> Indexes, int First)>(StringComparer.Ordinal);
        (List<DataRecord> Records, List<int> Indexes) rest = ([], []);
        if (spool is not null)
            foreach (var (province, first) in spool.Provinces) parts[province] = ([], [], first);
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var at = indexes?[i] ?? i;
            if (provinces.Of(r) is not { } province)
            {
                rest.Records.Add(r);
                rest.Indexes.Add(at);
                continue;
            }
            if (!parts.TryGetValue(province, out var part)) parts[province] = part = ([], [], at);
            else if (at < part.First) parts[province] = part = part with { First = at };
            part.Records.Add(r);
            part.Indexes.Add(at);
        }
        var ordered = parts.OrderBy(p => p.Value.First)
            .Select(p => (Province: (string?)p.Key, p.Value.Records, p.Value.Indexes))
            .Concat(rest.Records.Count > 0 ? [(null, rest.Records, rest.Indexes)] : []);
        var split = ordered.Select((p, n) => new Partition(n, p.Province, p.Records.ToArray(), p.Indexes.ToArray(), p.Province is null ? null : spool)).ToArray();
        spool?.ForgetPlaces(); // every record is placed
        return split;
    }

    /// <summary>Finds each record's province through any chain of parents (memoised).</summary>
    private sealed class Provinces
    {
        private readonly Dictionary<(string Kind, string Id), DataRecord> _byKey = new();
        private readonly Dictionary<DataRecord, string?> _memo = new(ReferenceEqualityComparer.Instance);
        private readonly ProvinceSpool? _spool;

        public Provinces(IReadOnlyList<DataRecord> records, ProvinceSpool? spool = null)
        {
            foreach (var r in records) _byKey.TryAdd((r.Kind, r.Id), r);
            _spool = spool;
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
                    if ((_byKey.TryGetValue((kind, id), out var parent) ? Of(parent, depth + 1) : _spool?.ProvinceOf(kind, id)) is { } p)
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
/// One province's records (<see cref="Province"/> null: the records that lead to no province): those held in memory
/// (<see cref="Records"/>, with each one's position in the data as read, <see cref="Indexes"/>), and those in a
/// <see cref="ProvinceSpool"/> until <see cref="Load"/>. Whole-data-set rules read records in data order.
/// </summary>
public sealed class Partition
{
    private readonly ProvinceSpool? _spool;

    internal Partition(int number, string? province, IReadOnlyList<DataRecord> records, IReadOnlyList<int> indexes, ProvinceSpool? spool = null)
    {
        Number = number;
        Province = province;
        Records = records;
        Indexes = indexes;
        _spool = spool;
    }

    public int Number { get; }
    public string? Province { get; }
    public IReadOnlyList<DataRecord> Records { get; }
    public IReadOnlyList<int> Indexes { get; }

    /// <summary>How many of the partition's records are of a kind <paramref name="counted"/> accepts.</summary>
    public int Count(Func<string, bool> counted) =>
        Records.Count(r => counted(r.Kind)) + (_spool is null || Province is null ? 0 : _spool.Kinds(Province).Where(k => counted(k.Key)).Sum(k => k.Value));

    /// <summary>Every record of the partition in data order, with its position (the spooled ones read back once).</summary>
    public (IReadOnlyList<DataRecord> Records, IReadOnlyList<int> Indexes) Load()
    {
        if (_spool is null || Province is null) return (Records, Indexes);
        var records = new List<DataRecord>(Records.Count);
        var indexes = new List<int>(Records.Count);
        foreach (var (record, index) in Stream())
        {
            records.Add(record);
            indexes.Add(index);
        }
        return (records, indexes);
    }

    /// <summary>The same, one record at a time: the spooled ones are read back as the caller goes.</summary>
    public IEnumerable<(DataRecord Record, int Index)> Stream()
    {
        var spooled = _spool is null || Province is null ? [] : _spool.Stream(Province);
        // Both runs are in data order: merge them.
        var a = 0;
        foreach (var (record, index) in spooled)
        {
            for (; a < Records.Count && Indexes[a] < index; a++) yield return (Records[a], Indexes[a]);
            yield return (record, index);
        }
        for (; a < Records.Count; a++) yield return (Records[a], Indexes[a]);
    }
}
