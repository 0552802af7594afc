using System.Collections.Concurrent;
using System.Text;

namespace NtpRules.Reporting.Sentences;

/// <summary>
/// A sentence for people as a template and the subject's own figures: "{0}" stands for <see cref="Args"/>[0], "{{" for a
/// brace. Subjects reading the same threshold share the template, so a page can hold each template once and only the
/// figures per subject (the HTML pages' script fills them in the same way as <see cref="Text"/>).
/// </summary>
public sealed record Sentence(string Template, IReadOnlyList<string> Args)
{
    public string Text
    {
        get
        {
            var w = new StringWriter(new StringBuilder(Template.Length + 16));
            Fill(Template, Args, w, static (text, w) => w.Write(text));
            return w.ToString();
        }
    }

    public override string ToString() => Text;

    /// <summary>Writes a piece of a sentence's text (escaped as its report needs).</summary>
    internal delegate void TextWriting(ReadOnlySpan<char> text, TextWriter w);

    /// <summary>The text of <paramref name="template"/> filled with <paramref name="args"/>, piece by piece through <paramref name="write"/>.</summary>
    internal static void Fill(ReadOnlySpan<char> template, IReadOnlyList<string> args, TextWriter w, TextWriting write) =>
        Fill(template, new Strings(args), w, write);

    /// <summary>The figures that fill a template's slots, by slot.</summary>
    internal interface IFigures
    {
        ReadOnlySpan<char> this[int slot] { get; }
    }

    private readonly struct Strings(IReadOnlyList<string> args) : IFigures
    {
        public ReadOnlySpan<char> this[int slot] => args[slot];
    }

    /// <summary>The text of <paramref name="template"/> filled with <paramref name="figures"/>, piece by piece through <paramref name="write"/>.</summary>
    internal static void Fill<TFigures>(ReadOnlySpan<char> template, TFigures figures, TextWriter w, TextWriting write) where TFigures : IFigures
    {
        var start = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{') continue;
            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                write(template[start..(i + 1)], w); // one brace of the two
                start = ++i + 1;
            }
            else if (i + 2 < template.Length && char.IsAsciiDigit(template[i + 1]) && template[i + 2] == '}')
            {
                write(template[start..i], w);
                write(figures[template[i + 1] - '0'], w);
                i += 2;
                start = i + 1;
            }
        }
        write(template[start..], w);
    }

    /// <summary>
    /// Builds a template: literal text (braces doubled) and slots for figures, at most ten. A builder is reused: what it
    /// built is read (<see cref="Template"/>, <see cref="Args"/>) before it is <see cref="Clear"/>ed for the next one.
    /// </summary>
    internal sealed class Builder
    {
        private char[] _template = new char[256];
        private int _length;
        private readonly string[] _args = new string[10];
        private int _count;

        public Builder Text(string? text) => text is null ? this : Text(text.AsSpan());

        public Builder Text(ReadOnlySpan<char> text)
        {
            var brace = text.IndexOf('{');
            if (brace < 0)
            {
                Append(text);
                return this;
            }
            Append(text[..(brace + 1)]);
            Append("{");
            return Text(text[(brace + 1)..]);
        }

        private void Append(ReadOnlySpan<char> text)
        {
            if (_length + text.Length > _template.Length) Array.Resize(ref _template, Math.Max(_template.Length * 2, _length + text.Length));
            text.CopyTo(_template.AsSpan(_length));
            _length += text.Length;
        }

        /// <summary>A figure of this subject (a value read, a gap): a slot, so the template stays shared.</summary>
        public Builder Figure(string figure)
        {
            if (_count == 10) return Text(figure);
            Append(['{', (char)('0' + _count), '}']);
            _args[_count++] = figure;
            return this;
        }

        /// <summary>The template built: the same string object every time it is the same text (<see cref="Templates"/>).</summary>
        public string Template
        {
            get
            {
                // A builder makes the same few hundred templates over and over: those it made last are checked first,
                // without hashing the whole text (a template is a few hundred characters).
                var text = _template.AsSpan(0, _length);
                ref var recent = ref _recent[RecentSlot(text)];
                if (recent is not null && text.SequenceEqual(recent)) return recent;
                return recent = Templates.Of(text);
            }
        }

        private readonly string?[] _recent = new string?[256];

        /// <summary>The slot of <see cref="_recent"/> a text may be found in: from its length and a few of its characters.</summary>
        private static int RecentSlot(ReadOnlySpan<char> text)
        {
            var n = text.Length;
            var h = (uint)n;
            if (n > 0) h = h * 31 + text[n / 2] + text[n / 3] * 7u + text[n * 2 / 3] * 13u + text[n * 5 / 6] * 17u + text[n - 1];
            return (int)((h ^ (h >> 8)) & 255);
        }

        /// <summary>The figures of the template built, by slot; read before <see cref="Clear"/>.</summary>
        public ReadOnlySpan<string> Args => _args.AsSpan(0, _count);

        /// <summary>Whether the two built the same figures.</summary>
        public bool SameArgs(Builder other) => Args.SequenceEqual(other.Args);

        /// <summary>The text built, piece by piece through <paramref name="write"/>.</summary>
        public void WriteText(TextWriter w, TextWriting write) => Fill(_template.AsSpan(0, _length), _args, w, write);

        /// <summary>Empties the builder, for the next sentence.</summary>
        public Builder Clear()
        {
            _length = 0;
            Array.Clear(_args, 0, _count);
            _count = 0;
            return this;
        }

        /// <summary>The sentence built; the builder is empty again, for the next one.</summary>
        public Sentence Build()
        {
            var sentence = new Sentence(Template, Args.ToArray());
            Clear();
            return sentence;
        }
    }

    /// <summary>
    /// Sentence templates, one string object per text: a report builds a template per indicator of every subject, and
    /// a few hundred distinct ones serve a country. Templates holding a subject's own text (an engine's reason) would
    /// never repeat: past <see cref="Most"/> texts, new ones are no longer kept.
    /// </summary>
    private static class Templates
    {
        private const int Most = 1 << 16;
        private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BySpan =
            Known.GetAlternateLookup<ReadOnlySpan<char>>();
        private static int _kept;

        public static string Of(ReadOnlySpan<char> text)
        {
            if (BySpan.TryGetValue(text, out var known)) return known;
            var made = new string(text);
            if (Volatile.Read(ref _kept) >= Most) return made;
            if (Known.TryAdd(made, made)) Interlocked.Increment(ref _kept);
            return Known.TryGetValue(made, out known) ? known : made;
        }
    }
}
