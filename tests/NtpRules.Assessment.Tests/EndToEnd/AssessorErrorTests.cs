namespace NtpRules.Assessment.Tests.EndToEnd;

/// <summary>Errors in data or rules come back as located diagnostics, never as half a report.</summary>
public sealed class AssessorErrorTests
{
    private static string Malformed(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Malformed", name);

    [Fact]
    public void A_bad_value_gives_its_location_and_no_report()
    {
        var result = RepositoryPaths.Assessor.Assess([Malformed("05-number-text-communes.csv")], new AssessmentOptions { AsOf = new DateOnly(2024, 6, 30) });
        Assert.Null(result.Report);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.EndsWith("05-number-text-communes.csv", error.Location.File);
        Assert.Equal(3, error.Location.Line);
    }

    [Fact]
    public void No_rule_set_in_force_is_an_error_not_an_empty_report()
    {
        var result = RepositoryPaths.Assessor.Assess([RepositoryPaths.Sample("lao-cai-2024")], new AssessmentOptions { AsOf = new DateOnly(2000, 1, 1) });
        Assert.Null(result.Report);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message.Contains("2000-01-01"));
    }

    [Fact]
    public void A_missing_data_folder_is_an_error()
    {
        var result = RepositoryPaths.Assessor.Assess([Path.Combine(Path.GetTempPath(), "ntp-no-such-folder")], new AssessmentOptions());
        Assert.Null(result.Report);
        Assert.Contains(result.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void Standard_and_subject_filters_narrow_the_report_but_not_the_rollups()
    {
        var result = RepositoryPaths.Assessor.Assess([RepositoryPaths.Sample("lao-cai-2024")],
            new AssessmentOptions { AsOf = new DateOnly(2024, 12, 31), Standards = ["ntm-commune"], Subject = "LC-001", Explain = false });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var subject = Assert.Single(result.Report!.Subjects);
        Assert.Equal("LC-001", subject.Id);
        Assert.Equal(["ntm-commune"], subject.Standards.Select(s => s.Id));
        var province = result.Report.Rollups.Single(r => r.Scope == "province");
        Assert.Equal(126, province.Standards.Single().Met + province.Standards.Single().NotMet + province.Standards.Single().Unknown);
        // Without explanations each indicator still carries its verdict, rule and citation.
        Assert.All(subject.Standards[0].Criteria.SelectMany(c => c.Indicators), i => Assert.Empty(i.Values));
    }
}
