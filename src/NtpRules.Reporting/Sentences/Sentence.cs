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
            var sb = new StringBuilder(Template.Length + 16);
            for (var i = 0; i < Template.Length; i++)
            {
                var c = Template[i];
                if (c == '{' && i + 1 < Template.Length && Template[i + 1] == '{') { sb.Append('{'); i++; }
                else if (c == '{' && i + 2 < Template.Length && char.IsAsciiDigit(Template[i + 1]) && Template[i + 2] == '}')
                {
                    sb.Append(Args[Template[i + 1] - '0']);
                    i += 2;
                }
                else sb.Append(c);
            }
            return sb.ToString();
        }
    }

    public override string ToString() => Text;

    /// <summary>Builds a template: literal text (braces doubled) and slots for figures, at most ten.</summary>
    internal sealed class Builder
    {
        private readonly StringBuilder _template = new(256);
        private readonly List<string> _args = new();

        public Builder Text(string? text)
        {
            if (!string.IsNullOrEmpty(text)) _template.Append(text.Replace("{", "{{"));
            return this;
        }

        public Builder Text(ReadOnlySpan<char> text)
        {
            if (!text.Contains('{')) _template.Append(text);
            else foreach (var c in text)
                if (c == '{') _template.Append("{{");
                else _template.Append(c);
            return this;
        }

        /// <summary>A figure of this subject (a value read, a gap): a slot, so the template stays shared.</summary>
        public Builder Figure(string figure)
        {
            if (_args.Count == 10) return Text(figure);
            _template.Append('{').Append((char)('0' + _args.Count)).Append('}');
            _args.Add(figure);
            return this;
        }

        /// <summary>The sentence built; the builder is empty again, for the next one.</summary>
        public Sentence Build()
        {
            var sentence = new Sentence(_template.ToString(), _args.ToArray());
            _template.Clear();
            _args.Clear();
            return sentence;
        }
    }
}
