using System.Text;

namespace NtpRules.Fuzzing;

/// <summary>
/// Seeded mutations of text inputs, one to three stacked per input: bit flips, truncation, wrong delimiters,
/// huge / NaN / Infinity / negative numbers, 10,000-character fields, deep nesting, byte-order marks, line-ending
/// changes, line splices and format tokens. The same seed always gives the same inputs.
/// </summary>
public sealed class Mutator(int seed, IReadOnlyList<string>? tokens = null)
{
    public const int LongField = 10_000;
    public const int DeepNesting = 10_000;

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private static readonly string[] Delimiters = [",", ";", "\t", "|", ":", " ", "=", ""];
    private static readonly string[] Numbers =
    [
        "1e308", "1e309", "-1e309", "1.7976931348623157E+308", "99999999999999999999999999999", "-9223372036854775809",
        "9223372036854775808", "NaN", "nan", ".nan", "Infinity", "-Infinity", ".inf", "-.inf", "∞", "-0", "0x10", "1,5", "1e-400", "",
    ];
    private static readonly string[] Nesting = ["[", "{", "(", "- ", "[{\"a\":", "not ", "-", "if true then "];
    private static readonly string[] Junk = ["\"", "'", "\0", "\\", "&a", "*a", "!!binary", "%", "#", "---", "...", "\u00A0", "\uFFFD", "đ", "\u202E"];

    private readonly Random _random = new(seed);
    private readonly IReadOnlyList<string> _tokens = tokens ?? [];

    /// <summary>The kinds of mutation, in the order <see cref="Mutate"/> draws them from.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        "bit flip", "truncation", "wrong delimiter", "huge number", "NaN/Infinity", "negative number", "long field",
        "deep nesting", "BOM", "CRLF", "line splice", "junk bytes", "format token",
    ];

    public byte[] Mutate(byte[] seedInput)
    {
        var data = seedInput;
        var count = 1 + _random.Next(3);
        for (var i = 0; i < count; i++) data = MutateOnce(data, _random.Next(Kinds.Count));
        return data;
    }

    private byte[] MutateOnce(byte[] data, int kind) => kind switch
    {
        0 => FlipBits(data),
        1 => data[..(data.Length == 0 ? 0 : _random.Next(data.Length))],
        2 => WrongDelimiter(data),
        3 => ReplaceNumber(data, Pick(Numbers[..7])),
        4 => ReplaceNumber(data, Pick(Numbers[7..])),
        5 => ReplaceNumber(data, null),
        6 => Insert(data, RandomPlace(data), Encoding.UTF8.GetBytes(new string(Pick(['x', '9', 'đ', ' ', '"']), LongField))),
        7 => Nest(data),
        8 => _random.Next(3) switch { 0 => [.. Bom, .. data], 1 => [.. Bom, .. Bom, .. data], _ => Insert(data, RandomPlace(data), Bom) },
        9 => LineEndings(data),
        10 => SpliceLines(data),
        11 => Insert(data, RandomPlace(data), _random.Next(4) == 0 ? [(byte)_random.Next(0x80, 0x100)] : Encoding.UTF8.GetBytes(Pick(Junk))),
        _ => _tokens.Count == 0 ? FlipBits(data) : Insert(data, RandomPlace(data), Encoding.UTF8.GetBytes(Pick(_tokens))),
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private int RandomPlace(byte[] data) => _random.Next(data.Length + 1);

    private static byte[] Insert(byte[] data, int at, byte[] piece) => [.. data.AsSpan(0, at), .. piece, .. data.AsSpan(at)];

    private byte[] FlipBits(byte[] data)
    {
        if (data.Length == 0) return [(byte)_random.Next(256)];
        var copy = (byte[])data.Clone();
        for (var n = 1 + _random.Next(4); n > 0; n--) copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
        return copy;
    }

    /// <summary>Replaces every occurrence (or one) of a delimiter by another.</summary>
    private byte[] WrongDelimiter(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        var from = Pick(Delimiters[..5]);
        var to = Pick(Delimiters);
        if (from == to) to = ";";
        if (_random.Next(2) == 0) return Encoding.UTF8.GetBytes(text.Replace(from, to));
        var at = text.IndexOf(from, _random.Next(text.Length + 1), StringComparison.Ordinal);
        return at < 0 ? data : Encoding.UTF8.GetBytes(text[..at] + to + text[(at + from.Length)..]);
    }

    /// <summary>Replaces a run of digits chosen at random by <paramref name="number"/>, or negates it when null.</summary>
    private byte[] ReplaceNumber(byte[] data, string? number)
    {
        var runs = new List<(int Start, int End)>();
        for (var i = 0; i < data.Length; i++)
        {
            if (!char.IsAsciiDigit((char)data[i])) continue;
            var start = i;
            while (i < data.Length && (char.IsAsciiDigit((char)data[i]) || data[i] == '.')) i++;
            runs.Add((start, i));
        }
        var replacement = Encoding.UTF8.GetBytes(number ?? "-");
        if (runs.Count == 0) return Insert(data, RandomPlace(data), replacement);
        var (s, e) = Pick(runs);
        return number is null ? Insert(data, s, replacement) : [.. data.AsSpan(0, s), .. replacement, .. data.AsSpan(e)];
    }

    private byte[] Nest(byte[] data)
    {
        var open = Pick(Nesting);
        var depth = _random.Next(2) == 0 ? DeepNesting : 1 + _random.Next(100);
        var sb = new StringBuilder(open.Length * depth);
        for (var i = 0; i < depth; i++) sb.Append(open);
        if (open is "[" or "{" or "(" && _random.Next(2) == 0)
            sb.Append('1').Append(open == "[" ? ']' : open == "{" ? '}' : ')', depth);
        return Insert(data, RandomPlace(data), Encoding.UTF8.GetBytes(sb.ToString()));
    }

    private byte[] LineEndings(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        return Encoding.UTF8.GetBytes(_random.Next(4) switch
        {
            0 => text.Replace("\r\n", "\n").Replace("\n", "\r\n"),
            1 => text.Replace("\r\n", "\n").Replace("\n", "\r"),
            2 => text.Replace("\r\n", "\n"),
            _ => string.Concat(text.Split('\n').Select((l, i) => i == 0 ? l : (_random.Next(2) == 0 ? "\r\n" : "\n") + l)),
        });
    }

    /// <summary>Deletes, duplicates or moves a line.</summary>
    private byte[] SpliceLines(byte[] data)
    {
        var lines = Encoding.UTF8.GetString(data).Split('\n').ToList();
        var i = _random.Next(lines.Count);
        var line = lines[i];
        switch (_random.Next(3))
        {
            case 0: lines.RemoveAt(i); break;
            case 1: lines.Insert(i, line); break;
            default: lines.RemoveAt(i); lines.Insert(_random.Next(lines.Count + 1), line); break;
        }
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }
}
