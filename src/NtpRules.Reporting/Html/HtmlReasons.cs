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
        var templates = new Dictionary<string[], int>(TemplateComparer.Instance);
        var names = new Dictionary<(string, string, string), string>();
        var json = new MemoryStream();
        using (var j = new Utf8JsonWriter(json, Options))
        {
            j.WriteStartObject();
            j.WriteStartObject("s");
            var order = new List<string[]>();
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
                            var (template, args) = Template(vietnamese, i);
                            if (!templates.TryGetValue(template, out var index))
                            {
                                templates[template] = index = order.Count;
                                order.Add(template);
                            }
                            j.WriteStartArray();
                            j.WriteNumberValue(index);
                            foreach (var a in args) j.WriteStringValue(a);
                            j.WriteEndArray();
                        }
                        j.WriteEndArray();
                    }
                j.WriteEndArray();
            }
            j.WriteEndObject();
            j.WriteStartArray("t");
            foreach (var t in order)
            {
                j.WriteStartArray();
                foreach (var part in t) j.WriteStringValue(part);
                j.WriteEndArray();
            }
            j.WriteEndArray();
            j.WriteEndObject();
        }
        w.Write($"<script type=\"application/json\" id=\"{ElementId}\">");
        w.Write(Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length).Replace("<", "\\u003c"));
        w.WriteLine("</script>");
    }

    /// <summary>[verdict class, verdict words, indicator id, Vietnamese template, English template] and the figures both fill.</summary>
    private static (string[] Template, IReadOnlyList<string> Args) Template(string vietnameseName, IndicatorExplanation i)
    {
        var (en, vi) = IndicatorSentences.Both(i, i.Name, vietnameseName);
        // Both languages read the same figures; should they ever differ, the page holds the filled text instead.
        var same = en.Args.SequenceEqual(vi.Args);
        string[] template = [i.NotApplicable ? "met" : i.Verdict.ToText(), VerdictWords.Of(i), i.Id,
            same ? vi.Template : Escape(vi.Text), same ? en.Template : Escape(en.Text)];
        return (template, same ? en.Args : []);
    }

    private static string Escape(string text) => text.Replace("{", "{{");

    /// <summary>Templates are equal when all their parts are.</summary>
    private sealed class TemplateComparer : IEqualityComparer<string[]>
    {
        public static readonly TemplateComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x.AsSpan().SequenceEqual(y, StringComparer.Ordinal);

        public int GetHashCode(string[] parts)
        {
            var hash = new HashCode();
            foreach (var part in parts) hash.Add(part, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }
}
