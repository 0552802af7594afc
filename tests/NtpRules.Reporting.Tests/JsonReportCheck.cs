using System.Globalization;
using System.Text.Json;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting.Tests;

/// <summary>
/// Reads a JSON report's subjects as a user would, against the report model they were written from: a field left out
/// is read as its default (and a field written is not its default), a name, citation or expression not written is
/// read from the header's definitions under the subject's ids, a threshold's unit, citation, confidence and
/// derivation from its row. Each must give the model's value back.
/// </summary>
internal sealed class JsonReportCheck
{
    private readonly JsonElement _standards;
    private readonly JsonElement _rows;
    private readonly bool _allDefined;

    /// <param name="allDefined">Whether every id a subject references must be defined, and every text the definition's
    /// (a report made from rule files): the subjects then write no name, citation, expression, unit or confidence.</param>
    public JsonReportCheck(JsonElement root, bool allDefined)
    {
        var definitions = root.GetProperty("definitions");
        (_standards, _rows, _allDefined) = (definitions.GetProperty("standards"), definitions.GetProperty("parameterRows"), allDefined);
    }

    public void Subjects(IReadOnlyList<SubjectResult> expected, JsonElement subjects)
    {
        Assert.Equal(expected.Count, subjects.GetArrayLength());
        for (var n = 0; n < expected.Count; n++) Subject(expected[n], subjects[n]);
    }

    private void Subject(SubjectResult s, JsonElement j)
    {
        Assert.Equal(s.Id, j.GetProperty("id").GetString());
        Assert.Equal(s.Name, j.GetProperty("name").GetString());
        Assert.Equal(s.Kind, j.GetProperty("kind").GetString());
        Assert.Equal(s.Parent, Optional(j, "parent")?.GetString());
        Each(s.Standards, Array(j, "standards"), Standard);
        Each(s.Recognition, Array(j, "recognition"), (r, e) =>
            Assert.Equal((r.StandardId, r.MeetsCriteria.ToText(), r.RecognitionStandardId, r.EligibleForRecognition.ToText(), r.Reason),
                (Text(e, "standard"), Text(e, "meetsCriteria"), Text(e, "recognitionStandard"), Text(e, "eligibleForRecognition"), Text(e, "reason"))));
        Each(s.Classifications, Array(j, "classifications"), (c, e) =>
            Assert.Equal((c.Id, c.Label, c.Reason, c.Citation), (Text(e, "id"), Text(e, "label"), Text(e, "reason"), Text(e, "citation"))));
    }

    private void Standard(StandardResult st, JsonElement j)
    {
        var defined = Defined(_standards, st.Id);
        Named(st.Id, st.Name, st.Verdict, st.Citation, j, defined);
        Assert.Equal((st.CriteriaMet, st.CriteriaTotal), (j.GetProperty("criteriaMet").GetInt32(), j.GetProperty("criteriaTotal").GetInt32()));
        Assert.Equal(st.Reason, Text(j, "reason"));
        Assert.Equal(st.UnmetRequirements, Array(j, "unmetRequirements").Select(e => e.GetString()));
        var criteria = defined?.GetProperty("criteria");
        Each(st.Criteria, Array(j, "criteria"), (c, e) => Criterion(c, e, criteria is { } all ? Defined(all, c.Id) : Undefined()));
    }

    private void Criterion(CriterionResult c, JsonElement j, JsonElement? defined)
    {
        Named(c.Id, c.Name, c.Verdict, c.Citation, j, defined);
        var indicators = defined?.GetProperty("indicators");
        Each(c.Indicators, Array(j, "indicators"), (i, e) => Indicator(i, e, indicators is { } all ? Defined(all, i.Id) : Undefined()));
    }

    private void Indicator(IndicatorExplanation i, JsonElement j, JsonElement? defined)
    {
        Named(i.Id, i.Name, i.Verdict, i.Citation, j, defined);
        Assert.Equal(i.NotApplicable, Optional(j, "notApplicable")?.GetBoolean() ?? false);
        Assert.Equal(i.Expression, Resolved(j, "expression", defined));
        var values = Optional(j, "values")?.EnumerateObject().ToArray() ?? [];
        Assert.True(values.Length > 0 || !j.TryGetProperty("values", out _), "an empty 'values' is written");
        Assert.Equal(i.Values.Keys, values.Select(v => v.Name));
        foreach (var v in values) Same(i.Values[v.Name], v.Value);
        Each(i.Thresholds, Array(j, "thresholds"), Threshold);
        Assert.Equal(i.Gap is { } g && double.IsFinite(g) ? g : null, Optional(j, "gap")?.GetDouble());
        Assert.Equal(i.Reason, Text(j, "reason"));
        Assert.Equal(i.Missing, Array(j, "missing").Select(e => e.GetString()));
    }

    /// <summary>A standard's, criterion's or indicator's id and verdict, and its name and citation, written or defined.</summary>
    private void Named(string id, string name, Verdict verdict, string citation, JsonElement j, JsonElement? defined)
    {
        Assert.Equal(id, Text(j, "id"));
        Assert.Equal(name, Resolved(j, "name", defined));
        Assert.Equal(verdict.ToText(), Text(j, "verdict"));
        Assert.Equal(citation, Resolved(j, "citation", defined));
    }

    private void Threshold(ThresholdUse t, JsonElement j)
    {
        Assert.Equal(t.Parameter, Text(j, "parameter"));
        Same(t.Value, j.GetProperty("value"));
        var keys = Optional(j, "keys")?.EnumerateObject().ToDictionary(k => k.Name, k => k.Value.GetString()) ?? [];
        Assert.True(keys.Count > 0 || !j.TryGetProperty("keys", out _), "empty 'keys' are written");
        Assert.Equal(t.Keys.OrderBy(k => k.Key), keys.OrderBy(k => k.Key)!);
        JsonElement? row = Optional(j, "row") is { } reference ? Defined(_rows, reference.GetString()!) : null;
        if (_allDefined) Assert.True(row is not null, $"threshold {t.Parameter} names no row");
        Assert.Equal(t.Unit, Resolved(j, "unit", row));
        Assert.Equal(t.Citation, Resolved(j, "citation", row));
        Assert.Equal(t.Confidence, Resolved(j, "confidence", row));
        Assert.Equal(t.Derivation, Optional(j, "derivation")?.GetString() ?? (row is { } r ? Optional(r, "derivation")?.GetString() : null));
    }

    /// <summary>The definition under <paramref name="id"/>; required when all must be defined.</summary>
    private JsonElement? Defined(JsonElement definitions, string id)
    {
        if (definitions.TryGetProperty(id, out var d)) return d;
        Assert.False(_allDefined, $"'{id}' is not defined");
        return null;
    }

    private JsonElement? Undefined()
    {
        Assert.False(_allDefined, "a parent is not defined");
        return null;
    }

    /// <summary>The text written in <paramref name="j"/>, else its definition's; written only when the definition does not say it.</summary>
    private string? Resolved(JsonElement j, string name, JsonElement? defined)
    {
        if (!j.TryGetProperty(name, out var written)) return defined is { } d ? d.GetProperty(name).GetString() : throw new Xunit.Sdk.XunitException($"'{name}' is neither written nor defined");
        Assert.False(_allDefined, $"'{name}' is written beside its definition");
        if (defined is { } e && e.TryGetProperty(name, out var said)) Assert.NotEqual(said.GetString(), written.GetString());
        return written.GetString();
    }

    private static string? Text(JsonElement j, string name) => j.GetProperty(name).GetString();

    /// <summary>A field that may be left out: when written, not its default (null, false).</summary>
    private static JsonElement? Optional(JsonElement j, string name)
    {
        if (!j.TryGetProperty(name, out var e)) return null;
        Assert.False(e.ValueKind is JsonValueKind.Null or JsonValueKind.False, $"'{name}' is written at its default");
        return e;
    }

    /// <summary>An array that is left out when empty.</summary>
    private static JsonElement[] Array(JsonElement j, string name)
    {
        var items = Optional(j, name)?.EnumerateArray().ToArray() ?? [];
        Assert.True(items.Length > 0 || !j.TryGetProperty(name, out _), $"an empty '{name}' is written");
        return items;
    }

    private static void Each<T>(IReadOnlyList<T> expected, JsonElement[] written, Action<T, JsonElement> check)
    {
        Assert.Equal(expected.Count, written.Length);
        for (var n = 0; n < written.Length; n++) check(expected[n], written[n]);
    }

    private static void Same(object? value, JsonElement e)
    {
        switch (value)
        {
            case null: Assert.Equal(JsonValueKind.Null, e.ValueKind); break;
            case bool b: Assert.Equal(b, e.GetBoolean()); break;
            case double d when !double.IsFinite(d): Assert.Equal(JsonValueKind.Null, e.ValueKind); break;
            case double d: Assert.Equal(d, e.GetDouble()); break;
            case DateOnly date: Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.GetString()); break;
            case string s: Assert.Equal(s, e.GetString()); break;
            default: Assert.Equal(Convert.ToDouble(value, CultureInfo.InvariantCulture), e.GetDouble()); break;
        }
    }
}
