namespace NtpRules.Language.Compilation.Model;

/// <summary>
/// The rules compiled from a set of rule-set versions, in the one form every engine translates. Numbers each rule's
/// <see cref="ModelRule.Order"/>: an order in which every rule comes after the rules whose results it reads, so an
/// engine that does not join those results (NRules, matching the subject alone) still fires each rule after its inputs
/// settled.
/// </summary>
public sealed class RuleModel
{
    internal RuleModel(IReadOnlyList<ModelRule> rules, Func<string, int> kindDepth)
    {
        // Deeper kinds first: expressions read a subject's own values and its children's, never its parents', so all of
        // a household's rules can settle before its commune's. Within a kind, the stages in order; the whole data set last.
        var ordered = rules.Select((r, i) => (Rule: r, Index: i))
            .OrderBy(x => x.Rule.Subject is null ? 1 : 0)
            .ThenByDescending(x => x.Rule.Subject is { } s ? kindDepth(s.Kind) : 0)
            .ThenBy(x => x.Rule.Stage)
            .ThenByDescending(x => x.Rule.Priority)
            .ThenBy(x => x.Index)
            .Select(x => x.Rule)
            .ToArray();
        for (var i = 0; i < ordered.Length; i++) ordered[i].Order = i;
        foreach (var rule in rules)
            rule.ChangeNeedsRefire = rule.Writes.Count > 0 && rules.Any(r =>
                ReferenceEquals(r.Subject, rule.Subject) && r.Order <= rule.Order && r.Reads.Any(rule.Writes.Contains));
        Rules = rules;
    }

    private RuleModel(IReadOnlyList<ModelRule> rules) => Rules = rules;

    /// <summary>The rules in the order they were compiled.</summary>
    public IReadOnlyList<ModelRule> Rules { get; }

    /// <summary>
    /// The rules <paramref name="keep"/> accepts, each keeping its <see cref="ModelRule.Order"/> (a subset of a
    /// dependency order is one too; numbering them again would change the full model's rules, which are shared).
    /// </summary>
    internal RuleModel Where(Func<ModelRule, bool> keep) => new(Rules.Where(keep).ToArray());
}
