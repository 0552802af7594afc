using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting;

/// <summary>Writes the JSON report, schema "ntp-assessment/3" (2 added subject rates and recognition, region rollups,
/// an indicator's notApplicable, a threshold's derivation and a target's confidence; 3 writes the rule files' names,
/// citations, expressions and parameter rows once, in <c>definitions</c>, and leaves out a subject's fields at their
/// default). Field names are part of the contract: change them only with the schema id.</summary>
internal static class JsonReportWriter
{
    public const string Schema = "ntp-assessment/3";

    private static readonly JsonWriterOptions Options = new()
    {
        // Vietnamese text stays readable; HTML-sensitive characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static void Write(AssessmentReport report, Stream stream)
    {
        var document = new Document(stream);
        document.WriteHead(report.Run);
        foreach (var s in report.Subjects) document.WriteSubject(s);
        document.WriteTail(report.Rollups, report.Targets);
    }

    /// <summary>
    /// The report written to a stream as the subjects come, without indentation but one subject per line (so that
    /// <c>grep</c> of an id or <c>head</c> shows whole subjects): the head up to <c>"subjects":[</c> on the first line,
    /// each subject on a line of its own, the roll-ups and targets on the last. The bytes go out in large writes,
    /// when the buffer is full and at the end.
    /// </summary>
    public sealed class Document
    {
        /// <summary>Bytes held before they are written to the stream.</summary>
        internal const int BufferBytes = 1 << 20;

        private readonly StreamBufferWriter _out;
        // The head and the tail: the document object, whose "subjects" array it holds open (and empty) meanwhile.
        private readonly Utf8JsonWriter _document;
        // One subject at a time, each a JSON value of its own, placed in the array by the separators written here.
        private readonly Utf8JsonWriter _subject;
        private readonly Texts _texts = new();
        private JsonDefinitions _definitions = JsonDefinitions.None;
        private bool _hasSubjects;

        public Document(Stream stream)
        {
            _out = new StreamBufferWriter(stream, BufferBytes);
            _document = new Utf8JsonWriter(_out, Options);
            // Unvalidated, for speed: the tests write the same parts through validating writers.
            _subject = new Utf8JsonWriter(_out, Options with { SkipValidation = true });
        }

        public void WriteHead(RunInfo run)
        {
            _definitions = new JsonDefinitions(run.Definitions);
            JsonReportWriter.WriteHead(_document, run);
            _document.Flush();
        }

        public void WriteSubject(SubjectResult s)
        {
            _out.Write(_hasSubjects ? ",\n"u8 : "\n"u8);
            _hasSubjects = true;
            JsonReportWriter.WriteSubject(_subject, s, _texts, _definitions);
            // Hands the bytes to the buffer (no write to the stream) and readies the writer for the next value.
            _subject.Flush();
            _subject.Reset();
        }

        /// <summary>Closes the subjects and the document and writes out what is left (the stream stays open).</summary>
        public void WriteTail(IReadOnlyList<Rollup> rollups, IReadOnlyList<TargetResult> targets)
        {
            _out.Write("\n"u8);
            JsonReportWriter.WriteTail(_document, rollups, targets);
            _document.Flush();
            _out.Write("\n"u8);
            _out.WriteOut();
        }
    }

    /// <summary>A writer of parts of the document (head, subject, tail) for tests: <paramref name="indented"/> or as the report is.</summary>
    internal static Utf8JsonWriter Open(Stream stream, bool indented) => new(stream, Options with { Indented = indented });

    /// <summary>The document up to the opening of the subjects: schema, run, data problems and definitions.</summary>
    public static void WriteHead(Utf8JsonWriter w, RunInfo run)
    {
        w.WriteStartObject();
        w.WriteString(Property.Schema, Schema);
        WriteRun(w, run);
        if (run.DataProblems.Count > 0) WriteDataProblems(w, run.DataProblems);
        WriteDefinitions(w, run.Definitions);
        w.WriteStartArray(Property.Subjects);
    }

    /// <summary>
    /// What subjects name by id: standards (with their rule set), their criteria and indicators, by id, each with its
    /// name and citation (an indicator also its expression); parameter rows by reference.
    /// </summary>
    private static void WriteDefinitions(Utf8JsonWriter w, RuleDefinitions definitions)
    {
        w.WriteStartObject(Property.Definitions);
        WriteById(w, Property.Standards, definitions.Standards, s => s.Id, s =>
        {
            w.WriteString(Property.RuleSet, s.RuleSet);
            w.WriteString(Property.Name, s.Name);
            w.WriteString(Property.Citation, s.Citation);
            WriteById(w, Property.Criteria, s.Criteria, c => c.Id, c =>
            {
                w.WriteString(Property.Name, c.Name);
                w.WriteString(Property.Citation, c.Citation);
                WriteById(w, Property.Indicators, c.Indicators, i => i.Id, i =>
                {
                    w.WriteString(Property.Name, i.Name);
                    w.WriteString(Property.Citation, i.Citation);
                    w.WriteString(Property.Expression, i.Expression);
                });
            });
        });
        WriteById(w, Property.ParameterRows, definitions.ParameterRows, r => r.Row, r =>
        {
            w.WriteString(Property.Parameter, r.Parameter);
            w.WriteString(Property.Unit, r.Unit);
            w.WriteStartObject(Property.Keys);
            foreach (var (k, v) in r.Keys) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteString(Property.Citation, r.Citation);
            w.WriteString(Property.Confidence, r.Confidence);
            if (r.Derivation is not null) w.WriteString(Property.Derivation, r.Derivation);
        });
        w.WriteEndObject();
    }

    /// <summary>An object holding an object per item under its id; the first item of an id counts (as in <see cref="JsonDefinitions"/>).</summary>
    private static void WriteById<T>(Utf8JsonWriter w, JsonEncodedText name, IEnumerable<T> items, Func<T, string> id, Action<T> write)
    {
        w.WriteStartObject(name);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!written.Add(id(item))) continue;
            w.WriteStartObject(id(item));
            write(item);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>The errors a lenient run read past (absent when there are none): where, what, and what was done.</summary>
    private static void WriteDataProblems(Utf8JsonWriter w, IReadOnlyList<DataProblem> problems)
    {
        w.WriteStartObject(Property.DataProblems);
        w.WriteString(Property.Summary, DataProblem.Summary(problems));
        w.WriteStartArray(Property.Problems);
        foreach (var p in problems)
        {
            w.WriteStartObject();
            w.WriteString(Property.Code, p.Code);
            w.WriteString(Property.File, p.File);
            w.WriteNumber(Property.Line, p.Line);
            w.WriteNumber(Property.Column, p.Column);
            w.WriteString(Property.Message, p.Message);
            if (p.Hint is not null) w.WriteString(Property.Hint, p.Hint);
            w.WriteString(Property.Effect, p.EffectText);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The rest of the document after the last subject: the roll-ups and the targets.</summary>
    public static void WriteTail(Utf8JsonWriter w, IReadOnlyList<Rollup> rollups, IReadOnlyList<TargetResult> targets)
    {
        w.WriteEndArray();
        w.WriteStartArray(Property.Rollups);
        foreach (var r in rollups) WriteRollup(w, r);
        w.WriteEndArray();
        w.WriteStartArray(Property.Targets);
        foreach (var t in targets) WriteTarget(w, t);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter w, RunInfo run)
    {
        w.WriteStartObject(Property.Run);
        w.WriteString(Property.RunId, run.RunId);
        w.WriteString(Property.AsOf, ValueText.Date(run.AsOf));
        w.WriteStartArray(Property.RuleSets);
        foreach (var r in run.RuleSets)
        {
            w.WriteStartObject();
            w.WriteString(Property.Id, r.Id);
            w.WriteString(Property.Version, r.Version);
            w.WriteString(Property.File, r.File);
            w.WriteString(Property.Sha256, r.Sha256);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray(Property.Inputs);
        foreach (var i in run.Inputs)
        {
            w.WriteStartObject();
            w.WriteString(Property.File, i.File);
            w.WriteString(Property.Sha256, i.Sha256);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString(Property.Engine, run.Engine);
        w.WriteString(Property.EngineVersion, run.EngineVersion);
        w.WriteString(Property.GeneratedAt, run.GeneratedAt.ToString("O", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    /// <summary>The property names, encoded once (a country's report writes each of a subject's a million times).</summary>
    private static class Property
    {
        public static readonly JsonEncodedText Actual = JsonEncodedText.Encode("actual");
        public static readonly JsonEncodedText Additional = JsonEncodedText.Encode("additional");
        public static readonly JsonEncodedText AsOf = JsonEncodedText.Encode("asOf");
        public static readonly JsonEncodedText AverageCriteriaMet = JsonEncodedText.Encode("averageCriteriaMet");
        public static readonly JsonEncodedText Baseline = JsonEncodedText.Encode("baseline");
        public static readonly JsonEncodedText Citation = JsonEncodedText.Encode("citation");
        public static readonly JsonEncodedText Classifications = JsonEncodedText.Encode("classifications");
        public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
        public static readonly JsonEncodedText Column = JsonEncodedText.Encode("column");
        public static readonly JsonEncodedText Confidence = JsonEncodedText.Encode("confidence");
        public static readonly JsonEncodedText Criteria = JsonEncodedText.Encode("criteria");
        public static readonly JsonEncodedText CriteriaMet = JsonEncodedText.Encode("criteriaMet");
        public static readonly JsonEncodedText CriteriaTotal = JsonEncodedText.Encode("criteriaTotal");
        public static readonly JsonEncodedText DataProblems = JsonEncodedText.Encode("dataProblems");
        public static readonly JsonEncodedText Definitions = JsonEncodedText.Encode("definitions");
        public static readonly JsonEncodedText Derivation = JsonEncodedText.Encode("derivation");
        public static readonly JsonEncodedText Effect = JsonEncodedText.Encode("effect");
        public static readonly JsonEncodedText EligibleForRecognition = JsonEncodedText.Encode("eligibleForRecognition");
        public static readonly JsonEncodedText Engine = JsonEncodedText.Encode("engine");
        public static readonly JsonEncodedText EngineVersion = JsonEncodedText.Encode("engineVersion");
        public static readonly JsonEncodedText Explanation = JsonEncodedText.Encode("explanation");
        public static readonly JsonEncodedText Expression = JsonEncodedText.Encode("expression");
        public static readonly JsonEncodedText File = JsonEncodedText.Encode("file");
        public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
        public static readonly JsonEncodedText Gap = JsonEncodedText.Encode("gap");
        public static readonly JsonEncodedText GeneratedAt = JsonEncodedText.Encode("generatedAt");
        public static readonly JsonEncodedText Hint = JsonEncodedText.Encode("hint");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Indicators = JsonEncodedText.Encode("indicators");
        public static readonly JsonEncodedText Inputs = JsonEncodedText.Encode("inputs");
        public static readonly JsonEncodedText Key = JsonEncodedText.Encode("key");
        public static readonly JsonEncodedText Keys = JsonEncodedText.Encode("keys");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
        public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
        public static readonly JsonEncodedText MeetsCriteria = JsonEncodedText.Encode("meetsCriteria");
        public static readonly JsonEncodedText Merge = JsonEncodedText.Encode("merge");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText Met = JsonEncodedText.Encode("met");
        public static readonly JsonEncodedText Missing = JsonEncodedText.Encode("missing");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText NearPoorRate = JsonEncodedText.Encode("nearPoorRate");
        public static readonly JsonEncodedText NotApplicable = JsonEncodedText.Encode("notApplicable");
        public static readonly JsonEncodedText NotMet = JsonEncodedText.Encode("notMet");
        public static readonly JsonEncodedText Parameter = JsonEncodedText.Encode("parameter");
        public static readonly JsonEncodedText ParameterRows = JsonEncodedText.Encode("parameterRows");
        public static readonly JsonEncodedText Parent = JsonEncodedText.Encode("parent");
        public static readonly JsonEncodedText PovertyRate = JsonEncodedText.Encode("povertyRate");
        public static readonly JsonEncodedText Predecessors = JsonEncodedText.Encode("predecessors");
        public static readonly JsonEncodedText Problems = JsonEncodedText.Encode("problems");
        public static readonly JsonEncodedText Rates = JsonEncodedText.Encode("rates");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText Recognition = JsonEncodedText.Encode("recognition");
        public static readonly JsonEncodedText RecognitionStandard = JsonEncodedText.Encode("recognitionStandard");
        public static readonly JsonEncodedText Rollups = JsonEncodedText.Encode("rollups");
        public static readonly JsonEncodedText Row = JsonEncodedText.Encode("row");
        public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
        public static readonly JsonEncodedText RuleSet = JsonEncodedText.Encode("ruleSet");
        public static readonly JsonEncodedText RuleSets = JsonEncodedText.Encode("ruleSets");
        public static readonly JsonEncodedText Run = JsonEncodedText.Encode("run");
        public static readonly JsonEncodedText RunId = JsonEncodedText.Encode("runId");
        public static readonly JsonEncodedText Schema = JsonEncodedText.Encode("schema");
        public static readonly JsonEncodedText Scope = JsonEncodedText.Encode("scope");
        public static readonly JsonEncodedText Sha256 = JsonEncodedText.Encode("sha256");
        public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public static readonly JsonEncodedText Standard = JsonEncodedText.Encode("standard");
        public static readonly JsonEncodedText Standards = JsonEncodedText.Encode("standards");
        public static readonly JsonEncodedText Subjects = JsonEncodedText.Encode("subjects");
        public static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
        public static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
        public static readonly JsonEncodedText Targets = JsonEncodedText.Encode("targets");
        public static readonly JsonEncodedText Thresholds = JsonEncodedText.Encode("thresholds");
        public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
        public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
        public static readonly JsonEncodedText Unknown = JsonEncodedText.Encode("unknown");
        public static readonly JsonEncodedText UnmetRequirements = JsonEncodedText.Encode("unmetRequirements");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText Values = JsonEncodedText.Encode("values");
        public static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText Weight = JsonEncodedText.Encode("weight");
    }

    private static readonly JsonEncodedText[] VerdictJsons = [.. Enum.GetValues<Verdict>().Select(v => JsonEncodedText.Encode(v.ToText()))];

    private static JsonEncodedText VerdictJson(Verdict v) => VerdictJsons[(int)v];

    /// <summary>
    /// The JSON of what comes from the rule files, escaped and encoded once per report: the texts (ids, names,
    /// citations, expressions, units) and the thresholds, which every subject repeats as the same objects, the keys
    /// here. What is seen anew when a table is full is written as any other.
    /// </summary>
    internal sealed class Texts
    {
        private readonly ReferenceTable<string, JsonEncodedText> _encoded = new(1 << 16);
        private readonly ReferenceTable<ThresholdUse, byte[]> _thresholds = new(1 << 12);
        private readonly ReferenceTable<IndicatorExplanation, byte[]> _indicators = new(1 << 16);
        // An indicator's JSON holds its thresholds': each is made on a scratch writer of its own.
        private readonly Scratch _indicator = new(), _threshold = new();

        private sealed class Scratch
        {
            public readonly ArrayBufferWriter<byte> Bytes = new();
            public Utf8JsonWriter? Writer;
        }

        private bool TryGet(string text, out JsonEncodedText encoded)
        {
            if (_encoded.TryGetValue(text, out encoded)) return true;
            if (_encoded.IsFull) return false;
            encoded = JsonEncodedText.Encode(text, Options.Encoder);
            _encoded.TryAdd(text, encoded);
            return true;
        }

        /// <summary>
        /// As <see cref="JsonReportWriter.WriteThreshold"/> writes it; the JSON of a threshold seen before is copied
        /// (one table of texts serves one document, so one set of <paramref name="definitions"/>).
        /// </summary>
        public void WriteThreshold(Utf8JsonWriter w, ThresholdUse t, JsonDefinitions definitions)
        {
            // Copied JSON has no indentation: an indented writer (tests) writes it anew each time.
            if (w.Options.Indented) JsonReportWriter.WriteThreshold(w, t, this, definitions);
            else if (_thresholds.TryGetValue(t, out var json)) w.WriteRawValue(json, skipInputValidation: true);
            else if (_thresholds.IsFull) JsonReportWriter.WriteThreshold(w, t, this, definitions);
            else
            {
                json = Copy(_threshold, w, tw => JsonReportWriter.WriteThreshold(tw, t, this, definitions));
                _thresholds.TryAdd(t, json);
                w.WriteRawValue(json, skipInputValidation: true);
            }
        }

        /// <summary>
        /// As <see cref="JsonReportWriter.WriteIndicator"/> writes it; the JSON of a shared explanation
        /// (<see cref="IndicatorExplanation.Shared"/>: many subjects' indicators read the same values) seen before is copied.
        /// </summary>
        public void WriteIndicator(Utf8JsonWriter w, IndicatorExplanation i, IndicatorDefinition? defined, JsonDefinitions definitions)
        {
            if (!i.Shared || w.Options.Indented) JsonReportWriter.WriteIndicator(w, i, defined, this, definitions);
            else if (_indicators.TryGetValue(i, out var json)) w.WriteRawValue(json, skipInputValidation: true);
            else if (_indicators.IsFull) JsonReportWriter.WriteIndicator(w, i, defined, this, definitions);
            else
            {
                json = Copy(_indicator, w, tw => JsonReportWriter.WriteIndicator(tw, i, defined, this, definitions));
                _indicators.TryAdd(i, json);
                w.WriteRawValue(json, skipInputValidation: true);
            }
        }

        /// <summary>What <paramref name="write"/> writes, as bytes (the scratch writer has <paramref name="w"/>'s options).</summary>
        private static byte[] Copy(Scratch scratch, Utf8JsonWriter w, Action<Utf8JsonWriter> write)
        {
            scratch.Bytes.ResetWrittenCount();
            var sw = scratch.Writer ??= new Utf8JsonWriter(scratch.Bytes, w.Options);
            sw.Reset(scratch.Bytes);
            write(sw);
            sw.Flush();
            return scratch.Bytes.WrittenSpan.ToArray();
        }

        /// <summary>As <see cref="Utf8JsonWriter.WriteString(JsonEncodedText, string?)"/> writes it.</summary>
        public void Write(Utf8JsonWriter w, JsonEncodedText name, string? value)
        {
            if (value is null) w.WriteNull(name);
            else if (TryGet(value, out var encoded)) w.WriteString(name, encoded);
            else w.WriteString(name, value);
        }

        /// <summary>As <see cref="Utf8JsonWriter.WritePropertyName(string)"/> writes it.</summary>
        public void WriteName(Utf8JsonWriter w, string name)
        {
            if (TryGet(name, out var encoded)) w.WritePropertyName(encoded);
            else w.WritePropertyName(name);
        }
    }

    /// <summary>
    /// A subject: what its definitions say (names, citations, expressions, a threshold's row) is left out, and so are
    /// fields at their default (null parent and gap, false notApplicable, empty arrays and objects).
    /// </summary>
    public static void WriteSubject(Utf8JsonWriter w, SubjectResult s, Texts texts, JsonDefinitions definitions)
    {
        w.WriteStartObject();
        w.WriteString(Property.Id, s.Id);
        w.WriteString(Property.Name, s.Name);
        texts.Write(w, Property.Kind, s.Kind);
        if (s.Parent is not null) w.WriteString(Property.Parent, s.Parent);
        if (s.Standards.Count > 0)
        {
            w.WriteStartArray(Property.Standards);
            for (var n = 0; n < s.Standards.Count; n++) WriteStandard(w, s.Standards[n], texts, definitions);
            w.WriteEndArray();
        }
        if (s.Rates is { } rates)
        {
            w.WriteStartObject(Property.Rates);
            WriteNumber(w, Property.PovertyRate, rates.PovertyRate);
            WriteNumber(w, Property.NearPoorRate, rates.NearPoorRate);
            w.WriteString(Property.Source, rates.Source);
            w.WriteEndObject();
        }
        if (s.Recognition.Count > 0)
        {
            w.WriteStartArray(Property.Recognition);
            for (var n = 0; n < s.Recognition.Count; n++)
            {
                var r = s.Recognition[n];
                w.WriteStartObject();
                w.WriteString(Property.Standard, r.StandardId);
                w.WriteString(Property.MeetsCriteria, VerdictJson(r.MeetsCriteria));
                w.WriteString(Property.RecognitionStandard, r.RecognitionStandardId);
                w.WriteString(Property.EligibleForRecognition, VerdictJson(r.EligibleForRecognition));
                w.WriteString(Property.Reason, r.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (s.Classifications.Count > 0)
        {
            w.WriteStartArray(Property.Classifications);
            for (var n = 0; n < s.Classifications.Count; n++)
            {
                var c = s.Classifications[n];
                w.WriteStartObject();
                texts.Write(w, Property.Id, c.Id);
                w.WriteString(Property.Label, c.Label);
                w.WriteString(Property.Reason, c.Reason);
                texts.Write(w, Property.Citation, c.Citation);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (s.Additional is { Count: > 0 } additional)
        {
            // Only when C# rules gave outcomes, so reports of YAML rules alone keep their shape.
            w.WriteStartArray(Property.Additional);
            foreach (var a in additional)
            {
                w.WriteStartObject();
                w.WriteString(Property.Rule, a.RuleId);
                w.WriteString(Property.Title, a.Title);
                w.WriteString(Property.Verdict, VerdictJson(a.Verdict));
                w.WriteString(Property.Reason, a.Reason);
                w.WriteString(Property.Citation, a.Citation);
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
        w.WriteStartObject(Property.Merge);
        WriteStrings(w, Property.Predecessors, merge.Predecessors);
        w.WriteStartArray(Property.Values);
        foreach (var v in merge.Values)
        {
            w.WriteStartObject();
            w.WriteString(Property.Key, v.Key);
            WriteValue(w, Property.Value, v.Value);
            w.WriteString(Property.Rule, v.Rule);
            w.WriteStartArray(Property.From);
            foreach (var f in v.From)
            {
                w.WriteStartObject();
                w.WriteString(Property.Id, f.Id);
                WriteValue(w, Property.Value, f.Value);
                if (f.Weight is { } weight) w.WriteNumber(Property.Weight, weight);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString(Property.Explanation, v.Explanation);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteStandard(Utf8JsonWriter w, StandardResult st, Texts texts, JsonDefinitions definitions)
    {
        var defined = definitions.Standard(st.Id, out var criteria);
        w.WriteStartObject();
        texts.Write(w, Property.Id, st.Id);
        if (JsonDefinitions.Differs(st.Name, defined?.Name)) texts.Write(w, Property.Name, st.Name);
        w.WriteString(Property.Verdict, VerdictJson(st.Verdict));
        w.WriteNumber(Property.CriteriaMet, st.CriteriaMet);
        w.WriteNumber(Property.CriteriaTotal, st.CriteriaTotal);
        w.WriteString(Property.Reason, st.Reason);
        if (JsonDefinitions.Differs(st.Citation, defined?.Citation)) texts.Write(w, Property.Citation, st.Citation);
        if (st.UnmetRequirements.Count > 0) WriteStrings(w, Property.UnmetRequirements, st.UnmetRequirements);
        if (st.Criteria.Count > 0)
        {
            w.WriteStartArray(Property.Criteria);
            for (var c = 0; c < st.Criteria.Count; c++)
                WriteCriterion(w, st.Criteria[c], criteria?.GetValueOrDefault(st.Criteria[c].Id), texts, definitions);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteCriterion(Utf8JsonWriter w, CriterionResult c, JsonDefinitions.Criterion? defined, Texts texts, JsonDefinitions definitions)
    {
        w.WriteStartObject();
        texts.Write(w, Property.Id, c.Id);
        if (JsonDefinitions.Differs(c.Name, defined?.Definition.Name)) texts.Write(w, Property.Name, c.Name);
        w.WriteString(Property.Verdict, VerdictJson(c.Verdict));
        if (JsonDefinitions.Differs(c.Citation, defined?.Definition.Citation)) texts.Write(w, Property.Citation, c.Citation);
        if (c.Indicators.Count > 0)
        {
            w.WriteStartArray(Property.Indicators);
            for (var n = 0; n < c.Indicators.Count; n++)
                texts.WriteIndicator(w, c.Indicators[n], defined?.Indicators.GetValueOrDefault(c.Indicators[n].Id), definitions);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    internal static void WriteIndicator(Utf8JsonWriter w, IndicatorExplanation i, IndicatorDefinition? defined, Texts texts, JsonDefinitions definitions)
    {
        w.WriteStartObject();
        texts.Write(w, Property.Id, i.Id);
        if (JsonDefinitions.Differs(i.Name, defined?.Name)) texts.Write(w, Property.Name, i.Name);
        w.WriteString(Property.Verdict, VerdictJson(i.Verdict));
        if (i.NotApplicable) w.WriteBoolean(Property.NotApplicable, true);
        if (JsonDefinitions.Differs(i.Expression, defined?.Expression)) texts.Write(w, Property.Expression, i.Expression);
        // Enumerating a dictionary allocates: not for the empty ones.
        if (i.Values.Count > 0)
        {
            w.WriteStartObject(Property.Values);
            foreach (var (k, v) in i.Values)
            {
                texts.WriteName(w, k);
                WriteValue(w, v);
            }
            w.WriteEndObject();
        }
        if (i.Thresholds.Count > 0)
        {
            w.WriteStartArray(Property.Thresholds);
            for (var m = 0; m < i.Thresholds.Count; m++) texts.WriteThreshold(w, i.Thresholds[m], definitions);
            w.WriteEndArray();
        }
        if (i.Gap is { } gap && double.IsFinite(gap)) WriteNumber(w, Property.Gap, gap);
        w.WriteString(Property.Reason, i.Reason);
        if (JsonDefinitions.Differs(i.Citation, defined?.Citation)) texts.Write(w, Property.Citation, i.Citation);
        if (i.Missing.Count > 0) WriteStrings(w, Property.Missing, i.Missing);
        w.WriteEndObject();
    }

    /// <summary>
    /// A threshold in force: the parameter, its value, the keys that chose the value (when there are any) and the row it
    /// came from, whose definition holds the unit, citation, confidence and derivation; without a defined row, those.
    /// </summary>
    internal static void WriteThreshold(Utf8JsonWriter w, ThresholdUse t, Texts texts, JsonDefinitions definitions)
    {
        w.WriteStartObject();
        texts.Write(w, Property.Parameter, t.Parameter);
        WriteValue(w, Property.Value, t.Value);
        if (t.Keys.Count > 0)
        {
            w.WriteStartObject(Property.Keys);
            foreach (var (k, v) in t.Keys)
            {
                texts.WriteName(w, k);
                w.WriteStringValue(v);
            }
            w.WriteEndObject();
        }
        if (definitions.DefinesRowOf(t)) texts.Write(w, Property.Row, t.Row);
        else
        {
            texts.Write(w, Property.Unit, t.Unit);
            texts.Write(w, Property.Citation, t.Citation);
            texts.Write(w, Property.Confidence, t.Confidence);
            if (t.Derivation is not null) texts.Write(w, Property.Derivation, t.Derivation);
        }
        w.WriteEndObject();
    }

    private static void WriteRollup(Utf8JsonWriter w, Rollup r)
    {
        w.WriteStartObject();
        w.WriteString(Property.Scope, r.Scope);
        w.WriteString(Property.Id, r.Id);
        w.WriteString(Property.Name, r.Name);
        w.WriteStartArray(Property.Standards);
        foreach (var s in r.Standards)
        {
            w.WriteStartObject();
            w.WriteString(Property.Standard, s.StandardId);
            w.WriteNumber(Property.Met, s.Met);
            w.WriteNumber(Property.NotMet, s.NotMet);
            w.WriteNumber(Property.Unknown, s.Unknown);
            w.WriteNumber(Property.AverageCriteriaMet, Math.Round(s.AverageCriteriaMet, 2));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter w, TargetResult t)
    {
        w.WriteStartObject();
        w.WriteString(Property.Id, t.Id);
        w.WriteString(Property.Name, t.Name);
        w.WriteString(Property.Scope, t.Scope);
        w.WriteString(Property.Verdict, VerdictJson(t.Verdict));
        WriteNumber(w, Property.Actual, t.Actual);
        WriteNumber(w, Property.Target, t.Target);
        w.WriteString(Property.Baseline, t.Baseline);
        WriteNumber(w, Property.Gap, t.Gap);
        w.WriteString(Property.Reason, t.Reason);
        w.WriteString(Property.Citation, t.Citation);
        w.WriteString(Property.Confidence, t.Confidence);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<string> items)
    {
        w.WriteStartArray(name);
        for (var n = 0; n < items.Count; n++) w.WriteStringValue(items[n]);
        w.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, JsonEncodedText name, double? value)
    {
        w.WritePropertyName(name);
        WriteNumberValue(w, value);
    }

    private static void WriteNumberValue(Utf8JsonWriter w, double? value)
    {
        if (value is not { } v || !double.IsFinite(v)) w.WriteNullValue();
        else if (IsShortInteger(v)) w.WriteNumberValue((long)v);
        else w.WriteNumberValue(v);
    }

    /// <summary>
    /// Whether <paramref name="v"/> is a whole number that a double prints as its digits (below 10^15, not -0): written
    /// as a long, it is the same text for less work than the shortest round-trip formatting of doubles.
    /// </summary>
    internal static bool IsShortInteger(double v) => Math.Abs(v) < 1e15 && v == Math.Truncate(v) && !(v == 0 && double.IsNegative(v));

    private static void WriteValue(Utf8JsonWriter w, JsonEncodedText name, object? value)
    {
        w.WritePropertyName(name);
        WriteValue(w, value);
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case double d: WriteNumberValue(w, d); break;
            case float f: WriteNumberValue(w, f); break;
            case decimal m: w.WriteNumberValue(m); break;
            case long l: w.WriteNumberValue(l); break;
            case int i: w.WriteNumberValue(i); break;
            case string s: w.WriteStringValue(s); break;
            case DateOnly date: w.WriteStringValue(ValueText.Date(date)); break;
            default: w.WriteStringValue(ValueText.Format(value)); break;
        }
    }
}
