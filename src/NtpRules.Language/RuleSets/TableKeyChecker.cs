using System.Globalization;
using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Expressions;

namespace NtpRules.Language.RuleSets;

/// <summary>
/// Checks the key values of parameter tables against the keys' domains, which come from the catalogue: an enum
/// indicator's values, an integer indicator's range, or the values a definition can take (<c>effective_region</c>
/// is a region). A key value outside the domain is an error at the value (a row's key or a decision table's column
/// heading); a table that leaves some domain values without a row, and has no default row (<c>*</c>), gets a warning
/// naming them, since a lookup for those values is unknown. <c>year</c>, texts and dates have no closed domain.
/// </summary>
internal static class TableKeyChecker
{
    /// <summary>An integer range wider than this is not treated as a list of values.</summary>
    private const int MaxIntegerDomain = 100;

    /// <summary>Tables too large to check for missing values in reasonable time (rows × contexts × domain values) are not.</summary>
    private const long MaxProbeWork = 20_000_000;

    /// <summary>Stands for "a value no row names": only a default row matches it.</summary>
    private const string OtherValue = "\u0000other";

    public static void Check(RuleSet set, IExpressionScope scope, IndicatorCatalogue catalogue,
        IReadOnlyDictionary<ExpressionText, CheckedExpression> checkedExpressions, DiagnosticBag diagnostics)
    {
        var reported = new HashSet<SourceLocation>(); // a decision table's column heading stands for a cell of every row of every parameter
        // Rows missing after an error in the file (a bad cell, a bad row) follow from that error: no warning about them.
        var fileHasErrors = diagnostics.Any(d => d.IsError && d.Location.File == set.File.Path);
        foreach (var p in set.Parameters.Where(p => p.IsTable))
        {
            for (var k = 0; k < p.Keys.Count; k++)
            {
                var key = p.Keys[k];
                if (Domain(key, set, scope, catalogue, checkedExpressions) is not { } domain) continue;
                var outside = false;
                foreach (var row in p.Values)
                {
                    var value = row.KeyValues[key];
                    if (value == ParameterRow.Wildcard || domain.Contains(value)) continue;
                    outside = true;
                    var at = row.KeyLocations.GetValueOrDefault(key, row.Location);
                    if (!reported.Add(at)) continue;
                    var allowed = $"allowed: {string.Join(", ", domain)}";
                    // A misspelt code has a likely intended one; a wrong number does not.
                    var hint = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : EditDistance.Hint(value, domain);
                    diagnostics.Error(DiagnosticCodes.KeyNotInDomain, $"'{value}' is not a value of {key}, a table key of parameter '{p.Id}'", at,
                        hint is null ? allowed : $"{hint} ({allowed})");
                }
                // A value outside the domain is the one mistake to report: the values it was meant to cover would follow from it.
                if (!outside && !fileHasErrors) WarnMissing(p, k, domain, diagnostics);
            }
        }
    }

    /// <summary>The values <paramref name="key"/> can take, or null when they are not a short closed list.</summary>
    private static IReadOnlyList<string>? Domain(string key, RuleSet set, IExpressionScope scope, IndicatorCatalogue catalogue,
        IReadOnlyDictionary<ExpressionText, CheckedExpression> checkedExpressions)
    {
        var type = scope.Lookup(key) switch
        {
            IndicatorSymbol i => i.Type,
            DefinitionSymbol => set.Definitions.FirstOrDefault(d => d.Id == key) is { } d ? checkedExpressions.GetValueOrDefault(d.Expr)?.Type : null,
            _ => null,
        };
        if (type?.Kind == TypeKind.Enum && type.EnumValues.Count > 0) return type.EnumValues;
        if (type?.Kind == TypeKind.Integer && catalogue.FindIndicator(set.Subject, key) is { Min: { } min, Max: { } max } &&
            max >= min && max - min < MaxIntegerDomain && min == Math.Floor(min))
            return Enumerable.Range((int)min, (int)Math.Floor(max - min) + 1).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return null;
    }

    /// <summary>
    /// For every row, the domain values of key <paramref name="k"/> that no row covers with the row's other key values on
    /// the day the row starts: rows { TDMNPB, 2023 } and { DBSH, 2023 } miss the other regions for 2023.
    /// </summary>
    private static void WarnMissing(Parameter p, int k, IReadOnlyList<string> domain, DiagnosticBag diagnostics)
    {
        var key = p.Keys[k];
        var dated = p.Values.Select(v => v.Effective).Distinct().Count() > 1;
        // Rows that differ only in this key's value stand for the same context.
        var contexts = p.Values.DistinctBy(v => (string.Join("\u0001", p.Keys.Where(n => n != key).Select(n => v.KeyValues[n])), v.Effective?.From)).ToList();
        if ((long)contexts.Count * domain.Count * p.Values.Count > MaxProbeWork) return;
        var missing = new List<(string Context, string Value)>();
        foreach (var context in contexts)
        {
            foreach (var value in domain)
            {
                if (value == context.KeyValues[key]) continue;
                var probe = p.Keys.Select((name, i) => i == k ? value : context.KeyValues[name] is var v && v == ParameterRow.Wildcard ? OtherValue : v).ToArray();
                var day = context.Effective?.From;
                var covered = p.Values.Any(row => (day is not { } d || row.InForceOn(d)) &&
                                                  p.Keys.Select((name, i) => row.KeyValues[name] is var w && (w == probe[i] || w == ParameterRow.Wildcard)).All(x => x));
                if (covered) continue;
                var others = string.Join(", ", p.Keys.Where(n => n != key).Select(n => $"{n}={context.KeyValues[n]}"));
                var when = (others, dated ? context.Effective?.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null) switch
                {
                    ("", null) => "",
                    ("", var from) => $"from {from}",
                    (var o, null) => o,
                    var (o, from) => $"{o} from {from}",
                };
                if (!missing.Contains((when, value))) missing.Add((when, value));
            }
        }
        if (missing.Count == 0) return;
        var listed = string.Join("; ", missing.GroupBy(m => m.Context).Select(g =>
            string.Join(", ", g.Select(m => m.Value)) + (g.Key.Length > 0 ? $" ({g.Key})" : "")));
        diagnostics.Warning(DiagnosticCodes.TableMissesKeyValues,
            $"parameter '{p.Id}' has no row for {key} {listed}, and no default row: a lookup for {(missing.Count == 1 ? "it" : "them")} is unknown", p.Location,
            $"add the missing rows, or a default row with {key}: '*'");
    }
}
