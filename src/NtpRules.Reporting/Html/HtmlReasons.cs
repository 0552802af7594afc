using System.Runtime.InteropServices;
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
internal sealed class HtmlReasons(RunInfo run)
{
    public const string ElementId = "reasons";

    // Non-ASCII stays as written (Vietnamese would triple in size as \u escapes); '<' is escaped below so that no
    // text can close the script element.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Kept from page to page of a site: the names and their buffers serve every page, the templates are the page's own.
    private readonly Dictionary<TemplateKey, int> _templates = new(TemplateComparer.Instance);
    private readonly List<TemplateKey> _order = new();
    private readonly TextKeyedValues<string> _names = new();
    private readonly Sentence.Builder _en = new(), _vi = new();
    private readonly IndicatorSentenceCache _sentences = new();
    /// <summary>The page's number of each sentence shape met on it (its template's number).</summary>
    private readonly Dictionary<IndicatorSentenceCache.Shape, int> _shapes = new();
    private readonly ScriptText _script = new(TextWriter.Null);
    private Utf8JsonWriter? _json;
    private char[] _section = new char[64];

    /// <summary>The reasons of one page's subjects.</summary>
    public static void Write(RunInfo run, IReadOnlyList<SubjectResult> subjects, TextWriter w) => new HtmlReasons(run).Write(subjects, w);

    /// <summary>The reasons of <paramref name="subjects"/> as the page's data, their templates numbered from 0 for this page.</summary>
    public void Write(IReadOnlyList<SubjectResult> subjects, TextWriter w)
    {
        _templates.Clear();
        _order.Clear();
        _shapes.Clear();
        w.Write("<script type=\"application/json\" id=\"" + ElementId + "\">");
        // Straight to the page as it is written, not held whole: a province's reasons are megabytes.
        _script.Page = w;
        if (_json is null) _json = new Utf8JsonWriter(_script, Options);
        else _json.Reset(_script);
        var j = _json;
        j.WriteStartObject();
        j.WriteStartObject("s");
        for (var n = 0; n < subjects.Count; n++)
        {
            var s = subjects[n];
            if (s.Standards.Count == 0) continue;
            j.WriteStartArray(Section(s));
            var place = 0; // the indicator's number in the subject
            for (var sn = 0; sn < s.Standards.Count; sn++)
            {
                var st = s.Standards[sn];
                for (var cn = 0; cn < st.Criteria.Count; cn++)
                {
                    var c = st.Criteria[cn];
                    j.WriteStartArray();
                    for (var inn = 0; inn < c.Indicators.Count; inn++, place++)
                    {
                        var i = c.Indicators[inn];
                        if (!_names.TryGetValue(place, st.Id, c.Id, i.Id, out var vietnamese))
                            _names.Add(place, st.Id, c.Id, i.Id, vietnamese = run.Vietnamese($"{st.Id}/{c.Id}/{i.Id}", i.Name));
                        j.WriteStartArray();
                        if (_sentences.Of(i, i.Name, vietnamese, _en, _vi) is { } shape)
                        {
                            // Its figures fill the same template everywhere: the template is looked up once per page.
                            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_shapes, shape, out var met);
                            if (!met) index = Number(new TemplateKey(VerdictClass(i), VerdictWords.Of(i), i.Id, shape.Vietnamese!, shape.English));
                            j.WriteNumberValue(index);
                            for (var f = 0; f < _sentences.FigureCount; f++) j.WriteStringValue(_sentences[f]);
                        }
                        else
                        {
                            var (template, same) = Template(i, _en, _vi);
                            j.WriteNumberValue(Number(template));
                            if (same) foreach (var a in _en.Args) j.WriteStringValue(a);
                        }
                        j.WriteEndArray();
                    }
                    j.WriteEndArray();
                }
            }
            j.WriteEndArray();
            if (j.BytesPending >= FlushBytes) j.Flush();
        }
        j.WriteEndObject();
        j.WriteStartArray("t");
        foreach (var t in _order)
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
        j.Flush();
        _script.Page = TextWriter.Null;
        w.WriteLine("</script>");
    }

    /// <summary>A subject's key in the reasons, "kind-id" (the id of its section), without a string per subject.</summary>
    private ReadOnlySpan<char> Section(SubjectResult s)
    {
        var length = s.Kind.Length + 1 + s.Id.Length;
        if (_section.Length < length) _section = new char[Math.Max(length, _section.Length * 2)];
        s.Kind.CopyTo(_section);
        _section[s.Kind.Length] = '-';
        s.Id.CopyTo(_section.AsSpan(s.Kind.Length + 1));
        return _section.AsSpan(0, length);
    }

    /// <summary>The number of <paramref name="template"/> on the page, the next one when it is new.</summary>
    private int Number(TemplateKey template)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_templates, template, out var known);
        if (!known)
        {
            index = _order.Count;
            _order.Add(template);
        }
        return index;
    }

    private static string VerdictClass(IndicatorExplanation i) => i.NotApplicable ? "met" : i.Verdict.ToText();

    /// <summary>
    /// The template of an indicator's reason built into <paramref name="en"/> and <paramref name="vi"/>, and whether
    /// the figures <paramref name="en"/> holds fill it (else the template holds the filled text, and no figures).
    /// </summary>
    private static (TemplateKey Template, bool Same) Template(IndicatorExplanation i, Sentence.Builder en, Sentence.Builder vi)
    {
        // Both languages read the same figures; should they ever differ, the page holds the filled text instead.
        var same = en.SameArgs(vi);
        return (new TemplateKey(VerdictClass(i), VerdictWords.Of(i), i.Id, same ? vi.Template : Filled(vi), same ? en.Template : Filled(en)), same);
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
    internal sealed class ScriptText(TextWriter w) : WriteOnlyStream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private readonly char[] _chars = new char[FlushBytes];

        /// <summary>The page written to (a writer serves one page after another).</summary>
        public TextWriter Page
        {
            get => w;
            set => w = value;
        }

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
