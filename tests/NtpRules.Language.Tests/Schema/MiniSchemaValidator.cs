using System.Globalization;
using System.Text.Json;
using NtpRules.Language.Yaml;

namespace NtpRules.Language.Tests.Schema;

/// <summary>
/// Checks a loaded YAML tree against the subset of JSON Schema (draft-07) our schemas use: $ref, oneOf, type,
/// enum, const, properties, required, additionalProperties, items, pattern. Enough to tell whether an editor
/// would accept a file; not a general validator.
/// </summary>
internal sealed class MiniSchemaValidator(JsonElement root)
{
    public List<string> Validate(YamlNode node)
    {
        var errors = new List<string>();
        Check(node, root, errors);
        return errors;
    }

    private JsonElement Resolve(JsonElement s)
    {
        while (s.TryGetProperty("$ref", out var r))
            s = root.GetProperty("definitions").GetProperty(r.GetString()!["#/definitions/".Length..]);
        return s;
    }

    private void Check(YamlNode node, JsonElement schema, List<string> errors)
    {
        schema = Resolve(schema);
        var at = $"{node.Location.Line}:{node.Location.Column}";
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matching = oneOf.EnumerateArray().Count(s => { var e = new List<string>(); Check(node, s, e); return e.Count == 0; });
            if (matching != 1) errors.Add($"{at}: matches {matching} of the oneOf alternatives");
            return;
        }
        if (schema.TryGetProperty("const", out var c) && (node as YamlScalar)?.Value != c.GetString())
            errors.Add($"{at}: expected '{c.GetString()}'");
        if (schema.TryGetProperty("enum", out var en) && !en.EnumerateArray().Any(e => e.GetString() == (node as YamlScalar)?.Value))
            errors.Add($"{at}: '{(node as YamlScalar)?.Value}' is not one of the allowed values");
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(node, type))
            errors.Add($"{at}: expected {type}, found {node.ShapeName}");
        if (schema.TryGetProperty("pattern", out var pattern) && node is YamlScalar ps &&
            !System.Text.RegularExpressions.Regex.IsMatch(ps.Value, pattern.GetString()!))
            errors.Add($"{at}: '{ps.Value}' does not match {pattern}");
        if (node is YamlMapping m)
        {
            var props = schema.TryGetProperty("properties", out var p) ? p : default;
            foreach (var (key, value) in m.Entries)
            {
                if (props.ValueKind == JsonValueKind.Object && props.TryGetProperty(key.Name, out var ps2)) Check(value, ps2, errors);
                else if (schema.TryGetProperty("additionalProperties", out var ap))
                {
                    if (ap.ValueKind == JsonValueKind.False) errors.Add($"{key.Location.Line}:{key.Location.Column}: unknown key '{key.Name}'");
                    else if (ap.ValueKind == JsonValueKind.Object) Check(value, ap, errors);
                }
            }
            if (schema.TryGetProperty("required", out var req))
                foreach (var r in req.EnumerateArray().Select(r => r.GetString()!).Where(r => m[r] is null))
                    errors.Add($"{at}: missing '{r}'");
        }
        if (node is YamlSequence seq && schema.TryGetProperty("items", out var items))
            foreach (var item in seq.Items) Check(item, items, errors);
    }

    private static bool TypeMatches(YamlNode node, JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => Is(node, t.GetString()!)) : Is(node, type.GetString()!);

    private static bool Is(YamlNode node, string type) => (type, node) switch
    {
        ("object", YamlMapping) => true,
        ("array", YamlSequence) => true,
        ("null", YamlScalar s) => s.IsNull,
        ("string", YamlScalar s) => !s.IsNull,
        ("number", YamlScalar { Style: ScalarStyle.Plain } s) => double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        ("integer", YamlScalar { Style: ScalarStyle.Plain } s) => long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        ("boolean", YamlScalar { Style: ScalarStyle.Plain } s) => s.Value is "true" or "false",
        _ => false,
    };
}
