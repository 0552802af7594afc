using NtpRules.Assessment.Data;
using NtpRules.Language.Library;

namespace NtpRules.RuleSets.Tests;

/// <summary>A sample folder's records as the assessment's own data readers validate them against the catalogue.</summary>
internal static class SampleRecords
{
    public static IReadOnlyList<DataRecord> Read(RuleLibrary library, string folder)
    {
        var reading = new DataReading(library.Catalogue.ToRecordCatalogue(), DataReading.FindFiles(Path.Combine(RepositoryPaths.Samples, folder)));
        var records = reading.Records().ToList();
        Assert.Empty(reading.Diagnostics);
        return records;
    }
}
