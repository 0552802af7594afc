using System.Buffers;

namespace NtpRules.Reporting;

/// <summary>
/// A buffer that writers (a <see cref="System.Text.Json.Utf8JsonWriter"/>) fill and that goes out to a stream in
/// large writes: when a writer asks for more room than is left, and on <see cref="WriteOut"/>. A writer's flush only
/// hands its bytes over here, so flushing after every small part costs no write to the stream.
/// </summary>
internal sealed class StreamBufferWriter(Stream stream, int size) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[size];
    private int _count;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _count);
        _count += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Make(sizeHint);
        return _buffer.AsMemory(_count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Make(sizeHint);
        return _buffer.AsSpan(_count);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Make(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_count));
        _count += bytes.Length;
    }

    /// <summary>Writes the bytes held to the stream.</summary>
    public void WriteOut()
    {
        if (_count == 0) return;
        stream.Write(_buffer, 0, _count);
        _count = 0;
    }

    /// <summary>Makes room for <paramref name="sizeHint"/> bytes (at least one): writes out what is held if needed.</summary>
    private void Make(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _count >= sizeHint) return;
        WriteOut();
        if (_buffer.Length < sizeHint) _buffer = new byte[sizeHint];
    }
}
