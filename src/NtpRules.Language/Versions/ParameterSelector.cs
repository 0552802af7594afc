using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Versions;

/// <summary>The rows of parameters in force on a day, and table lookups (exact key value first, then <c>*</c>).</summary>
public static class ParameterSelector
{
    /// <summary>Every row of every parameter of <paramref name="set"/> in force on <paramref name="asOf"/>.</summary>
    public static IReadOnlyList<(Parameter Parameter, ParameterRow Row)> InForce(RuleSet set, DateOnly asOf) =>
        set.Parameters.SelectMany(p => p.Values.Where(v => v.InForceOn(asOf)).Select(v => (p, v))).ToArray();

    /// <summary>
    /// The row of <paramref name="parameter"/> that applies to <paramref name="keyValues"/> on <paramref name="asOf"/>:
    /// rows in force whose every key equals the given value or is <c>*</c>; among those, exact matches win key by
    /// key from the first key. A missing <c>year</c> key value is taken from <paramref name="asOf"/>. Null when no row applies.
    /// </summary>
    public static ParameterRow? Lookup(Parameter parameter, IReadOnlyDictionary<string, string> keyValues, DateOnly asOf)
    {
        ParameterRow? best = null;
        var bestScore = -1;
        foreach (var row in parameter.Values)
        {
            if (!row.InForceOn(asOf)) continue;
            var score = 0;
            var matches = true;
            foreach (var key in parameter.Keys)
            {
                var wanted = keyValues.TryGetValue(key, out var w) ? w : key == "year" ? asOf.Year.ToString() : null;
                var written = row.KeyValues[key];
                score <<= 1;
                if (wanted is not null && written == wanted) score |= 1;
                else if (written != ParameterRow.Wildcard) { matches = false; break; }
            }
            if (matches && score > bestScore) (best, bestScore) = (row, score);
        }
        return best;
    }
}
