using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting;

/// <summary>Writes the JSON report, schema "ntp-assessment/2" (2 added subject rates and recognition, region rollups,
/// an indicator's notApplicable, a threshold's derivation and a target's confidence). Field names are part of the contract: change them only with the schema id.</summary>
internal static class JsonReportWriter
{
    public const string Schema = "ntp-assessment/2";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Vietnamese text stays readable; HTML-sensitive characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static void Write(AssessmentReport report, Stream stream)
    {
        using var w = Open(stream);
        WriteHead(w, report.Run);
        foreach (var s in report.Subjects) WriteSubject(w, s);
        WriteTail(w, report.Rollups, report.Targets);
    }

    public static Utf8JsonWriter Open(Stream stream) => new(stream, Options);

    /// <summary>The document up to the opening of the subjects: schema and run.</summary>
    public static void WriteHead(Utf8JsonWriter w, RunInfo run)
    {
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        WriteRun(w, run);
        if (run.DataProblems.Count > 0) WriteDataProblems(w, run.DataProblems);
        w.WriteStartArray("subjects");
    }

    /// <summary>The errors a lenient run read past (absent when there are none): where, what, and what was done.</summary>
    private static void WriteDataProblems(Utf8JsonWriter w, IReadOnlyList<DataProblem> problems)
    {
        w.WriteStartObject("dataProblems");
        w.WriteString("summary", DataProblem.Summary(problems));
        w.WriteStartArray("problems");
        foreach (var p in problems)
        {
            w.WriteStartObject();
            w.WriteString("code", p.Code);
            w.WriteString("file", p.File);
            w.WriteNumber("line", p.Line);
            w.WriteNumber("column", p.Column);
            w.WriteString("message", p.Message);
            if (p.Hint is not null) w.WriteString("hint", p.Hint);
            w.WriteString("effect", p.EffectText);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The rest of the document after the last subject: the roll-ups and the targets.</summary>
    public static void WriteTail(Utf8JsonWriter w, IReadOnlyList<Rollup> rollups, IReadOnlyList<TargetResult> targets)
    {
        w.WriteEndArray();
        w.WriteStartArray("rollups");
        foreach (var r in rollups) WriteRollup(w, r);
        w.WriteEndArray();
        w.WriteStartArray("targets");
        foreach (var t in targets) WriteTarget(w, t);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter w, RunInfo run)
    {
        w.WriteStartObject("run");
        w.WriteString("runId", run.RunId);
        w.WriteString("asOf", ValueText.Date(run.AsOf));
        w.WriteStartArray("ruleSets");
        foreach (var r in run.RuleSets)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("version", r.Version);
            w.WriteString("file", r.File);
            w.WriteString("sha256", r.Sha256);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("inputs");
        foreach (var i in run.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("file", i.File);
            w.WriteString("sha256", i.Sha256);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("engine", run.Engine);
        w.WriteString("engineVersion", run.EngineVersion);
        w.WriteString("generatedAt", run.GeneratedAt.ToString("O", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    public static void WriteSubject(Utf8JsonWriter w, SubjectResult s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("name", s.Name);
        w.WriteString("kind", s.Kind);
        w.WriteString("parent", s.Parent);
        w.WriteStartArray("standards");
        foreach (var st in s.Standards)
        {
            w.WriteStartObject();
            w.WriteString("id", st.Id);
            w.WriteString("name", st.Name);
            w.WriteString("verdict", st.Verdict.ToText());
            w.WriteNumber("criteriaMet", st.CriteriaMet);
            w.WriteNumber("criteriaTotal", st.CriteriaTotal);
            w.WriteString("reason", st.Reason);
            w.WriteString("citation", st.Citation);
            WriteStrings(w, "unmetRequirements", st.UnmetRequirements);
            w.WriteStartArray("criteria");
            foreach (var c in st.Criteria) WriteCriterion(w, c);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (s.Rates is { } rates)
        {
            w.WriteStartObject("rates");
            WriteNumber(w, "povertyRate", rates.PovertyRate);
            WriteNumber(w, "nearPoorRate", rates.NearPoorRate);
            w.WriteString("source", rates.Source);
            w.WriteEndObject();
        }
        w.WriteStartArray("recognition");
        foreach (var r in s.Recognition)
        {
            w.WriteStartObject();
            w.WriteString("standard", r.StandardId);
            w.WriteString("meetsCriteria", r.MeetsCriteria.ToText());
            w.WriteString("recognitionStandard", r.RecognitionStandardId);
            w.WriteString("eligibleForRecognition", r.EligibleForRecognition.ToText());
            w.WriteString("reason", r.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("classifications");
        foreach (var c in s.Classifications)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("label", c.Label);
            w.WriteString("reason", c.Reason);
            w.WriteString("citation", c.Citation);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (s.Additional is { Count: > 0 } additional)
        {
            // Only when C# rules gave outcomes, so reports of YAML rules alone keep their shape.
            w.WriteStartArray("additional");
            foreach (var a in additional)
            {
                w.WriteStartObject();
                w.WriteString("rule", a.RuleId);
                w.WriteString("title", a.Title);
                w.WriteString("verdict", a.Verdict.ToText());
                w.WriteString("reason", a.Reason);
                w.WriteString("citation", a.Citation);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (s.Merge is { } merge) WriteMerge(w, merge);
        w.WriteEndObject();
    }

    /// <summary>A merged commune's predecessors and, per indicator, the rule, each predecessor's value (and weight) and the sentence.</summary>
    private static void WriteMerge(Utf8JsonWriter w, MergeProvenance merge)
    {
        w.WriteStartObject("merge");
        WriteStrings(w, "predecessors", merge.Predecessors);
        w.WriteStartArray("values");
        foreach (var v in merge.Values)
        {
            w.WriteStartObject();
            w.WriteString("key", v.Key);
            WriteValue(w, "value", v.Value);
            w.WriteString("rule", v.Rule);
            w.WriteStartArray("from");
            foreach (var f in v.From)
            {
                w.WriteStartObject();
                w.WriteString("id", f.Id);
                WriteValue(w, "value", f.Value);
                if (f.Weight is { } weight) w.WriteNumber("weight", weight);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("explanation", v.Explanation);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCriterion(Utf8JsonWriter w, CriterionResult c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("name", c.Name);
        w.WriteString("verdict", c.Verdict.ToText());
        w.WriteString("citation", c.Citation);
        w.WriteStartArray("indicators");
        foreach (var i in c.Indicators)
        {
            w.WriteStartObject();
            w.WriteString("id", i.Id);
            w.WriteString("name", i.Name);
            w.WriteString("verdict", i.Verdict.ToText());
            w.WriteBoolean("notApplicable", i.NotApplicable);
            w.WriteString("expression", i.Expression);
            w.WriteStartObject("values");
            foreach (var (k, v) in i.Values) WriteValue(w, k, v);
            w.WriteEndObject();
            w.WriteStartArray("thresholds");
            foreach (var t in i.Thresholds)
            {
                w.WriteStartObject();
                w.WriteString("parameter", t.Parameter);
                WriteValue(w, "value", t.Value);
                w.WriteStartObject("keys");
                foreach (var (k, v) in t.Keys) w.WriteString(k, v);
                w.WriteEndObject();
                w.WriteString("unit", t.Unit);
                w.WriteString("citation", t.Citation);
                w.WriteString("confidence", t.Confidence);
                if (t.Derivation is not null) w.WriteString("derivation", t.Derivation);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteNumber(w, "gap", i.Gap);
            w.WriteString("reason", i.Reason);
            w.WriteString("citation", i.Citation);
            WriteStrings(w, "missing", i.Missing);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRollup(Utf8JsonWriter w, Rollup r)
    {
        w.WriteStartObject();
        w.WriteString("scope", r.Scope);
        w.WriteString("id", r.Id);
        w.WriteString("name", r.Name);
        w.WriteStartArray("standards");
        foreach (var s in r.Standards)
        {
            w.WriteStartObject();
            w.WriteString("standard", s.StandardId);
            w.WriteNumber("met", s.Met);
            w.WriteNumber("notMet", s.NotMet);
            w.WriteNumber("unknown", s.Unknown);
            w.WriteNumber("averageCriteriaMet", Math.Round(s.AverageCriteriaMet, 2));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter w, TargetResult t)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        w.WriteString("name", t.Name);
        w.WriteString("scope", t.Scope);
        w.WriteString("verdict", t.Verdict.ToText());
        WriteNumber(w, "actual", t.Actual);
        WriteNumber(w, "target", t.Target);
        w.WriteString("baseline", t.Baseline);
        WriteNumber(w, "gap", t.Gap);
        w.WriteString("reason", t.Reason);
        w.WriteString("citation", t.Citation);
        w.WriteString("confidence", t.Confidence);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WriteStartArray(name);
        foreach (var s in items) w.WriteStringValue(s);
        w.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void WriteValue(Utf8JsonWriter w, string name, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(name); break;
            case bool b: w.WriteBoolean(name, b); break;
            case double d: WriteNumber(w, name, d); break;
            case float f: WriteNumber(w, name, f); break;
            case decimal m: w.WriteNumber(name, m); break;
            case long l: w.WriteNumber(name, l); break;
            case int i: w.WriteNumber(name, i); break;
            case DateOnly date: w.WriteString(name, ValueText.Date(date)); break;
            default: w.WriteString(name, ValueText.Format(value)); break;
        }
    }
}
