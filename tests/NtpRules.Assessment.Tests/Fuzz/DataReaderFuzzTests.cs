using NtpRules.Assessment.Data;
using NtpRules.Fuzzing;
using Xunit.Abstractions;

namespace NtpRules.Assessment.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of the CSV, JSON, YAML and .xlsx data readers: every input ends in records or in located errors,
/// never an exception, a hang over 2 s or an allocation over 256 MB.
/// </summary>
[Collection(nameof(DataReaderFuzzTests))]
public sealed class DataReaderFuzzTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyDictionary<string, FuzzTarget>> Targets = new(() =>
        DataTargets.All(RepositoryPaths.Library.Catalogue.ToRecordCatalogue(), Path.Combine(RepositoryPaths.Root, "tests", "NtpRules.Assessment.Tests", "Data", "Malformed"))
            .ToDictionary(t => t.Name));

    public static string RegressionFolder => Path.Combine(RepositoryPaths.Root, "tests", "NtpRules.Assessment.Tests", "Fuzz", "regressions");

    public static TheoryData<string> TargetNames => new() { "csv", "json", "yaml", "xlsx" };

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Ten_thousand_mutated_inputs_end_in_records_or_located_errors(string target) =>
        output.WriteLine(FuzzAssert.NoFailures(Targets.Value[target]).ToString());

    public static IEnumerable<object[]> Regressions => FuzzAssert.RegressionFiles(RegressionFolder);

    /// <summary>Inputs that once crashed or hung a reader, replayed as they were found.</summary>
    [Theory]
    [MemberData(nameof(Regressions))]
    public void Regression_input_ends_in_located_errors(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(RegressionFolder, target, file));
        Assert.Null(FuzzRunner.Check(Targets.Value[target], input));
        Assert.NotEmpty(Targets.Value[target].Run(input).Where(d => d.IsError));
    }
}
