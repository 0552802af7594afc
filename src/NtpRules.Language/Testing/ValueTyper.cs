using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Yaml;

namespace NtpRules.Language.Testing;

/// <summary>Types the values a test gives for a subject by the catalogue: unknown indicators, wrong types and bad enum values are errors.</summary>
internal sealed class ValueTyper(DocumentReader r, IndicatorCatalogue catalogue)
{
    // A fixture is typed (and its errors reported) once per subject kind, however many subjects extend it.
    private readonly Dictionary<(string Fixture, string Kind), Dictionary<string, TestValue>> _fixtures = new();

    public bool KnownKind(string kind, YamlNode at)
    {
        if (catalogue.Subjects.Count == 0 || catalogue.FindKind(kind) is not null) return true;
        r.Diagnostics.Error(DiagnosticCodes.UnknownSubjectKind, $"unknown subject kind '{kind}'", at.Location,
            EditDistance.Hint(kind, catalogue.Subjects.Select(s => s.Kind)));
        return false;
    }

    public Dictionary<string, TestValue> Fixture(string name, YamlMapping fixture, string kind)
    {
        if (!_fixtures.TryGetValue((name, kind), out var values))
        {
            values = new Dictionary<string, TestValue>(fixture.Entries.Count);
            foreach (var (key, node) in fixture.Entries) Add(values, kind, key, node, $"fixture '{name}'");
            _fixtures[(name, kind)] = values;
        }
        return values;
    }

    public void Add(Dictionary<string, TestValue> values, string kind, YamlKey key, YamlNode node, string what)
    {
        if (node is not YamlScalar s)
        {
            r.Diagnostics.Error(DiagnosticCodes.WrongShape, $"the value of '{key.Name}' in {what} must be a single value, found {node.ShapeName}", node.Location);
            return;
        }
        if (s.IsNull)
        {
            values[key.Name] = new TestValue(null, s.Location);
            return;
        }
        if (key.Name == "name" || IsParentColumn(kind, key.Name) || catalogue.Subjects.Count == 0)
        {
            values[key.Name] = new TestValue(s.Value, s.Location);
            return;
        }
        var indicator = catalogue.FindIndicator(kind, key.Name);
        if (indicator is null)
        {
            r.Diagnostics.Error(DiagnosticCodes.UnknownTestIndicator, $"'{key.Name}' in {what} is not an indicator of {kind}", key.Location,
                EditDistance.Hint(key.Name, catalogue.IndicatorsOf(kind).Select(i => i.Key)));
            return;
        }
        var typed = r.Typed(s, indicator.Type, () => $"'{key.Name}' in {what}");
        if (typed is null) return;
        if (indicator.Type == DataType.Enum && !indicator.Values.Contains(s.Value))
        {
            r.Diagnostics.Error(DiagnosticCodes.BadChoice, $"'{key.Name}' in {what} is '{s.Value}', not one of {string.Join(", ", indicator.Values)}", s.Location,
                EditDistance.Hint(s.Value, indicator.Values));
            return;
        }
        values[key.Name] = new TestValue(typed, s.Location);
    }

    private bool IsParentColumn(string kind, string column) =>
        column.EndsWith("_id", StringComparison.Ordinal) && (catalogue.FindKind(kind)?.Parents.Contains(column[..^3]) ?? false);
}
