using NtpRules.Reporting.Html;
using NtpRules.Reporting.Sentences;
using static NtpRules.Reporting.Html.HtmlText;

namespace NtpRules.Reporting.Tests;

/// <summary>HTML written piece by piece is the text escaped whole; templates a builder remembers are those it built.</summary>
public sealed class HtmlTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Xã Đặng")]
    [InlineData("<b>\"a\" & 'b'</b>")]
    [InlineData("&")]
    [InlineData("tail >")]
    [InlineData("<<>>&&''\"\"")]
    public void Text_escaped_as_written_is_the_text_escaped_whole(string? text)
    {
        var written = new StringWriter();
        written.WriteEscaped(text);
        Assert.Equal(HtmlReportWriter.E(text), written.ToString());
    }

    [Fact]
    public void An_element_written_through_the_handler_is_its_interpolated_string()
    {
        var name = "Xã <Đặng> & 'Hòa'";
        string? parent = null;
        var w = new StringWriter();
        w.Html($"<td data-sort=\"{Esc(name)}\">{Esc(parent)}{12}/{19}{'!'}{"<raw>"}");
        w.HtmlLine($"{Esc("a\"b")}");
        Assert.Equal($"<td data-sort=\"{HtmlReportWriter.E(name)}\">{HtmlReportWriter.E(parent)}{12}/{19}!<raw>{HtmlReportWriter.E("a\"b")}" + Environment.NewLine,
            w.ToString());
    }

    [Fact]
    public void A_builder_gives_each_text_its_one_template_among_many_it_made_interleaved()
    {
        // More texts than the builder keeps at hand, and of the same lengths: slots are shared and replaced.
        var builder = new Sentence.Builder();
        var first = new Dictionary<string, string>();
        for (var round = 0; round < 3; round++)
            for (var n = 0; n < 1_000; n++)
            {
                var text = $"Indicator {n % 10} is {{0}}, below the {n} required for region {n * 7 % 13}.";
                var template = builder.Clear().Text($"Indicator {n % 10} is ").Figure("1").Text($", below the {n} required for region {n * 7 % 13}.").Template;
                Assert.Equal(text, template);
                if (first.TryGetValue(text, out var earlier)) Assert.Same(earlier, template);
                else first[text] = template;
            }
    }
}
