using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.RuleSets;
using ParameterValue = NtpRules.Language.Expressions.Evaluation.ParameterLookup;

namespace NtpRules.Language.Compilation;

/// <summary>
/// The rows of one rule set's parameters in force on one as-of date, with lookups by key values (exact value first,
/// key by key, then <c>*</c>) cached per key combination. One per session: not thread-safe.
/// </summary>
internal sealed class ParameterTable
{
    private readonly string _ruleSet;
    private readonly Parameter[] _parameters;
    private readonly ParameterRow[][] _rows;
    private readonly Dictionary<(int, Value, Value, Value, Value), ParameterValue> _cache = new();
    // Per parameter, the last lookup: expressions ask for the same keys subject after subject (a household's area), so
    // comparing them is cheaper than hashing four values; unkeyed parameters have one value.
    private readonly (bool Known, ParameterKeys Keys, ParameterValue Value)[] _last;

    public ParameterTable(RuleSet set, DateOnly asOf)
    {
        Set = set;
        _ruleSet = set.Id;
        _parameters = set.Parameters.ToArray();
        _rows = _parameters.Select(p => p.Values.Where(v => v.InForceOn(asOf)).ToArray()).ToArray();
        _last = new (bool, ParameterKeys, ParameterValue)[_parameters.Length];
    }

    /// <summary>The rule set whose parameters these are: with the as-of date, what the table's rows are made from.</summary>
    public RuleSet Set { get; }

    public static ParameterTable Empty { get; } = new(EmptySet.Value, DateOnly.MinValue);

    /// <summary>The value of the parameter <paramref name="symbol"/> (its slot is the parameter's index in the rule set).</summary>
    public ParameterValue Lookup(ParameterSymbol symbol, ParameterKeys keys)
    {
        var index = symbol.Slot;
        if ((uint)index >= (uint)_parameters.Length || _parameters[index].Id != symbol.Name) return ParameterValue.None;
        ref var last = ref _last[index];
        if (last.Known && last.Keys.SameAs(keys)) return last.Value;
        var cacheKey = (index, Key(keys, 0), Key(keys, 1), Key(keys, 2), Key(keys, 3));
        if (!_cache.TryGetValue(cacheKey, out var found)) _cache[cacheKey] = found = Find(_ruleSet, _parameters[index], _rows[index], keys);
        last = (true, keys, found);
        return found;
    }

    private static Value Key(ParameterKeys keys, int i) => i < keys.Count ? keys[i] : default;

    private static ParameterValue Find(string ruleSet, Parameter parameter, ParameterRow[] rows, ParameterKeys keys)
    {
        ParameterRow? best = null;
        var bestScore = -1;
        foreach (var row in rows)
        {
            var score = 0;
            var matches = true;
            for (var k = 0; k < parameter.Keys.Count; k++)
            {
                var written = row.KeyValues[parameter.Keys[k]];
                score <<= 1;
                if (k < keys.Count && written == keys[k].ToString()) score |= 1;
                else if (written != ParameterRow.Wildcard) { matches = false; break; }
            }
            if (matches && score > bestScore) (best, bestScore) = (row, score);
        }
        if (best is null) return ParameterValue.None;
        var place = 0;
        while (!ReferenceEquals(parameter.Values[place], best)) place++;
        var source = new ParameterSource(best.KeyValues, best.Citation, best.ReportedConfidence, best.Derivation, best.Published,
            ParameterRow.Reference(ruleSet, parameter.Id, place));
        return new ParameterValue(best.Published ? Value.FromObject(best.Value) : Value.Missing, source);
    }

    private static class EmptySet
    {
        public static readonly RuleSet Value = new("", "", Documents.LocalizedText.Empty, default, "", RuleSetStatus.Active, "",
            [], [], [], [], [], [], new Documents.SourceFile("", ""));
    }
}
