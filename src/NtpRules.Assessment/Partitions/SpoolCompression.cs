using System.IO.Compression;

namespace NtpRules.Assessment.Partitions;

/// <summary>
/// How a temporary file written only to be read back (a spool) is compressed: deflate at its fastest level. On the
/// 2-core VM the benchmarks run on, writing to the page cache costs more CPU than deflating once a few GB wait for the
/// disk (~70 MB/s): each GB can cost ~10 s in the kernel (docs/partitioned-assessment.md, "Temporary files are
/// compressed"). The reports themselves are not compressed.
/// </summary>
public static class SpoolCompression
{
    public const CompressionLevel Level = CompressionLevel.Fastest;

    private const int BufferBytes = 1 << 16;

    /// <summary>
    /// A stream compressing into <paramref name="spool"/>, buffered: written a field at a time, deflate would be called
    /// for a few bytes each time. Disposing it writes the last block out.
    /// </summary>
    public static Stream Writing(Stream spool, bool leaveOpen = true) =>
        new BufferedStream(new DeflateStream(spool, Level, leaveOpen), BufferBytes);

    /// <summary>A stream reading back what <see cref="Writing"/> wrote from <paramref name="spool"/>'s position, buffered likewise.</summary>
    public static Stream Reading(Stream spool, bool leaveOpen = true) =>
        new BufferedStream(new DeflateStream(spool, CompressionMode.Decompress, leaveOpen), BufferBytes);
}
