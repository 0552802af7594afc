using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;
using NtpRules.Reporting.Sentences;

namespace NtpRules.Reporting.Html;

/// <summary>
/// The reasons of a page's indicators as one JSON block for report.js: each distinct sentence template once (verdict,
/// indicator id, Vietnamese and English text with the names, thresholds and citations), then per subject section and
/// per criterion (in the order of the section's &lt;details&gt;) the template of each indicator and its figures. Most
/// of a reason is the same for every commune (name, threshold, citation); only the figures are repeated.
/// </summary>
internal static class HtmlReasons
{
    public const string ElementId = "reasons";

    // Non-ASCII stays as written (Vietnamese would triple in size as \u escapes); '<' is escaped below so that no
    // text can close the script element.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(RunInfo run, IReadOnlyList<SubjectResult> subjects, TextWriter w)
    {
        var templates = new Dictionary<TemplateKey, int>(TemplateComparer.Instance);
        var names = new Dictionary<(string, string, string), string>();
        Sentence.Builder en = new(), vi = new();
        w.Write($"<script type=\"application/json\" id=\"{ElementId}\">");
        // Straight to the page as it is written, not held whole: a province's reasons are megabytes.
        using (var j = new Utf8JsonWriter(new ScriptText(w), Options))
        {
            j.WriteStartObject();
            j.WriteStartObject("s");
            var order = new List<TemplateKey>();
            foreach (var s in subjects.Where(s => s.Standards.Count > 0))
            {
                j.WriteStartArray($"{s.Kind}-{s.Id}");
                foreach (var st in s.Standards)
                    foreach (var c in st.Criteria)
                    {
                        j.WriteStartArray();
                        foreach (var i in c.Indicators)
                        {
                            if (!names.TryGetValue((st.Id, c.Id, i.Id), out var vietnamese))
                                names[(st.Id, c.Id, i.Id)] = vietnamese = run.Vietnamese($"{st.Id}/{c.Id}/{i.Id}", i.Name);
                            var (template, same) = Template(vietnamese, i, en, vi);
                            if (!templates.TryGetValue(template, out var index))
                            {
                                templates[template] = index = order.Count;
                                order.Add(template);
                            }
                            j.WriteStartArray();
                            j.WriteNumberValue(index);
                            if (same) foreach (var a in en.Args) j.WriteStringValue(a);
                            j.WriteEndArray();
                        }
                        j.WriteEndArray();
                    }
                j.WriteEndArray();
                if (j.BytesPending >= FlushBytes) j.Flush();
            }
            j.WriteEndObject();
            j.WriteStartArray("t");
            foreach (var t in order)
            {
                j.WriteStartArray();
                j.WriteStringValue(t.VerdictClass);
                j.WriteStringValue(t.VerdictWords);
                j.WriteStringValue(t.Indicator);
                j.WriteStringValue(t.Vietnamese);
                j.WriteStringValue(t.English);
                j.WriteEndArray();
            }
            j.WriteEndArray();
            j.WriteEndObject();
        }
        w.WriteLine("</script>");
    }

    /// <summary>
    /// The template of an indicator's reason and whether the figures <paramref name="en"/> holds fill it (else the
    /// template holds the filled text, and no figures).
    /// </summary>
    private static (TemplateKey Template, bool Same) Template(string vietnameseName, IndicatorExplanation i, Sentence.Builder en, Sentence.Builder vi)
    {
        IndicatorSentences.Both(i, i.Name, vietnameseName, en, vi);
        // Both languages read the same figures; should they ever differ, the page holds the filled text instead.
        var same = en.SameArgs(vi);
        return (new TemplateKey(i.NotApplicable ? "met" : i.Verdict.ToText(), VerdictWords.Of(i), i.Id,
            same ? vi.Template : Filled(vi), same ? en.Template : Filled(en)), same);
    }

    /// <summary>The text built, as a template without figures.</summary>
    private static string Filled(Sentence.Builder b)
    {
        using var w = new StringWriter();
        b.WriteText(w, static (text, w) => w.Write(text));
        return w.ToString().Replace("{", "{{");
    }

    /// <summary>A template: [verdict class, verdict words, indicator id, Vietnamese template, English template] on the page.</summary>
    private readonly record struct TemplateKey(string VerdictClass, string VerdictWords, string Indicator, string Vietnamese, string English);

    private const int FlushBytes = 1 << 16;

    /// <summary>
    /// The JSON's UTF-8 as text on the page, '&lt;' escaped as it goes out (the writer's encoder leaves it as is) so that
    /// no text can close the script element.
    /// </summary>
    internal sealed class ScriptText(TextWriter w) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private readonly char[] _chars = new char[FlushBytes];

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (true)
            {
                // A character split between two writes is held by the decoder until its last byte comes.
                _decoder.Convert(buffer, _chars, flush: false, out var used, out var decoded, out _);
                var text = _chars.AsSpan(0, decoded);
                for (var lt = text.IndexOf('<'); lt >= 0; lt = text.IndexOf('<'))
                {
                    w.Write(text[..lt]);
                    w.Write("\\u003c");
                    text = text[(lt + 1)..];
                }
                w.Write(text);
                buffer = buffer[used..];
                if (buffer.IsEmpty) return;
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Templates are equal when all their parts are (the same template text is mostly the same string object: <see cref="Sentence.Builder.Template"/>).</summary>
    private sealed class TemplateComparer : IEqualityComparer<TemplateKey>
    {
        public static readonly TemplateComparer Instance = new();

        public bool Equals(TemplateKey x, TemplateKey y) =>
            x.English == y.English && x.Vietnamese == y.Vietnamese && x.Indicator == y.Indicator && x.VerdictClass == y.VerdictClass && x.VerdictWords == y.VerdictWords;

        // The indicator, the verdict and the templates' lengths tell templates apart well enough, without reading
        // every template through; equality reads every part.
        public int GetHashCode(TemplateKey t) => HashCode.Combine(t.Indicator, t.VerdictClass, t.English.Length, t.Vietnamese.Length);
    }
}
