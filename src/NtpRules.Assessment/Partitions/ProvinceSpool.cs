using System.IO.Compression;
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
/// Each chunk is written compressed (<see cref="SpoolCompression"/>). Reading back is thread-safe (positioned reads),
/// writing is not.
/// </summary>
internal sealed class ProvinceSpool : IDisposable
{
    private const int ChunkBytes = 1 << 16;
    /// <summary>
    /// Buffer space all provinces may hold together before every buffer is written out and given back: a country's
    /// hundreds of provinces would otherwise each keep a chunk-sized buffer until it is assessed.
    /// </summary>
    private const int HeldBytes = 4 << 20;
    /// <summary>
    /// Buffers are pages of this size, taken from and given back to one free list: a province's buffer grows by whole
    /// pages, never by copying, and the pages a write-out frees serve the next records.
    /// </summary>
    private const int PageBytes = 8 << 10;

    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;
    private long _length;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    /// <summary>The province of every record read of a kind that can be a parent (households are never looked up).</summary>
    private readonly Dictionary<(string Kind, string Id), string> _placed = new();
    private readonly HashSet<string> _parentKinds;
    private readonly Lock _gate = new();
    private readonly Stack<byte[]> _freePages = new();
    private int _pagesHeld;
    private bool _placesForgotten;
    /// <summary>Rows read back as if absent (<see cref="Drop"/>).</summary>
    private IReadOnlySet<SourceLocation> _dropped = new HashSet<SourceLocation>();
    /// <summary>A chunk compressed, before it is written.</summary>
    private readonly MemoryStream _compressed = new();
    /// <summary>One record encoded, before it is copied to its province's pages.</summary>
    private readonly MemoryStream _record = new();
    private readonly BinaryWriter _writer;
    /// <summary>
    /// Kinds, value keys and file names, each written as its number here: they repeat on every record, and a number
    /// is read back without making a string or looking one up. Only added to while writing, read after.
    /// </summary>
    private readonly List<string> _names = new();
    private readonly Dictionary<string, int> _nameNumbers = new(StringComparer.Ordinal);

    private sealed class Bucket(int firstIndex)
    {
        public readonly int FirstIndex = firstIndex;
        public readonly List<byte[]> Pages = new();
        /// <summary>Bytes used in the last page.</summary>
        public int LastUsed;
        public int Length;
        /// <summary>Where each chunk is in the file, its compressed length there and its length once decompressed.</summary>
        public readonly List<(long Offset, int Stored, int Length)> Chunks = new();
        public readonly Dictionary<string, int> Kinds = new(StringComparer.Ordinal);
        public int Count;
    }

    public ProvinceSpool(RecordCatalogue catalogue, string? folder = null)
    {
        _parentKinds = catalogue.Kinds.SelectMany(k => k.Parents).ToHashSet(StringComparer.Ordinal);
        var path = Path.Combine(folder ?? Path.GetTempPath(), $"ntp-provinces-{Guid.NewGuid():n}.spool");
        // Unbuffered: each chunk goes out compressed in one positioned write.
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.DeleteOnClose);
        _handle = _file.SafeFileHandle;
        _writer = new BinaryWriter(_record, Encoding.UTF8, leaveOpen: true);
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
        _record.SetLength(0);
        Write(_writer, record, index);
        _writer.Flush();
        Append(bucket, _record.GetBuffer().AsSpan(0, (int)_record.Length));
        bucket.Count++;
        CollectionsMarshal.GetValueRefOrAddDefault(bucket.Kinds, record.Kind, out _)++;
        if (bucket.Length >= ChunkBytes) Flush(bucket);
        if (_pagesHeld * PageBytes > HeldBytes) Release();
        return true;
    }

    /// <summary>Copies a record's bytes to the end of the province's pages, taking pages as needed.</summary>
    private void Append(Bucket bucket, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (bucket.Pages.Count == 0 || bucket.LastUsed == PageBytes)
            {
                bucket.Pages.Add(_freePages.TryPop(out var page) ? page : new byte[PageBytes]);
                bucket.LastUsed = 0;
                _pagesHeld++;
            }
            var n = Math.Min(bytes.Length, PageBytes - bucket.LastUsed);
            bytes[..n].CopyTo(bucket.Pages[^1].AsSpan(bucket.LastUsed));
            bucket.LastUsed += n;
            bucket.Length += n;
            bytes = bytes[n..];
        }
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
        _freePages.Clear();
    }

    /// <summary>
    /// Leaves out the records read at <paramref name="rows"/> (rows found, once reading ended, to repeat an id): they are
    /// not read back, nor counted in <see cref="Kinds"/>, and a province left with none is not in <see cref="Provinces"/>.
    /// Counting them reads the spool once, so only when there are any.
    /// </summary>
    public void Drop(IReadOnlySet<SourceLocation> rows)
    {
        if (rows.Count == 0) return;
        foreach (var (province, bucket) in _buckets.ToArray())
        {
            foreach (var (record, _) in ReadBack(bucket))
                if (rows.Contains(record.Location))
                {
                    bucket.Count--;
                    if (--bucket.Kinds[record.Kind] == 0) bucket.Kinds.Remove(record.Kind);
                }
            if (bucket.Count == 0) _buckets.Remove(province);
        }
        _dropped = rows;
    }

    /// <summary>Writes every buffer out and gives its space back.</summary>
    private void Release()
    {
        foreach (var b in _buckets.Values) Flush(b);
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
        foreach (var entry in ReadBack(bucket))
            if (_dropped.Count == 0 || !_dropped.Contains(entry.Record.Location)) yield return entry;
    }

    private IEnumerable<(DataRecord Record, int Index)> ReadBack(Bucket bucket)
    {
        // One buffer each for the stored and the decompressed chunk, and one reader, for all the province's chunks.
        var stored = new byte[bucket.Chunks.Select(c => c.Stored).DefaultIfEmpty().Max()];
        var bytes = new byte[bucket.Chunks.Select(c => c.Length).DefaultIfEmpty().Max()];
        var memory = new MemoryStream(bytes, writable: false);
        using var r = new BinaryReader(memory, Encoding.UTF8);
        var rows = new RowsRead();
        foreach (var (offset, storedLength, length) in bucket.Chunks)
        {
            var read = 0;
            while (read < storedLength) read += RandomAccess.Read(_handle, stored.AsSpan(read, storedLength - read), offset + read);
            using (var inflate = new DeflateStream(new MemoryStream(stored, 0, storedLength, writable: false), CompressionMode.Decompress))
                inflate.ReadExactly(bytes, 0, length);
            memory.Position = 0;
            while (memory.Position < length) yield return Read(r, _names, rows);
        }
    }

    /// <summary>Writes the province's pages out as one chunk and gives them back to the free list.</summary>
    private void Flush(Bucket b)
    {
        if (b.Length == 0) return;
        _compressed.SetLength(0);
        // Whole pages in, a whole chunk out: no buffer in between (SpoolCompression's would be taken anew per chunk).
        using (var deflate = new DeflateStream(_compressed, SpoolCompression.Level, leaveOpen: true))
            for (var i = 0; i < b.Pages.Count; i++) deflate.Write(b.Pages[i], 0, i == b.Pages.Count - 1 ? b.LastUsed : PageBytes);
        var stored = (int)_compressed.Length;
        RandomAccess.Write(_handle, _compressed.GetBuffer().AsSpan(0, stored), _length);
        b.Chunks.Add((_length, stored, b.Length));
        _length += stored;
        foreach (var page in b.Pages) _freePages.Push(page);
        _pagesHeld -= b.Pages.Count;
        b.Pages.Clear();
        b.Length = b.LastUsed = 0;
    }

    // ---- one record ----------------------------------------------------------------------------------------------

    private enum Tag : byte { Null, Number, Integer, Boolean, Date, Text, WholeNumber }

    /// <summary>A number the data mostly holds (100, 0, an income in đồng): written in one to five bytes instead of eight.</summary>
    private static bool IsSmallWhole(double d) => d is >= 0 and <= int.MaxValue && Math.Floor(d) == d && !double.IsNegative(d);

    private int NumberOf(string name)
    {
        if (_nameNumbers.TryGetValue(name, out var number)) return number;
        _nameNumbers[name] = number = _names.Count;
        _names.Add(name);
        return number;
    }

    private void Write(BinaryWriter w, DataRecord r, int index)
    {
        w.Write7BitEncodedInt(index);
        w.Write7BitEncodedInt(NumberOf(r.Kind));
        w.Write(r.Id);
        w.Write(r.Name is not null);
        if (r.Name is not null) w.Write(r.Name);
        w.Write7BitEncodedInt(r.Parents.Count);
        if (r.Parents is Dictionary<string, string> parents) // as read: enumerated without a boxed enumerator
            foreach (var (kind, id) in parents) WriteParent(w, kind, id);
        else
            foreach (var (kind, id) in r.Parents) WriteParent(w, kind, id);
        w.Write7BitEncodedInt(r.Values.Count);
        if (r.Values is RowValues row)
            for (var i = 0; i < row.Count; i++) WriteValue(w, row.KeyAt(i), row.ValueAt(i));
        else if (r.Values is Dictionary<string, object?> values)
            foreach (var (key, value) in values) WriteValue(w, key, value);
        else
            foreach (var (key, value) in r.Values) WriteValue(w, key, value);
        w.Write7BitEncodedInt(NumberOf(r.Location.File));
        w.Write7BitEncodedInt(r.Location.Line);
        w.Write7BitEncodedInt(r.Location.Column);
    }

    private void WriteParent(BinaryWriter w, string kind, string id)
    {
        w.Write7BitEncodedInt(NumberOf(kind));
        w.Write(id);
    }

    private void WriteValue(BinaryWriter w, string key, object? value)
    {
        w.Write7BitEncodedInt(NumberOf(key));
        switch (value)
            {
                case null: w.Write((byte)Tag.Null); break;
                case double d when IsSmallWhole(d): w.Write((byte)Tag.WholeNumber); w.Write7BitEncodedInt((int)d); break;
            case double d: w.Write((byte)Tag.Number); w.Write(d); break;
                case long l: w.Write((byte)Tag.Integer); w.Write(l); break;
                case bool b: w.Write((byte)Tag.Boolean); w.Write(b); break;
                case DateOnly d: w.Write((byte)Tag.Date); w.Write(d.DayNumber); break;
                case string s: w.Write((byte)Tag.Text); w.Write(s); break;
            default: throw new InvalidOperationException($"a data value of type {value.GetType().Name} cannot be spooled");
        }
    }

    /// <summary>What reading a province back reuses from record to record: the keys of the record before, and scratch space.</summary>
    private sealed class RowsRead
    {
        public readonly List<string> Keys = new();
        public readonly List<object?> Values = new();
        public RowValues.Layout? Layout;
    }

    private static (DataRecord, int) Read(BinaryReader r, List<string> names, RowsRead rows)
    {
        var index = r.Read7BitEncodedInt();
        var kind = names[r.Read7BitEncodedInt()];
        var id = r.ReadString();
        var name = r.ReadBoolean() ? r.ReadString() : null;
        var parentCount = r.Read7BitEncodedInt();
        var parents = new Dictionary<string, string>(parentCount, StringComparer.Ordinal);
        for (var i = 0; i < parentCount; i++) parents[names[r.Read7BitEncodedInt()]] = r.ReadString();
        var count = r.Read7BitEncodedInt();
        rows.Keys.Clear();
        rows.Values.Clear();
        for (var i = 0; i < count; i++)
        {
            rows.Keys.Add(names[r.Read7BitEncodedInt()]);
            rows.Values.Add((Tag)r.ReadByte() switch
            {
                Tag.Null => null,
                Tag.Number => r.ReadDouble(),
                Tag.WholeNumber => Boxed.Of((double)r.Read7BitEncodedInt()),
                Tag.Integer => Boxed.Of(r.ReadInt64()),
                Tag.Boolean => Boxed.Of(r.ReadBoolean()),
                Tag.Date => DateOnly.FromDayNumber(r.ReadInt32()),
                _ => r.ReadString(),
            });
        }
        // The keys come back as the same strings (one per number), so the layout of the record before is found
        // without comparing texts: a province's records of a kind share one, as they did when read.
        var keys = CollectionsMarshal.AsSpan(rows.Keys);
        if (rows.Layout is null || !rows.Layout.Fits(keys)) rows.Layout = RowValues.Layout.Of(keys);
        IReadOnlyDictionary<string, object?> values;
        if (rows.Layout is not null) values = new RowValues(rows.Layout, rows.Values.ToArray());
        else
        {
            var byKey = new Dictionary<string, object?>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++) byKey[keys[i]] = rows.Values[i];
            values = byKey;
        }
        var location = new SourceLocation(names[r.Read7BitEncodedInt()], r.Read7BitEncodedInt(), r.Read7BitEncodedInt());
        return (new DataRecord(kind, id, name, parents, values, location), index);
    }

    public void Dispose() => _file.Dispose();
}
