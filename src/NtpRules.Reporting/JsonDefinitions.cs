using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting;

/// <summary>
/// The run's <see cref="RuleDefinitions"/> by id, as the JSON report's subjects name them: a subject writes a name,
/// citation or expression only where it is not its definition's, and a threshold names its parameter row only when
/// that row's definition gives its unit, citation, confidence and derivation back. What is not defined (a report
/// not made from rule files) is written in the subject, as it was before definitions.
/// </summary>
internal sealed class JsonDefinitions
{
    private readonly Dictionary<string, (StandardDefinition Definition, Dictionary<string, Criterion> Criteria)> _standards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParameterRowDefinition> _rows = new(StringComparer.Ordinal);

    public sealed record Criterion(CriterionDefinition Definition, Dictionary<string, IndicatorDefinition> Indicators);

    public static JsonDefinitions None { get; } = new(RuleDefinitions.None);

    /// <summary>The first definition of an id counts, in the report's header as here.</summary>
    public JsonDefinitions(RuleDefinitions definitions)
    {
        foreach (var s in definitions.Standards)
        {
            if (_standards.ContainsKey(s.Id)) continue;
            var criteria = new Dictionary<string, Criterion>(StringComparer.Ordinal);
            foreach (var c in s.Criteria)
            {
                var indicators = new Dictionary<string, IndicatorDefinition>(StringComparer.Ordinal);
                foreach (var i in c.Indicators) indicators.TryAdd(i.Id, i);
                criteria.TryAdd(c.Id, new Criterion(c, indicators));
            }
            _standards.Add(s.Id, (s, criteria));
        }
        foreach (var r in definitions.ParameterRows) _rows.TryAdd(r.Row, r);
    }

    public StandardDefinition? Standard(string id, out IReadOnlyDictionary<string, Criterion>? criteria)
    {
        if (_standards.TryGetValue(id, out var s))
        {
            criteria = s.Criteria;
            return s.Definition;
        }
        criteria = null;
        return null;
    }

    /// <summary>Whether the threshold's row is defined with the threshold's unit, citation, confidence and derivation.</summary>
    public bool DefinesRowOf(ThresholdUse t) =>
        t.Row is { } row && _rows.TryGetValue(row, out var r) && r.Parameter == t.Parameter && r.Unit == t.Unit && r.Citation == t.Citation
        && r.Confidence == t.Confidence && r.Derivation == t.Derivation;

    /// <summary>Whether <paramref name="text"/> needs writing beside a definition saying <paramref name="defined"/> (or none).</summary>
    public static bool Differs(string text, string? defined) => !ReferenceEquals(text, defined) && !string.Equals(text, defined, StringComparison.Ordinal);
}
