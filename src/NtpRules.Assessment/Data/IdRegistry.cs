namespace NtpRules.Assessment.Data;

/// <summary>
/// The ids seen so far, for the duplicate-id check, kept as 128-bit hashes with the line of first sight: about
/// 40 bytes per row whatever the id length, instead of the id strings themselves. Two unrelated 64-bit hashes must both
/// collide for a false duplicate, which for non-adversarial ids is far below one in 10^20 at a million rows.
/// </summary>
internal sealed class IdRegistry
{
    private readonly Dictionary<UInt128, int> _firstLine = new();

    public int Count => _firstLine.Count;

    /// <summary>Records the id; false (with the first line) when the kind already has it.</summary>
    public bool TryAdd(string kind, string id, int line, out int firstLine)
    {
        var key = Hash(kind, id);
        if (_firstLine.TryGetValue(key, out firstLine)) return false;
        _firstLine[key] = line;
        return true;
    }

    /// <summary>The id's hash under its kind: what both this registry and <see cref="DeferredIdCheck"/> compare.</summary>
    internal static UInt128 Hash(string kind, string id)
    {
        // FNV-1a 64 and a multiply-rotate hash with a murmur finaliser, over kind, a separator, then id.
        ulong a = 14695981039346656037UL, b = 0x9E3779B97F4A7C15UL;
        void Add(char c)
        {
            a = (a ^ c) * 1099511628211UL;
            b = ulong.RotateLeft((b ^ c) * 0xC2B2AE3D27D4EB4FUL, 29);
        }
        foreach (var c in kind) Add(c);
        Add('\0');
        foreach (var c in id) Add(c);
        b ^= b >> 33; b *= 0xFF51AFD7ED558CCDUL; b ^= b >> 33; b *= 0xC4CEB9FE1A85EC53UL; b ^= b >> 33;
        return new UInt128(a, b);
    }
}
