using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace NtpRules.Reporting.Tests;

public sealed class JsonReportTests
{
    private static JsonElement Render(Assessment.Results.AssessmentReport report)
    {
        using var ms = new MemoryStream();
        JsonReportWriter.Write(report, ms);
        return JsonDocument.Parse(ms.ToArray()).RootElement.Clone();
    }

    private static string[] Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Report_has_the_schema_id_and_the_documented_shape()
    {
        var root = Render(ReportFixture.Build());

        Assert.Equal(["schema", "run", "subjects", "rollups", "targets"], Names(root));
        Assert.Equal("ntp-assessment/2", root.GetProperty("schema").GetString());

        var run = root.GetProperty("run");
        Assert.Equal(["runId", "asOf", "ruleSets", "inputs", "engine", "engineVersion", "generatedAt"], Names(run));
        Assert.Equal("2024-12-31", run.GetProperty("asOf").GetString());
        Assert.Equal(["id", "version", "file", "sha256"], Names(run.GetProperty("ruleSets")[0]));
        Assert.Equal(["file", "sha256"], Names(run.GetProperty("inputs")[0]));

        var subject = root.GetProperty("subjects")[0];
        Assert.Equal(["id", "name", "kind", "parent", "standards", "recognition", "classifications"], Names(subject));
        var standard = subject.GetProperty("standards")[0];
        Assert.Equal(["id", "name", "verdict", "criteriaMet", "criteriaTotal", "reason", "citation", "unmetRequirements", "criteria"], Names(standard));
        Assert.Equal((19, 19), (standard.GetProperty("criteriaMet").GetInt32(), standard.GetProperty("criteriaTotal").GetInt32()));
        var criterion = standard.GetProperty("criteria")[0];
        Assert.Equal(["id", "name", "verdict", "citation", "indicators"], Names(criterion));
        var indicator = criterion.GetProperty("indicators")[0];
        Assert.Equal(["id", "name", "verdict", "notApplicable", "expression", "values", "thresholds", "gap", "reason", "citation", "missing"], Names(indicator));
        Assert.Equal(85, indicator.GetProperty("values").GetProperty("irrigated_land_pct").GetDouble());
        Assert.Equal(["parameter", "value", "keys", "unit", "citation", "confidence"], Names(indicator.GetProperty("thresholds")[0]));
        Assert.Equal(JsonValueKind.Null, indicator.GetProperty("gap").ValueKind);

        var household = root.GetProperty("subjects")[2];
        Assert.Equal(["id", "label", "reason", "citation"], Names(household.GetProperty("classifications")[0]));

        var rollup = root.GetProperty("rollups")[0];
        Assert.Equal(["scope", "id", "name", "standards"], Names(rollup));
        Assert.Equal(["standard", "met", "notMet", "unknown", "averageCriteriaMet"], Names(rollup.GetProperty("standards")[0]));

        var target = root.GetProperty("targets")[0];
        Assert.Equal(["id", "name", "scope", "verdict", "actual", "target", "baseline", "gap", "reason", "citation", "confidence"], Names(target));
        Assert.Equal(30, target.GetProperty("gap").GetDouble());
    }

    [Fact]
    public void Verdicts_are_spelled_met_not_met_unknown_and_missing_values_are_null()
    {
        var root = Render(ReportFixture.Build());
        var verdicts = root.GetProperty("subjects").EnumerateArray()
            .SelectMany(s => s.GetProperty("standards").EnumerateArray()).Select(s => s.GetProperty("verdict").GetString())
            .Append(root.GetProperty("targets")[0].GetProperty("verdict").GetString());
        Assert.Equal(["met", "unknown", "not-met"], verdicts);

        var unknown = root.GetProperty("subjects")[1].GetProperty("standards")[0].GetProperty("criteria")[0].GetProperty("indicators")[0];
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("values").GetProperty("irrigated_land_pct").ValueKind);
        Assert.Equal("irrigated_land_pct", unknown.GetProperty("missing")[0].GetString());
    }

    [Fact]
    public void Any_text_in_names_and_reasons_round_trips()
    {
        Prop.ForAll<NonNull<string>, NonNull<string>>((name, reason) =>
        {
            var root = Render(ReportFixture.Build(name.Get, reason.Get));
            var subject = root.GetProperty("subjects")[0];
            return subject.GetProperty("name").GetString() == name.Get
                   && subject.GetProperty("standards")[0].GetProperty("criteria")[0].GetProperty("indicators")[0].GetProperty("reason").GetString() == reason.Get;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Vietnamese_text_is_written_as_is()
    {
        using var ms = new MemoryStream();
        JsonReportWriter.Write(ReportFixture.Build(), ms);
        Assert.Contains("\"Xã Bản Phố\"", System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }
}
