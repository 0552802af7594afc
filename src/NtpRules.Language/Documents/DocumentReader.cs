using System.Globalization;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Yaml;

namespace NtpRules.Language.Documents;

/// <summary>
/// Typed reads from a positioned YAML tree. Every problem becomes a located diagnostic in the bag and the read
/// returns null, so a loader keeps going and reports everything wrong in a file at once.
/// </summary>
internal sealed class DocumentReader(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public YamlMapping? Mapping(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (node is YamlMapping m) return m;
        Diagnostics.Error(DiagnosticCodes.WrongShape, $"{what} must be a mapping (key: value), found {node.ShapeName}", node.Location);
        return null;
    }

    /// <summary>Reports keys not in <paramref name="known"/> (nor in <paramref name="extra"/>) with a "did you mean" hint.</summary>
    public void CheckKeys(YamlMapping m, string what, IReadOnlyCollection<string> known, IReadOnlyCollection<string>? extra = null)
    {
        foreach (var (key, _) in m.Entries)
        {
            if (known.Contains(key.Name) || (extra?.Contains(key.Name) ?? false)) continue;
            var candidates = extra is null ? known : known.Concat(extra);
            Diagnostics.Error(DiagnosticCodes.UnknownKey, $"unknown key '{key.Name}' in {what}", key.Location, EditDistance.Hint(key.Name, candidates));
        }
    }

    public YamlMapping? OpenMapping(YamlNode? node, string what, IReadOnlyCollection<string> known)
    {
        var m = Mapping(node, what);
        if (m is not null) CheckKeys(m, what, known);
        return m;
    }

    private YamlNode? Present(YamlMapping m, string key, string what, bool required)
    {
        var node = m[key];
        if (node is null or YamlScalar { IsNull: true } && required)
        {
            Diagnostics.Error(DiagnosticCodes.MissingKey, $"{what} has no '{key}'", node?.Location ?? m.Location);
            return null;
        }
        return node is YamlScalar { IsNull: true } ? null : node;
    }

    private YamlScalar? Scalar(YamlMapping m, string key, string what, bool required)
    {
        var node = Present(m, key, what, required);
        if (node is null or YamlScalar) return (YamlScalar?)node;
        Diagnostics.Error(DiagnosticCodes.WrongShape, $"'{key}' of {what} must be a single value, found {node.ShapeName}", node.Location);
        return null;
    }

    public string? String(YamlMapping m, string key, string what, bool required = false) =>
        Scalar(m, key, what, required)?.Value;

    public ExpressionText? Expression(YamlMapping m, string key, string what, bool required = true)
    {
        var s = Scalar(m, key, what, required);
        if (s is null) return null;
        if (string.IsNullOrWhiteSpace(s.Value))
        {
            Diagnostics.Error(DiagnosticCodes.EmptyText, $"'{key}' of {what} is empty", s.Location);
            return null;
        }
        var lead = s.Value.Length - s.Value.TrimStart().Length;   // e.g. "  x > 1" in quotes: keep columns exact
        var at = s.Value.AsSpan(0, lead).Contains('\n') ? s.TextLocation : s.TextLocation.Advance(lead);
        return new ExpressionText(s.Value.Trim(), at);
    }

    public DateOnly? Date(YamlMapping m, string key, string what, bool required = false)
    {
        var s = Scalar(m, key, what, required);
        return s is null ? null : Date(s, $"'{key}' of {what}");
    }

    public DateOnly? Date(YamlScalar s, string what)
    {
        if (DateOnly.TryParseExact(s.Value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Diagnostics.Error(DiagnosticCodes.NotADate, $"{what} is not a date: '{s.Value}'", s.Location, "write dates as YYYY-MM-DD, e.g. 2026-02-15");
        return null;
    }

    public double? Number(YamlMapping m, string key, string what, bool required = false)
    {
        var s = Scalar(m, key, what, required);
        return s is null ? null : Number(s, $"'{key}' of {what}");
    }

    public double? Number(YamlScalar s, string what)
    {
        if (double.TryParse(s.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
        Diagnostics.Error(DiagnosticCodes.NotANumber, $"{what} is not a number: '{s.Value}'", s.Location);
        return null;
    }

    public int? Integer(YamlMapping m, string key, string what, bool required = false)
    {
        var s = Scalar(m, key, what, required);
        if (s is null) return null;
        if (int.TryParse(s.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
        Diagnostics.Error(DiagnosticCodes.NotANumber, $"'{key}' of {what} is not a whole number: '{s.Value}'", s.Location);
        return null;
    }

    public bool? Boolean(YamlScalar s, string what)
    {
        switch (s.Value.Trim())
        {
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
        }
        Diagnostics.Error(DiagnosticCodes.NotABoolean, $"{what} is not true or false: '{s.Value}'", s.Location);
        return null;
    }

    /// <summary>One of a fixed set of words, e.g. <c>status: active</c>.</summary>
    public T? Choice<T>(YamlMapping m, string key, string what, IReadOnlyDictionary<string, T> choices, bool required = false) where T : struct
    {
        var s = Scalar(m, key, what, required);
        if (s is null) return null;
        if (choices.TryGetValue(s.Value.Trim(), out var v)) return v;
        Diagnostics.Error(DiagnosticCodes.BadChoice,
            $"'{key}' of {what} is '{s.Value}', expected one of: {string.Join(", ", choices.Keys)}", s.Location, EditDistance.Hint(s.Value, choices.Keys));
        return null;
    }

    public LocalizedText? Text(YamlMapping m, string key, string what, bool required = false)
    {
        var node = Present(m, key, what, required);
        switch (node)
        {
            case null: return null;
            case YamlScalar s: return new LocalizedText(null, null, s.Value);
            case YamlMapping t:
                foreach (var (k, _) in t.Entries.Where(e => !KnownKeys.Text.Contains(e.Key.Name)))
                    Diagnostics.Error(DiagnosticCodes.UnknownKey, $"unknown key '{k.Name}' in '{key}' of {what}", k.Location,
                        EditDistance.Hint(k.Name, KnownKeys.Text) ?? "a comma inside { … } ends the text; put text containing a comma in quotes");
                return new LocalizedText((t["vi"] as YamlScalar)?.Value, (t["en"] as YamlScalar)?.Value);
            default:
                Diagnostics.Error(DiagnosticCodes.WrongShape, $"'{key}' of {what} must be text or {{ vi: …, en: … }}, found {node.ShapeName}", node.Location);
                return null;
        }
    }

    public IReadOnlyList<YamlNode> List(YamlMapping m, string key, string what, bool required = false)
    {
        var node = Present(m, key, what, required);
        if (node is null) return [];
        if (node is YamlSequence seq) return seq.Items;
        Diagnostics.Error(DiagnosticCodes.WrongShape, $"'{key}' of {what} must be a list, found {node.ShapeName}", node.Location);
        return [];
    }

    /// <summary>A list of words; each element is returned with its position.</summary>
    public IReadOnlyList<YamlScalar> Words(YamlMapping m, string key, string what, bool required = false)
    {
        var result = new List<YamlScalar>();
        foreach (var item in List(m, key, what, required))
        {
            if (item is YamlScalar { IsNull: false } s) result.Add(s);
            else Diagnostics.Error(DiagnosticCodes.WrongShape, $"each item of '{key}' of {what} must be a single value, found {item.ShapeName}", item.Location);
        }
        return result;
    }

    /// <summary><c>{ from: …, to: … }</c>; <c>from</c> is required, <c>to</c> may be omitted; <c>to</c> before <c>from</c> is an error.</summary>
    public DateRange? Effective(YamlMapping m, string key, string what, bool required = false)
    {
        var node = Present(m, key, what, required);
        if (node is null) return null;
        var r = OpenMapping(node, $"'{key}' of {what}", KnownKeys.Effective);
        if (r is null) return null;
        var from = Date(r, "from", $"'{key}' of {what}", required: true);
        var to = Date(r, "to", $"'{key}' of {what}");
        if (from is null) return null;
        if (to is { } t && t < from.Value)
        {
            Diagnostics.Error(DiagnosticCodes.BadDateRange, $"'{key}' of {what} ends ({t:yyyy-MM-dd}) before it starts ({from.Value:yyyy-MM-dd})",
                r["to"]!.Location);
            return null;
        }
        return new DateRange(from.Value, to);
    }

    /// <summary>A required citation; its absence is an error for criteria and indicators and a warning elsewhere.</summary>
    public string Citation(YamlMapping m, string what, bool required)
    {
        var c = String(m, "citation", what);
        if (!string.IsNullOrWhiteSpace(c)) return c.Trim();
        var at = m.KeyOf("citation")?.Location ?? m.Location;
        if (required) Diagnostics.Error(DiagnosticCodes.MissingCitation, $"{what} has no citation", at, "add 'citation:' naming the legal text");
        else Diagnostics.Warning(DiagnosticCodes.MissingCitation, $"{what} has no citation", at);
        return "";
    }

    /// <summary>Checks the document's <c>kind:</c>.</summary>
    public void Kind(YamlMapping root, string expected, string what)
    {
        var s = Scalar(root, "kind", what, required: true);
        if (s is not null && s.Value != expected)
            Diagnostics.Error(DiagnosticCodes.WrongKind, $"expected 'kind: {expected}' in {what}, found '{s.Value}'", s.Location);
    }

    /// <summary>A plain value converted to a declared type: double, bool, string or DateOnly; null after reporting why not.</summary>
    public object? Typed(YamlScalar s, DataType type, string what) => Typed(s, type, () => what);

    /// <summary>As <see cref="Typed(YamlScalar, DataType, string)"/>, building the description only when there is an error.</summary>
    public object? Typed(YamlScalar s, DataType type, Func<string> what)
    {
        if (TryConvert(s, type, out var value)) return value;
        switch (type)
        {
            case DataType.Boolean: Boolean(s, what()); break;
            case DataType.Date: Date(s, what()); break;
            default:
                if (Number(s, what()) is not null)
                    Diagnostics.Error(DiagnosticCodes.NotANumber, $"{what()} is not a whole number: '{s.Value}'", s.Location);
                break;
        }
        return null;
    }

    private static bool TryConvert(YamlScalar s, DataType type, out object? value)
    {
        var text = s.Value.Trim();
        value = null;
        switch (type)
        {
            case DataType.Number or DataType.Integer:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)) return false;
                if (type == DataType.Integer && d != Math.Floor(d)) return false;
                value = d;
                return true;
            case DataType.Boolean:
                if (text is "true" or "True" or "TRUE") value = true;
                else if (text is "false" or "False" or "FALSE") value = false;
                return value is not null;
            case DataType.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
                value = day;
                return true;
            default:
                value = s.Value;
                return true;
        }
    }
}
