using System.Text;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Expressions.Explain;

/// <summary>
/// Says that a threshold came from a default row (<c>*</c>) because the table has no row for the subject's key
/// value: "Default row used for village_roads_min: no row for effective_region DBSCL." A reviewer then knows the
/// value is not the one the law gives for that region.
/// </summary>
internal static class DefaultRowNote
{
    /// <summary>Appends <paramref name="separator"/> and the note (a sentence, or a clause in parentheses) when the lookup used a default row.</summary>
    public static void Append(StringBuilder text, string separator, ParameterSymbol parameter, ParameterKeys keys, ParameterLookup lookup, bool sentence)
    {
        if (lookup.Source is not { } source || !lookup.HasValue) return;
        var first = true;
        for (var i = 0; i < keys.Count && i < parameter.Keys.Count; i++)
        {
            if (source.RowKeys.GetValueOrDefault(parameter.Keys[i]) != ParameterRow.Wildcard || keys[i].IsMissing) continue;
            if (first) text.Append(separator).Append(sentence ? "Default row used for " : "(default row used for ").Append(parameter.Name).Append(": no row for ");
            else text.Append(", ");
            keys[i].AppendTo(text.Append(parameter.Keys[i]).Append(' '));
            first = false;
        }
        if (!first) text.Append(sentence ? "." : ")");
    }
}
