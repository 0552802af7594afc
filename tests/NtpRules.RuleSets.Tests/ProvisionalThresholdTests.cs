using NtpRules.Language.Documents;
using Xunit.Abstractions;

namespace NtpRules.RuleSets.Tests;

/// <summary>Lists the thresholds still marked provisional, which policy staff must check against the official text.</summary>
public sealed class ProvisionalThresholdTests(ITestOutputHelper output)
{
    [Fact]
    public void Lists_the_provisional_thresholds()
    {
        var listing = RepositoryPaths.Library.Parameters();
        output.WriteLine($"{listing.Confirmed} confirmed, {listing.Provisional} provisional threshold values");
        foreach (var row in listing.Rows.Where(r => r.Confidence == Confidence.Provisional))
            output.WriteLine($"{row.RuleSetId} {row.Version}  {row.Parameter}{(row.Keys.Length > 0 ? $" [{row.Keys}]" : "")} = {row.Value} {row.Unit}  ({row.Citation})");
        Assert.Equal(listing.Rows.Count, listing.Confirmed + listing.Provisional);
        // Every provisional value still names where it should come from.
        Assert.All(listing.Rows.Where(r => r.Confidence == Confidence.Provisional), r => Assert.False(string.IsNullOrWhiteSpace(r.Citation)));
    }
}
