using System.Text;
using NtpRules.Assessment.Results;

namespace NtpRules.Assessment.Partitions;

/// <summary>
/// The report entries of a province's sliced subjects (<see cref="LeafSlices"/>: households), written to a temporary
/// file as each slice settles and read back when the province's subjects go to the writers, after its other
/// subjects: so a province holds its households' entries on disk, not in memory, while its communes are assessed and
/// while it waits for the writers. <see cref="Replay"/> gives them kind by kind in the order asked, each kind's slice
/// by slice in the order added: the order the province's report has them in.
/// <para>
/// A sliced subject has no standards, recognition, C# outcomes or merge provenance (<see cref="LeafSlices"/> keeps kinds
/// with standards out; C# rules and merges are not sliced): an entry carrying any is refused rather than spooled in part.
/// </para>
/// Each slice is compressed on its own (<see cref="SpoolCompression"/>): households' entries are mostly the same few
/// hundred characters of reason.
/// The file is deleted when the spool is disposed, or when its handle is closed if the process ends first.
/// </summary>
internal sealed class LeafEntrySpool : IDisposable
{
    /// <summary>The name every such file starts with, in <see cref="Folder"/>.</summary>
    public const string FilePrefix = "ntp-leaves-";

    private readonly FileStream _file;
    private readonly Dictionary<string, List<(long Offset, int Count)>> _segments = new(StringComparer.Ordinal);
    private bool _sealed;

    public LeafEntrySpool(string? folder = null)
    {
        Folder = folder ?? Path.GetTempPath();
        var path = Path.Combine(Folder, $"{FilePrefix}{Guid.NewGuid():n}.spool");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    /// <summary>The folder the file is in.</summary>
    public string Folder { get; }

    /// <summary>How many entries were added.</summary>
    public int Count { get; private set; }

    /// <summary>Writes one slice's entries of <paramref name="kind"/> (in report order) to the file.</summary>
    public void Add(string kind, IReadOnlyList<SubjectResult> entries)
    {
        if (_sealed) throw new InvalidOperationException("entries cannot be added once replayed");
        if (entries.Count == 0) return;
        if (!_segments.TryGetValue(kind, out var segments)) _segments[kind] = segments = [];
        var offset = _file.Position;
        using (var compressed = SpoolCompression.Writing(_file))
        using (var writer = new BinaryWriter(compressed, Encoding.UTF8, leaveOpen: true))
            foreach (var e in entries) Write(writer, e);
        segments.Add((offset, entries.Count));
        Count += entries.Count;
    }

    /// <summary>Every entry, kinds in the order of <paramref name="kindOrder"/> (kinds not in it are not given), each kind's in the order added.</summary>
    public IEnumerable<SubjectResult> Replay(IEnumerable<string> kindOrder)
    {
        if (!_sealed)
        {
            _file.Flush();
            _sealed = true;
        }
        var texts = new TextReading();
        foreach (var kind in kindOrder)
        {
            if (!_segments.TryGetValue(kind, out var segments)) continue;
            foreach (var (offset, count) in segments)
            {
                _file.Position = offset;
                using var compressed = SpoolCompression.Reading(_file);
                using var reader = new BinaryReader(compressed, Encoding.UTF8, leaveOpen: true);
                for (var i = 0; i < count; i++) yield return Read(reader, texts);
            }
        }
    }

    private static void Write(BinaryWriter w, SubjectResult s)
    {
        if (s.Standards.Count > 0 || s.Recognition.Count > 0 || s.Additional is not null || s.Merge is not null)
            throw new NotSupportedException($"the report entry of {s.Kind} {s.Id} has standards, recognition, C# outcomes or a merge: it cannot be spooled");
        w.Write(s.Id);
        WriteText(w, s.Name);
        WriteText(w, s.Kind);
        WriteText(w, s.Parent);
        w.Write(s.Classifications.Count);
        foreach (var c in s.Classifications)
        {
            WriteText(w, c.Id);
            WriteText(w, c.Label);
            WriteText(w, c.Reason);
            WriteText(w, c.Citation);
        }
        w.Write(s.Rates is not null);
        if (s.Rates is { } rates)
        {
            WriteNumber(w, rates.PovertyRate);
            WriteNumber(w, rates.NearPoorRate);
            WriteText(w, rates.Source);
        }
    }

    private static void WriteText(BinaryWriter w, string? text)
    {
        w.Write(text is not null);
        if (text is not null) w.Write(text);
    }

    private static void WriteNumber(BinaryWriter w, double? value)
    {
        w.Write(value.HasValue);
        if (value is { } v) w.Write(v);
    }

    private static SubjectResult Read(BinaryReader r, TextReading texts)
    {
        string? Name() => r.ReadBoolean() ? texts.Name(r) : null;
        string? Text() => r.ReadBoolean() ? texts.Text(r) : null;

        var id = texts.Text(r);
        var name = Text();
        var kind = Name()!;
        var parent = Name();
        var classifications = new ClassificationResult[r.ReadInt32()];
        for (var i = 0; i < classifications.Length; i++)
            classifications[i] = new ClassificationResult(Name()!, Name()!, Text()!, Name()!);
        HouseholdRates? rates = null;
        if (r.ReadBoolean()) rates = new HouseholdRates(ReadNumber(r), ReadNumber(r), Name()!);
        return new SubjectResult(id, name!, kind, parent, Array.Empty<StandardResult>(), classifications) { Rates = rates };
    }

    /// <summary>
    /// Reads back what <see cref="BinaryWriter.Write(string)"/> wrote, decoding each text once into a string of its
    /// exact size: the reader's own way builds the households' long reasons in a string builder. Kinds, parents and
    /// the classifications' ids, labels and citations repeat from entry to entry: each is one string, looked up
    /// without making a new one.
    /// </summary>
    private sealed class TextReading
    {
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;
        private byte[] _bytes = new byte[1024];
        private char[] _chars = new char[1024];

        public TextReading() => _byChars = _names.GetAlternateLookup<ReadOnlySpan<char>>();

        public string Text(BinaryReader r) => Encoding.UTF8.GetString(Bytes(r));

        public string Name(BinaryReader r)
        {
            var bytes = Bytes(r);
            if (_chars.Length < bytes.Length) _chars = new char[bytes.Length * 2];
            var chars = _chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, _chars));
            if (_byChars.TryGetValue(chars, out var known)) return known;
            var name = new string(chars);
            _names[name] = name;
            return name;
        }

        private ReadOnlySpan<byte> Bytes(BinaryReader r)
        {
            var length = r.Read7BitEncodedInt();
            if (_bytes.Length < length) _bytes = new byte[length * 2];
            var bytes = _bytes.AsSpan(0, length);
            r.BaseStream.ReadExactly(bytes);
            return bytes;
        }
    }

    private static double? ReadNumber(BinaryReader r) => r.ReadBoolean() ? r.ReadDouble() : null;

    public void Dispose() => _file.Dispose();
}
