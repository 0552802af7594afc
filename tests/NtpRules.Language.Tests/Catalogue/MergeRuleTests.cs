using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;

namespace NtpRules.Language.Tests.Catalogue;

/// <summary>The catalogue's <c>merge:</c> rules: read in their two forms, checked against the indicator's type and base.</summary>
public sealed class MergeRuleTests
{
    private static string Text(string indicators) => "kind: catalogue\nsubjects:\n  - kind: commune\nindicators:\n" + indicators;

    /// <summary>The 1-based line of the last <c>merge:</c> in the catalogue text.</summary>
    private static int LastMergeLine(string indicators) =>
        Text(indicators).Split('\n').Select((l, i) => (l, i)).Last(x => x.l.TrimStart().StartsWith("merge:")).i + 1;

    private static (IndicatorCatalogue Catalogue, IReadOnlyList<Diagnostic> Diagnostics) Load(string indicators)
    {
        var bag = new DiagnosticBag();
        var text = Text(indicators);
        var catalogue = CatalogueLoader.Load([new SourceFile("c.yaml", text)], bag);
        return (catalogue, bag.ToList());
    }

    private const string Households = """
          - key: households
            subject: commune
            type: integer
            merge: { rule: sum, reason: "households add up" }

        """;

    [Fact]
    public void Both_forms_are_read_with_their_reason()
    {
        var (catalogue, diagnostics) = Load(Households + """
              - key: rate
                subject: commune
                type: number
                merge: { weighted_by: households, reason: "a share of households" }
              - key: market
                subject: commune
                type: boolean
                merge: any
            """);
        var rate = catalogue.FindIndicator("commune", "rate")!.Merge!;
        Assert.Equal((MergeRule.WeightedBy, "households", "a share of households"), (rate.Rule, rate.Base, rate.Reason));
        Assert.Equal(MergeRule.Any, catalogue.FindIndicator("commune", "market")!.Merge!.Rule);
        // The short form has no reason: a warning, not an error.
        var warning = Assert.Single(diagnostics);
        Assert.Equal((Severity.Warning, DiagnosticCodes.BadMergeRule), (warning.Severity, warning.Code));
        Assert.Contains("'market'", warning.Message);
    }

    [Theory]
    [InlineData("type: boolean\n    merge: { rule: sum, reason: r }", "a sum needs a number or integer, but 'x' is boolean")]
    [InlineData("type: number\n    merge: { rule: all, reason: r }", "'all' needs a boolean, but 'x' is number")]
    [InlineData("type: number\n    merge: { weighted_by: nothing, reason: r }", "'x' is weighted by 'nothing', which is no indicator of commune")]
    [InlineData("type: number\n    merge: { weighted_by: flag, reason: r }", "'x' is weighted by 'flag', which is not a number")]
    [InlineData("type: number\n    merge: { weighted_by: rate2, reason: r }", "'x' is weighted by 'rate2', whose own merge rule is not 'sum' (a base adds up)")]
    [InlineData("type: number\n    merge: average", "the merge rule of indicator 'x' is 'average', expected one of: sum, all, any, same, unknown, or { weighted_by: <indicator> }")]
    public void A_rule_that_does_not_fit_its_indicator_is_a_located_error(string body, string message)
    {
        var indicators = Households + """
              - key: flag
                subject: commune
                type: boolean
                merge: { rule: any, reason: r }
              - key: rate2
                subject: commune
                type: number
                merge: { rule: same, reason: r }
              - key: x
                subject: commune

            """ + "    " + body + "\n";
        var (_, diagnostics) = Load(indicators);
        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.BadMergeRule, error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(LastMergeLine(indicators), error.Location.Line);
    }
}
