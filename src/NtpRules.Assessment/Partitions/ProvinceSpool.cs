using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using NtpRules.Assessment.Data;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Partitions;

/// <summary>
/// Records sorted by province on the first read, into one temporary file, so that a run holds in memory only the
/// province being assessed, not the country: each province's records are written in chunks as they come (in data
/// order, each with its position in the data) and read back when the province is assessed. A record goes to the
/// spool when its province is known as it is read: it names its province, or a parent already read. The others stay
/// in memory and are placed by <see cref="ProvincePartition.Split(IReadOnlyList{DataRecord}, ProvinceSpool?)"/>.
/// Reading back is thread-safe (positioned reads), writing is not.
/// </summary>
internal sealed class ProvinceSpool : IDisposable
{
    private const int ChunkBytes = 1 << 16;
    /// <summary>
    /// Buffer space all provinces may hold together before every buffer is written out and given back: a country's
    /// hundreds of provinces would otherwise each keep a chunk-sized buffer until it is assessed.
    /// </summary>
    private const int HeldBytes = 4 << 20;

    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    /// <summary>The province of every record read of a kind that can be a parent (households are never looked up).</summary>
    private readonly Dictionary<(string Kind, string Id), string> _placed = new();
    private readonly HashSet<string> _parentKinds;
    private readonly Lock _gate = new();
    private long _held;
    private bool _placesForgotten;
    /// <summary>
    /// Kinds, value keys and file names, each written as its number here: they repeat on every record, and a number
    /// is read back without making a string or looking one up. Only added to while writing, read after.
    /// </summary>
    private readonly List<string> _names = new();
    private readonly Dictionary<string, int> _nameNumbers = new(StringComparer.Ordinal);

    private sealed class Bucket(int firstIndex)
    {
        public readonly int FirstIndex = firstIndex;
        public readonly MemoryStream Buffer = new();
        public BinaryWriter? Writer;
        public readonly List<(long Offset, int Length)> Chunks = new();
        public readonly Dictionary<string, int> Kinds = new(StringComparer.Ordinal);
        public int Count;
        public int LongestChunk;
    }

    public ProvinceSpool(RecordCatalogue catalogue, string? folder = null)
    {
        _parentKinds = catalogue.Kinds.SelectMany(k => k.Parents).ToHashSet(StringComparer.Ordinal);
        var path = Path.Combine(folder ?? Path.GetTempPath(), $"ntp-provinces-{Guid.NewGuid():n}.spool");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _handle = _file.SafeFileHandle;
    }

    /// <summary>The provinces spooled, with the position of each one's first record in the data.</summary>
    public IEnumerable<(string Province, int FirstIndex)> Provinces => _buckets.Select(b => (b.Key, b.Value.FirstIndex));

    /// <summary>The province of a record read (of a kind that can be a parent), if spooled.</summary>
    public string? ProvinceOf(string kind, string id) => _placesForgotten
        ? throw new InvalidOperationException("the spool's places were forgotten once the data was split")
        : _placed.GetValueOrDefault((kind, id));

    /// <summary>Forgets the province of each record read: once the data is split into partitions, nothing asks again.</summary>
    public void ForgetPlaces()
    {
        _placed.Clear();
        _placed.TrimExcess();
        _placesForgotten = true;
    }

    /// <summary>Spools the record if its province is known now; false: keep it in memory.</summary>
    public bool TryAdd(DataRecord record, int index)
    {
        var province = record.Kind == ProvincePartition.ProvinceKind ? null
            : record.Parents.TryGetValue(ProvincePartition.ProvinceKind, out var direct) ? direct
            : PlacedParent(record);
        if (province is null) return false;
        if (_parentKinds.Contains(record.Kind)) _placed[(record.Kind, record.Id)] = province;
        if (!_buckets.TryGetValue(province, out var bucket)) _buckets[province] = bucket = new Bucket(index);
        var w = bucket.Writer ??= new BinaryWriter(bucket.Buffer, Encoding.UTF8, leaveOpen: true);
        var capacity = bucket.Buffer.Capacity;
        Write(w, record, index);
        bucket.Count++;
        CollectionsMarshal.GetValueRefOrAddDefault(bucket.Kinds, record.Kind, out _)++;
        if (bucket.Buffer.Length >= ChunkBytes) Flush(bucket);
        _held += bucket.Buffer.Capacity - capacity;
        if (_held > HeldBytes) Release();
        return true;
    }

    /// <summary>The province of the first of the record's parents placed (households: their commune's).</summary>
    private string? PlacedParent(DataRecord record)
    {
        if (record.Parents is Dictionary<string, string> parents) // as read: enumerated without a boxed enumerator
        {
            foreach (var (kind, id) in parents)
                if (_placed.TryGetValue((kind, id), out var province)) return province;
            return null;
        }
        foreach (var (kind, id) in record.Parents)
            if (_placed.TryGetValue((kind, id), out var province)) return province;
        return null;
    }

    /// <summary>How many records of each kind a province has in the spool.</summary>
    public IReadOnlyDictionary<string, int> Kinds(string province) =>
        _buckets.TryGetValue(province, out var b) ? b.Kinds : new Dictionary<string, int>();

    /// <summary>Ends writing: every buffer goes to the file.</summary>
    public void Seal()
    {
        Release();
        _file.Flush();
    }

    /// <summary>Writes every buffer out and gives its space back.</summary>
    private void Release()
    {
        foreach (var b in _buckets.Values)
        {
            Flush(b);
            b.Buffer.Capacity = 0;
        }
        _held = 0;
    }

    /// <summary>A province's records, in data order, with their positions; the province's chunks are then forgotten.</summary>
    public List<(DataRecord Record, int Index)> Load(string province) => Stream(province).ToList();

    /// <summary>
    /// The same, read one chunk at a time as the caller goes (the chunks are forgotten when reading starts), so that
    /// a caller that drops records as it goes never holds the province whole.
    /// </summary>
    public IEnumerable<(DataRecord Record, int Index)> Stream(string province)
    {
        Bucket? bucket;
        lock (_gate)
            if (!_buckets.Remove(province, out bucket)) yield break;
        // One buffer and one reader for all the province's chunks.
        var bytes = new byte[bucket.LongestChunk];
        var memory = new MemoryStream(bytes, writable: false);
        using var r = new BinaryReader(memory, Encoding.UTF8);
        foreach (var (offset, length) in bucket.Chunks)
        {
            var read = 0;
            while (read < length) read += RandomAccess.Read(_handle, bytes.AsSpan(read, length - read), offset + read);
            memory.Position = 0;
            while (memory.Position < length) yield return Read(r, _names);
        }
    }

    private void Flush(Bucket b)
    {
        if (b.Buffer.Length == 0) return;
        b.Writer!.Flush();
        var offset = _file.Length;
        _file.Position = offset;
        b.Buffer.Position = 0;
        b.Buffer.CopyTo(_file);
        b.Chunks.Add((offset, (int)b.Buffer.Length));
        b.LongestChunk = Math.Max(b.LongestChunk, (int)b.Buffer.Length);
        b.Buffer.SetLength(0);
        _file.Flush();
    }

    // ---- one record ----------------------------------------------------------------------------------------------

    private enum Tag : byte { Null, Number, Integer, Boolean, Date, Text }

    private int NumberOf(string name)
    {
        if (_nameNumbers.TryGetValue(name, out var number)) return number;
        _nameNumbers[name] = number = _names.Count;
        _names.Add(name);
        return number;
    }

    private void Write(BinaryWriter w, DataRecord r, int index)
    {
        w.Write(index);
        w.Write7BitEncodedInt(NumberOf(r.Kind));
        w.Write(r.Id);
        w.Write(r.Name is not null);
        if (r.Name is not null) w.Write(r.Name);
        w.Write7BitEncodedInt(r.Parents.Count);
        foreach (var (kind, id) in r.Parents)
        {
            w.Write7BitEncodedInt(NumberOf(kind));
            w.Write(id);
        }
        w.Write7BitEncodedInt(r.Values.Count);
        foreach (var (key, value) in r.Values)
        {
            w.Write7BitEncodedInt(NumberOf(key));
            switch (value)
            {
                case null: w.Write((byte)Tag.Null); break;
                case double d: w.Write((byte)Tag.Number); w.Write(d); break;
                case long l: w.Write((byte)Tag.Integer); w.Write(l); break;
                case bool b: w.Write((byte)Tag.Boolean); w.Write(b); break;
                case DateOnly d: w.Write((byte)Tag.Date); w.Write(d.DayNumber); break;
                case string s: w.Write((byte)Tag.Text); w.Write(s); break;
                default: throw new InvalidOperationException($"a data value of type {value.GetType().Name} cannot be spooled");
            }
        }
        w.Write7BitEncodedInt(NumberOf(r.Location.File));
        w.Write(r.Location.Line);
        w.Write(r.Location.Column);
    }

    private static (DataRecord, int) Read(BinaryReader r, List<string> names)
    {
        var index = r.ReadInt32();
        var kind = names[r.Read7BitEncodedInt()];
        var id = r.ReadString();
        var name = r.ReadBoolean() ? r.ReadString() : null;
        var parentCount = r.Read7BitEncodedInt();
        var parents = new Dictionary<string, string>(parentCount, StringComparer.Ordinal);
        for (var i = 0; i < parentCount; i++) parents[names[r.Read7BitEncodedInt()]] = r.ReadString();
        var count = r.Read7BitEncodedInt();
        var values = new Dictionary<string, object?>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = names[r.Read7BitEncodedInt()];
            values[key] = (Tag)r.ReadByte() switch
            {
                Tag.Null => null,
                Tag.Number => r.ReadDouble(),
                Tag.Integer => Boxed.Of(r.ReadInt64()),
                Tag.Boolean => Boxed.Of(r.ReadBoolean()),
                Tag.Date => DateOnly.FromDayNumber(r.ReadInt32()),
                _ => r.ReadString(),
            };
        }
        var location = new SourceLocation(names[r.Read7BitEncodedInt()], r.ReadInt32(), r.ReadInt32());
        return (new DataRecord(kind, id, name, parents, values, location), index);
    }

    public void Dispose() => _file.Dispose();
}
