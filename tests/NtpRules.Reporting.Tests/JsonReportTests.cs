using System.Text;
using System.Text.Json;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;
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

        Assert.Equal(["schema", "run", "definitions", "subjects", "rollups", "targets"], Names(root));
        Assert.Equal("ntp-assessment/3", root.GetProperty("schema").GetString());

        var run = root.GetProperty("run");
        Assert.Equal(["runId", "asOf", "ruleSets", "inputs", "engine", "engineVersion", "generatedAt"], Names(run));
        Assert.Equal("2024-12-31", run.GetProperty("asOf").GetString());
        Assert.Equal(["id", "version", "file", "sha256"], Names(run.GetProperty("ruleSets")[0]));
        Assert.Equal(["file", "sha256"], Names(run.GetProperty("inputs")[0]));

        var definitions = root.GetProperty("definitions");
        Assert.Equal(["standards", "parameterRows"], Names(definitions));
        var defined = definitions.GetProperty("standards").GetProperty("ntm-commune");
        Assert.Equal(["ruleSet", "name", "citation", "criteria"], Names(defined));
        var definedCriterion = defined.GetProperty("criteria").GetProperty("c03");
        Assert.Equal(["name", "citation", "indicators"], Names(definedCriterion));
        Assert.Equal(["name", "citation", "expression"], Names(definedCriterion.GetProperty("indicators").GetProperty("3.1")));
        Assert.Equal(["parameter", "unit", "keys", "citation", "confidence"], Names(definitions.GetProperty("parameterRows").GetProperty(ReportFixture.IrrigationRow)));

        // What the definitions say and the fields at their default are left out.
        var subject = root.GetProperty("subjects")[0];
        Assert.Equal(["id", "name", "kind", "parent", "standards"], Names(subject));
        var standard = subject.GetProperty("standards")[0];
        Assert.Equal(["id", "verdict", "criteriaMet", "criteriaTotal", "reason", "criteria"], Names(standard));
        Assert.Equal((19, 19), (standard.GetProperty("criteriaMet").GetInt32(), standard.GetProperty("criteriaTotal").GetInt32()));
        var criterion = standard.GetProperty("criteria")[0];
        Assert.Equal(["id", "verdict", "indicators"], Names(criterion));
        var indicator = criterion.GetProperty("indicators")[0];
        Assert.Equal(["id", "verdict", "values", "thresholds", "reason"], Names(indicator));
        Assert.Equal(85, indicator.GetProperty("values").GetProperty("irrigated_land_pct").GetDouble());
        Assert.Equal(["parameter", "value", "keys", "row"], Names(indicator.GetProperty("thresholds")[0]));
        Assert.Equal(["id", "verdict", "values", "thresholds", "reason", "missing"], Names(root.GetProperty("subjects")[1].GetProperty("standards")[0]
            .GetProperty("criteria")[0].GetProperty("indicators")[0]));

        var household = root.GetProperty("subjects")[2];
        Assert.Equal(["id", "name", "kind", "parent", "classifications"], Names(household));
        Assert.Equal(["id", "label", "reason", "citation"], Names(household.GetProperty("classifications")[0]));

        var rollup = root.GetProperty("rollups")[0];
        Assert.Equal(["scope", "id", "name", "standards"], Names(rollup));
        Assert.Equal(["standard", "met", "notMet", "unknown", "averageCriteriaMet"], Names(rollup.GetProperty("standards")[0]));

        var target = root.GetProperty("targets")[0];
        Assert.Equal(["id", "name", "scope", "verdict", "actual", "target", "baseline", "gap", "reason", "citation", "confidence"], Names(target));
        Assert.Equal(30, target.GetProperty("gap").GetDouble());
    }

    [Fact]
    public void Without_definitions_a_subject_writes_its_names_citations_expressions_and_threshold_sources()
    {
        var report = ReportFixture.Build();
        var root = Render(report with { Run = report.Run with { Definitions = RuleDefinitions.None } });

        Assert.Equal(["standards", "parameterRows"], Names(root.GetProperty("definitions")));
        Assert.Empty(Names(root.GetProperty("definitions").GetProperty("standards")));
        var standard = root.GetProperty("subjects")[0].GetProperty("standards")[0];
        Assert.Equal(["id", "name", "verdict", "criteriaMet", "criteriaTotal", "reason", "citation", "criteria"], Names(standard));
        Assert.Equal(["id", "name", "verdict", "citation", "indicators"], Names(standard.GetProperty("criteria")[0]));
        var indicator = standard.GetProperty("criteria")[0].GetProperty("indicators")[0];
        Assert.Equal(["id", "name", "verdict", "expression", "values", "thresholds", "reason", "citation"], Names(indicator));
        Assert.Equal(["parameter", "value", "keys", "unit", "citation", "confidence"], Names(indicator.GetProperty("thresholds")[0]));
        new JsonReportCheck(root, allDefined: false).Subjects(report.Subjects, root.GetProperty("subjects"));
    }

    /// <summary>
    /// A report whose subjects say what the definitions say, or something else, or name what is not defined; with
    /// fields at their default or not: read back through the definitions, it is the model.
    /// </summary>
    [Fact]
    public void Any_report_read_back_through_its_definitions_is_the_report_model()
    {
        var texts = Gen.Elements("", "Thủy lợi", "Decision 318/QĐ-TTg, Annex I, criterion 3.1", "irrigated_land_pct >= irrigation_min", "<\"'&>");
        var thresholds = Gen.Elements<ThresholdUse?>(null,
            new ThresholdUse("irrigation_min", 80.0, new Dictionary<string, string> { ["region"] = "TDMNPB" }, "%", "Decision 318/QĐ-TTg, Annex I, 3.1", "provisional", Row: ReportFixture.IrrigationRow),
            new ThresholdUse("irrigation_min", 80.0, new Dictionary<string, string>(), "%", "another citation", "provisional", Row: ReportFixture.IrrigationRow),
            new ThresholdUse("irrigation_min", null, new Dictionary<string, string>(), null, null, "none"),
            new ThresholdUse("drainage_min", 2.25, new Dictionary<string, string>(), null, null, "unpublished", "inferred", Row: "ntm-commune/drainage_min/3"));
        var indicators = Gen.Elements("3.1", "3.2").SelectMany(id => texts.SelectMany(name => texts.SelectMany(expression => texts.SelectMany(citation =>
            thresholds.SelectMany(threshold => Gen.Elements<double?>(null, 0, -2.5, double.NaN).SelectMany(gap => Gen.Elements(true, false).Select(flag =>
                ReportFixture.Indicator(id, flag ? Verdict.Met : Verdict.Unknown, flag ? 85 : null, flag ? [] : ["irrigated_land_pct"], name) with
                {
                    Expression = expression, Citation = citation, Gap = gap, NotApplicable = flag,
                    Thresholds = threshold is null ? [] : [threshold],
                    Values = flag ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["irrigated_land_pct"] = null, ["since"] = new DateOnly(2024, 1, 1) },
                })))))));
        var criteria = Gen.Elements("c03", "c04").SelectMany(id => texts.SelectMany(name => Few(indicators).Select(list =>
            new CriterionResult(id, name, Verdict.Met, [.. list], "Decision 318, criterion 3"))));
        var subjects = Gen.Elements("ntm-commune", "ntm-advanced-commune").SelectMany(id => texts.SelectMany(name => Few(criteria).SelectMany(list =>
            Gen.Elements<string?>(null, "D1").SelectMany(parent => Gen.Elements(true, false).Select(unmet =>
                new SubjectResult("C1", "Xã Bản Phố", "commune", parent,
                    [ReportFixture.Standard(Verdict.Met, 19, [.. list]) with { Id = id, Name = name, UnmetRequirements = unmet ? ["c03"] : [] }], []))))));
        var report = ReportFixture.Build();
        Prop.ForAll(Few(subjects).SelectMany(list => Gen.Elements(true, false).Select(defined => (list, defined))).ToArbitrary(), c =>
        {
            var r = report with { Subjects = [.. c.list, .. report.Subjects], Run = report.Run with { Definitions = c.defined ? ReportFixture.Definitions : RuleDefinitions.None } };
            var root = Render(r);
            new JsonReportCheck(root, allDefined: false).Subjects(r.Subjects, root.GetProperty("subjects"));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static Gen<T[]> Few<T>(Gen<T> items) => Gen.Choose(0, 3).SelectMany(n => items.ArrayOf(n));

    [Fact]
    public void Verdicts_are_spelled_met_not_met_unknown_and_missing_values_are_null()
    {
        var root = Render(ReportFixture.Build());
        var verdicts = root.GetProperty("subjects").EnumerateArray()
            .Where(s => s.TryGetProperty("standards", out _)) // a household has none: left out
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

    /// <summary>
    /// The fixture with every optional part: data problems, rates, recognition, C# rules' outcomes, a merge, a
    /// threshold with a derivation and no keys, in a shared explanation; and a subject repeating another's results (the same objects).
    /// </summary>
    private static AssessmentReport Full()
    {
        var report = ReportFixture.Build();
        var c1 = report.Subjects[0] with
        {
            Rates = new HouseholdRates(4.25, null, "households"),
            Recognition = [new RecognitionResult("ntm-commune", Verdict.Met, "ntm-commune-recognition", Verdict.Unknown, "no 'decision' <yet>")],
            Additional = [new AdditionalResult("cs-1", "Budget", Verdict.NotMet, "spent 1e-7 & more", "Law 83/2015/QH13")],
            Merge = new MergeProvenance(["C8", "C9"],
                [new MergedValue("irrigated_land_pct", 85.5, "weighted_by farmland_ha", [new("C8", 80.0, 10.5), new("C9", 91.0)], "weighted mean")]),
        };
        return report with
        {
            Run = report.Run with
            {
                DataProblems = [new DataProblem("NTP5004", "missing id", "communes.csv", 3, 1, "add an id", DataProblemEffect.RowSkipped)],
            },
            Subjects = [c1, .. report.Subjects.Skip(1), c1 with { Id = "C4" }, Derived(report.Subjects[1])],
        };
    }

    private static SubjectResult Derived(SubjectResult s)
    {
        // Shared (as the explanations of subjects with the same values are): written once, then copied.
        var indicator = ReportFixture.Indicator("3.2", Verdict.Met, 3.5) with
        {
            Thresholds = [new ThresholdUse("drainage_min", 2.25, new Dictionary<string, string>(), null, null, "unpublished", "inferred from 'Annex I' <3.1>")],
            Shared = true,
        };
        var standard = ReportFixture.Standard(Verdict.Met, 19, new CriterionResult("c03", "Thủy lợi", Verdict.Met, [indicator, indicator], "Decision 318, criterion 3"));
        return s with { Id = "C5", Standards = [standard] };
    }

    private static byte[] Bytes(AssessmentReport report)
    {
        using var ms = new MemoryStream();
        JsonReportWriter.Write(report, ms);
        return ms.ToArray();
    }

    /// <summary>The report's parts written by an indented writer, as the report was laid out before.</summary>
    private static byte[] Indented(AssessmentReport report)
    {
        using var ms = new MemoryStream();
        using (var w = JsonReportWriter.Open(ms, indented: true))
        {
            JsonReportWriter.WriteHead(w, report.Run);
            var texts = new JsonReportWriter.Texts();
            var definitions = new JsonDefinitions(report.Run.Definitions);
            foreach (var s in report.Subjects) JsonReportWriter.WriteSubject(w, s, texts, definitions);
            JsonReportWriter.WriteTail(w, report.Rollups, report.Targets);
        }
        return ms.ToArray();
    }

    [Fact]
    public void Each_subject_is_on_a_line_of_its_own_in_a_document_equal_to_the_indented_one()
    {
        var report = Full();
        var compact = Bytes(report);

        // Indenting the report gives the indented write byte for byte: same fields, values, order and escapes.
        Assert.Equal(Encoding.UTF8.GetString(Indented(report)), Reindented(Encoding.UTF8.GetString(compact)));

        // The head, one line per subject, the tail, and a line break at the end; no indentation anywhere.
        var lines = Encoding.UTF8.GetString(compact).Split('\n');
        Assert.Equal(report.Subjects.Count + 3, lines.Length);
        Assert.StartsWith("{\"schema\":\"ntp-assessment/3\",\"run\":{", lines[0]);
        Assert.EndsWith("\"subjects\":[", lines[0]);
        Assert.StartsWith("],\"rollups\":[", lines[^2]);
        Assert.Equal("", lines[^1]);
        Assert.DoesNotContain(lines, l => l.StartsWith(' '));
        var subjects = JsonDocument.Parse(compact).RootElement.GetProperty("subjects");
        for (var n = 0; n < report.Subjects.Count; n++)
        {
            var line = lines[1 + n];
            Assert.Equal(n < report.Subjects.Count - 1, line.EndsWith("},"));
            using var subject = JsonDocument.Parse(line.TrimEnd(','));
            Assert.Equal(report.Subjects[n].Id, subject.RootElement.GetProperty("id").GetString());
            Assert.True(JsonElement.DeepEquals(subjects[n], subject.RootElement), line);
        }
        new JsonReportCheck(JsonDocument.Parse(compact).RootElement, allDefined: false).Subjects(report.Subjects, subjects);
    }

    [Fact]
    public void A_report_without_subjects_is_a_head_line_and_a_tail_line()
    {
        var report = ReportFixture.Build() with { Subjects = [] };
        var text = Encoding.UTF8.GetString(Bytes(report));

        var lines = text.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.EndsWith("\"subjects\":[", lines[0]);
        Assert.StartsWith("],\"rollups\":[", lines[1]);
        Assert.Equal(0, JsonDocument.Parse(text).RootElement.GetProperty("subjects").GetArrayLength());
        Assert.Equal(Encoding.UTF8.GetString(Indented(report)), Reindented(text));
    }

    private static string Reindented(string json)
    {
        using var ms = new MemoryStream();
        using (var w = JsonReportWriter.Open(ms, indented: true)) JsonDocument.Parse(json).WriteTo(w);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static string Written(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = JsonReportWriter.Open(ms, indented: false)) write(w);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static bool WholeNumberIsWrittenAsDoubles(double v) =>
        !JsonReportWriter.IsShortInteger(v) || Written(w => w.WriteNumberValue((long)v)) == Written(w => w.WriteNumberValue(v));

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(-0.0, false)]
    [InlineData(100.0, true)]
    [InlineData(-7.0, true)]
    [InlineData(999_999_999_999_999.0, true)]
    [InlineData(1e15, false)]
    [InlineData(-1e15, false)]
    [InlineData(92.8, false)]
    [InlineData(1e-7, false)]
    public void Whole_numbers_below_1e15_are_written_as_integers_with_the_text_of_doubles(double v, bool integer)
    {
        Assert.Equal(integer, JsonReportWriter.IsShortInteger(v));
        Assert.True(WholeNumberIsWrittenAsDoubles(v), Written(w => w.WriteNumberValue(v)));
    }

    [Fact]
    public void Any_whole_number_written_as_an_integer_has_the_text_of_the_double()
    {
        Prop.ForAll<long>(l => WholeNumberIsWrittenAsDoubles(l)).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
        Prop.ForAll<long, int>((l, e) => WholeNumberIsWrittenAsDoubles(l * Math.Pow(10, Math.Abs(e % 16))))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Texts_write_what_the_writer_writes_past_a_grown_table_and_past_its_limit()
    {
        // More texts than the table holds (65,536), each written twice, some needing escapes.
        var strings = Enumerable.Range(0, 70_000).Select(n => n % 7 == 0 ? $"'{n}' <Thủy lợi>" : $"t{n}").ToArray();
        var texts = new JsonReportWriter.Texts();
        var name = JsonEncodedText.Encode("n");
        var cached = Written(w =>
        {
            w.WriteStartArray();
            foreach (var s in strings.Concat(strings))
            {
                w.WriteStartObject();
                texts.Write(w, name, s);
                texts.WriteName(w, s);
                w.WriteNullValue();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        var plain = Written(w =>
        {
            w.WriteStartArray();
            foreach (var s in strings.Concat(strings))
            {
                w.WriteStartObject();
                w.WriteString(name, s);
                w.WritePropertyName(s);
                w.WriteNullValue();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        Assert.Equal(plain, cached);
    }

    [Fact]
    public void Vietnamese_text_is_written_as_is()
    {
        using var ms = new MemoryStream();
        JsonReportWriter.Write(ReportFixture.Build(), ms);
        Assert.Contains("\"Xã Bản Phố\"", System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }
}
