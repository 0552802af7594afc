using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Data;

/// <summary>
/// The duplicate-id check for kinds with many rows (households), done once reading ends, in memory that does not grow
/// with the rows: each id is added as its 128-bit hash (<see cref="IdRegistry.Hash"/>) with where it was read; up to
/// <see cref="DefaultBudgetBytes"/> of them are kept, then sorted by hash and written to a temporary file as a run.
/// <see cref="Finish"/> merges the runs (<see cref="FanIn"/> at a time, a buffer each) and gives every id met before,
/// with the line of its first sight: the same finding the online check makes row by row.
/// <para>
/// The runs share one file, deleted when the check is disposed (or when its handle is closed if the process ends
/// first; <see cref="Partitions.StaleSpools"/> removes those a killed run left).
/// </para>
/// </summary>
internal sealed class DeferredIdCheck : IDisposable
{
    /// <summary>The name every such file starts with.</summary>
    public const string FilePrefix = "ntp-ids-";
    public const int DefaultBudgetBytes = 16 << 20;
    public const int FanIn = 64;
    private const int ReadBufferBytes = 1 << 16;
    /// <summary>Hash (two 64-bit halves) and the payload's length, before each payload in a run.</summary>
    private const int HeaderBytes = 20;

    private readonly string _folder;
    private readonly int _keysCapacity;
    private readonly int _payloadCapacity;
    private readonly int _fanIn;
    private FileStream? _file;
    private readonly List<(long Offset, long Length)> _runs = new();
    private Key[] _keys = new Key[1024];
    private int _count;
    /// <summary>What each id kept in memory says of where it was read (<see cref="Sighting"/>), one after the other.</summary>
    private readonly MemoryStream _payloads = new();
    private readonly BinaryWriter _writer;
    /// <summary>Kinds and file names, each written as its number.</summary>
    private readonly List<string> _names = new();
    private readonly Dictionary<string, int> _nameNumbers = new(StringComparer.Ordinal);
    private long _seen;

    /// <param name="folder">Where the runs go (the system's temporary folder if null).</param>
    /// <param name="budgetBytes">Memory for the ids kept before a run is written: half for their hashes, half for the rest.</param>
    /// <param name="fanIn">Runs merged at once: each needs a read buffer.</param>
    public DeferredIdCheck(string? folder = null, int budgetBytes = DefaultBudgetBytes, int fanIn = FanIn)
    {
        _folder = folder ?? Path.GetTempPath();
        _keysCapacity = Math.Max(2, budgetBytes / 2 / System.Runtime.CompilerServices.Unsafe.SizeOf<Key>());
        _payloadCapacity = Math.Max(256, budgetBytes / 2);
        _fanIn = Math.Max(2, fanIn);
        _writer = new BinaryWriter(_payloads, Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>How many runs have been written so far.</summary>
    public int Runs => _runs.Count;

    /// <summary>The file holding the runs, once the first is written.</summary>
    public string? FilePath => _file?.Name;

    /// <summary>
    /// One id read: <paramref name="row"/> is where its row starts (what "first seen on line" names), <paramref name="at"/>
    /// its cell; <paramref name="position"/> is the caller's own mark (where the finding goes among its others).
    /// </summary>
    public void Add(string kind, string id, SourceLocation row, SourceLocation at, int position)
    {
        if (_count == _keysCapacity || _payloads.Length + 64 + 3L * id.Length > _payloadCapacity) Spill();
        var hash = IdRegistry.Hash(kind, id);
        var offset = (int)_payloads.Position;
        _writer.Write7BitEncodedInt(row.Line);
        _writer.Write7BitEncodedInt64(_seen++);
        _writer.Write7BitEncodedInt(NumberOf(kind));
        _writer.Write7BitEncodedInt(NumberOf(row.File));
        _writer.Write7BitEncodedInt(row.Column);
        _writer.Write7BitEncodedInt(NumberOf(at.File));
        _writer.Write7BitEncodedInt(at.Line);
        _writer.Write7BitEncodedInt(at.Column);
        _writer.Write7BitEncodedInt(position);
        _writer.Write(id);
        if (_count == _keys.Length) Array.Resize(ref _keys, Math.Min(_keysCapacity, 2 * _keys.Length));
        _keys[_count++] = new Key((ulong)(hash >> 64), (ulong)hash, offset, (int)_payloads.Position - offset);
    }

    /// <summary>
    /// Every id read before under the same kind, in the order read; the ids kept in memory and the runs are then
    /// given back. The runs are read once each (and once more per level when there are more than the fan-in).
    /// </summary>
    public IReadOnlyList<Sighting> Finish()
    {
        var found = new List<Sighting>();
        if (_runs.Count == 0)
        {
            // Everything is still in memory: no file at all.
            SortKeys();
            var payloads = _payloads.GetBuffer();
            var head = -1;
            for (var i = 0; i < _count; i++)
            {
                var k = _keys[i];
                if (head < 0 || k.Hi != _keys[head].Hi || k.Lo != _keys[head].Lo) head = i;
                else found.Add(Read(payloads.AsSpan(k.Offset, k.Length), FirstLine(payloads.AsSpan(_keys[head].Offset))));
            }
            Clear();
        }
        else
        {
            Spill();
            _keys = []; // the merge needs only its read buffers
            while (_runs.Count > _fanIn) MergeFirstRuns();
            int? firstLine = null;
            ulong hi = 0, lo = 0;
            Merge(_runs, reader =>
            {
                var payload = reader.Payload;
                if (firstLine is null || reader.Hi != hi || reader.Lo != lo)
                {
                    (hi, lo, firstLine) = (reader.Hi, reader.Lo, FirstLine(payload));
                    return;
                }
                found.Add(Read(payload, firstLine.Value));
            });
            _runs.Clear();
            _file!.SetLength(0);
        }
        found.Sort((a, b) => a.Seen.CompareTo(b.Seen));
        return found;
    }

    /// <summary>An id read a second time: the later row, the first row's line, and the caller's mark.</summary>
    public readonly record struct Sighting(string Kind, string Id, SourceLocation Row, SourceLocation At, int FirstLine, int Position, long Seen);

    private Sighting Read(ReadOnlySpan<byte> payload, int firstLine)
    {
        var p = 0;
        var line = Varint(payload, ref p);
        var seen = Varint64(payload, ref p);
        var kind = _names[Varint(payload, ref p)];
        var row = new SourceLocation(_names[Varint(payload, ref p)], line, Varint(payload, ref p));
        var at = new SourceLocation(_names[Varint(payload, ref p)], Varint(payload, ref p), Varint(payload, ref p));
        var position = Varint(payload, ref p);
        var length = Varint(payload, ref p);
        var id = Encoding.UTF8.GetString(payload.Slice(p, length));
        return new Sighting(kind, id, row, at, firstLine, position, seen);
    }

    private static int FirstLine(ReadOnlySpan<byte> payload)
    {
        var p = 0;
        return Varint(payload, ref p);
    }

    private static int Varint(ReadOnlySpan<byte> bytes, ref int p) => (int)Varint64(bytes, ref p);

    private static long Varint64(ReadOnlySpan<byte> bytes, ref int p)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[p++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return (long)value;
        }
    }

    private int NumberOf(string name)
    {
        if (_nameNumbers.TryGetValue(name, out var number)) return number;
        _nameNumbers[name] = number = _names.Count;
        _names.Add(name);
        return number;
    }

    /// <summary>Ids of equal hash stay in the order read (the payload's offset), so the first of a run is the first read.</summary>
    private readonly record struct Key(ulong Hi, ulong Lo, int Offset, int Length) : IComparable<Key>
    {
        public int CompareTo(Key other)
        {
            var c = Hi.CompareTo(other.Hi);
            if (c == 0) c = Lo.CompareTo(other.Lo);
            return c != 0 ? c : Offset.CompareTo(other.Offset);
        }
    }

    private void SortKeys() => Array.Sort(_keys, 0, _count);

    private void Clear()
    {
        _count = 0;
        _payloads.SetLength(0);
    }

    /// <summary>Writes the ids kept in memory, sorted by hash, as one more run at the end of the file.</summary>
    private void Spill()
    {
        if (_count == 0) return;
        SortKeys();
        var file = File();
        var start = file.Length;
        file.Position = start;
        var payloads = _payloads.GetBuffer();
        Span<byte> header = stackalloc byte[HeaderBytes];
        for (var i = 0; i < _count; i++)
        {
            var k = _keys[i];
            WriteHeader(header, k.Hi, k.Lo, k.Length);
            file.Write(header);
            file.Write(payloads, k.Offset, k.Length);
        }
        file.Flush();
        _runs.Add((start, file.Length - start));
        Clear();
    }

    private static void WriteHeader(Span<byte> header, ulong hi, ulong lo, int length)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(header, hi);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], lo);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], length);
    }

    private FileStream File()
    {
        if (_file is not null) return _file;
        var path = Path.Combine(_folder, $"{FilePrefix}{Guid.NewGuid():n}.spool");
        return _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    /// <summary>
    /// Merges the first <see cref="_fanIn"/> runs into one at the end of the file, in their place: runs stay in the
    /// order read, so equal hashes still come first-read first.
    /// </summary>
    private void MergeFirstRuns()
    {
        var file = File();
        var start = file.Length;
        file.Position = start;
        var header = new byte[HeaderBytes];
        var first = _runs.GetRange(0, _fanIn);
        Merge(first, reader =>
        {
            WriteHeader(header, reader.Hi, reader.Lo, reader.Payload.Length);
            file.Write(header);
            file.Write(reader.Payload);
        });
        file.Flush();
        _runs.RemoveRange(0, _fanIn);
        _runs.Insert(0, (start, file.Length - start));
    }

    private delegate void EachEntry(RunReader reader);

    /// <summary>Visits the entries of the runs in hash order; of equal hashes, the earlier run's first.</summary>
    private void Merge(IReadOnlyList<(long Offset, long Length)> runs, EachEntry each)
    {
        var handle = _file!.SafeFileHandle;
        var queue = new PriorityQueue<RunReader, (ulong Hi, ulong Lo, int Run)>(runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var reader = new RunReader(handle, runs[i].Offset, runs[i].Offset + runs[i].Length, i);
            if (reader.MoveNext()) queue.Enqueue(reader, (reader.Hi, reader.Lo, i));
        }
        while (queue.TryDequeue(out var reader, out _))
        {
            each(reader);
            if (reader.MoveNext()) queue.Enqueue(reader, (reader.Hi, reader.Lo, reader.Run));
        }
    }

    /// <summary>One run read from the file in buffer-sized pieces, an entry at a time.</summary>
    private sealed class RunReader(SafeFileHandle handle, long start, long end, int run)
    {
        private byte[] _buffer = new byte[ReadBufferBytes];
        private int _position, _length, _entry;
        private long _next = start;

        public int Run { get; } = run;
        public ulong Hi { get; private set; }
        public ulong Lo { get; private set; }
        public ReadOnlySpan<byte> Payload => _buffer.AsSpan(_position + HeaderBytes, _entry - HeaderBytes);

        public bool MoveNext()
        {
            _position += _entry;
            _entry = 0;
            if (!Ensure(HeaderBytes)) return false;
            var header = _buffer.AsSpan(_position, HeaderBytes);
            Hi = BinaryPrimitives.ReadUInt64LittleEndian(header);
            Lo = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
            var size = HeaderBytes + BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
            if (!Ensure(size)) throw new EndOfStreamException("an id run ends inside an entry");
            _entry = size;
            return true;
        }

        /// <summary>True when <paramref name="bytes"/> from the current entry on are in the buffer, reading more as needed.</summary>
        private bool Ensure(int bytes)
        {
            if (_length - _position >= bytes) return true;
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, _length - _position);
            _length -= _position;
            _position = 0;
            if (bytes > _buffer.Length) Array.Resize(ref _buffer, Math.Max(bytes, 2 * _buffer.Length));
            while (_length < bytes && _next < end)
            {
                var read = RandomAccess.Read(handle, _buffer.AsSpan(_length, (int)Math.Min(_buffer.Length - _length, end - _next)), _next);
                if (read == 0) throw new EndOfStreamException("an id run ends before its length");
                _length += read;
                _next += read;
            }
            return _length >= bytes;
        }
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
        _writer.Dispose();
        _payloads.Dispose();
    }
}
