using NtpRules.Assessment.Data;
using NtpRules.Language.Library;

namespace NtpRules.Assessment.Tests.Data;

/// <summary>The bundled samples read cleanly against the catalogue of the bundled rules.</summary>
public sealed class SampleDataTests
{
    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "NtpRules.sln"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("NtpRules.sln not found");
        return dir;
    }

    [Theory]
    [InlineData("lao-cai-2024", 126, 2024)]
    [InlineData("lao-cai-2025", 126, 2025)]
    public void Sample_reads_without_errors_and_has_every_commune(string sample, int communes, int year)
    {
        var root = RepoRoot();
        var catalogue = RuleLibrary.LoadDirectory(Path.Combine(root, "rules")).Catalogue.ToRecordCatalogue();
        var reading = new DataReading(catalogue, DataReading.FindFiles(Path.Combine(root, "samples", sample)));

        var records = reading.Records().ToList();

        Assert.Empty(reading.Diagnostics);
        Assert.Equal(communes, records.Count(r => r.Kind == "commune"));
        Assert.All(records.Where(r => r.Kind == "commune"), r => Assert.True(r.Parents.ContainsKey("province")));
        Assert.Equal(new DateOnly(year, 12, 31), AsOfDate.FromName(Path.Combine("samples", sample)));
    }
}
