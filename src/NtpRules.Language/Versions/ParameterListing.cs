using NtpRules.Language.Documents;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Versions;

/// <summary>One parameter value for listing (e.g. <c>ntp rules list</c> printing provisional thresholds).</summary>
public sealed record ParameterListingRow(
    string RuleSetId,
    string Version,
    string Parameter,
    string Keys,
    object Value,
    string? Unit,
    DateRange? Effective,
    Confidence Confidence,
    string Citation,
    bool InForce,
    string? Derivation = null,
    bool Published = true);

/// <summary>All parameter values of a set of rule sets with their confidence, and counts per confidence.</summary>
public sealed record ParameterListing(IReadOnlyList<ParameterListingRow> Rows)
{
    public int Confirmed => Rows.Count(r => r.Published && r.Confidence == Confidence.Confirmed);
    public int Provisional => Rows.Count(r => r.Published && r.Confidence == Confidence.Provisional);
    /// <summary>Values computed from other values (<c>confidence: inferred</c>, with a derivation).</summary>
    public int Inferred => Rows.Count(r => r.Published && r.Confidence == Confidence.Inferred);
    /// <summary>Rows where the law gives no number (<c>published: false</c>).</summary>
    public int Unpublished => Rows.Count(r => !r.Published);

    /// <summary>Lists every row; <see cref="ParameterListingRow.InForce"/> tells whether it applies on <paramref name="asOf"/> (always true without a date).</summary>
    public static ParameterListing Of(IEnumerable<RuleSet> sets, DateOnly? asOf = null) => new(
        sets.SelectMany(s => s.Parameters.SelectMany(p => p.Values.Select(v => new ParameterListingRow(
            s.Id, s.Version, p.Id, v.KeyText(p.Keys), v.Value, p.Unit, v.Effective, v.Confidence, v.Citation,
            asOf is not { } d || v.InForceOn(d), v.Derivation, v.Published)))).ToArray());
}
