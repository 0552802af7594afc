using System.Text;
using NtpRules.Reporting.Html;

namespace NtpRules.Reporting.Tests;

/// <summary>The page's reasons go out as their JSON is written: whatever the pieces, the text is the JSON's, '&lt;' escaped.</summary>
public sealed class HtmlReasonsTextTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(70_000)]
    public void Text_written_in_pieces_is_the_whole_with_lt_escaped(int piece)
    {
        // Vietnamese letters take two and three bytes: pieces split them.
        var json = string.Concat(Enumerable.Repeat("{\"Xã Đặng <b>\":[\"thấp hơn mức tối thiểu 80 % đối với ĐBSH\",\"<\"]}", 2_000));
        var bytes = Encoding.UTF8.GetBytes(json);
        var page = new StringWriter();
        using (var text = new HtmlReasons.ScriptText(page))
            for (var at = 0; at < bytes.Length; at += piece) text.Write(bytes.AsSpan(at, Math.Min(piece, bytes.Length - at)));
        Assert.Equal(json.Replace("<", "\\u003c"), page.ToString());
    }
}
