using NtpRules.Language.Compilation;
using NtpRules.Language.Compilation.Model;

namespace NtpRules.Assessment.Partitions;

/// <summary>
/// The subject kinds whose records a partition may assess in slices, apart from the rest of their province: leaf
/// kinds (no kind has them as parent: households, villages) whose rules read only their own subject, and whose
/// outcomes no other rule reads (a commune reads its households' values, never their verdicts). A slice of such
/// records gives each the outcomes the province's session would: nothing in the slice depends on what is outside it.
/// The rest of the province is then assessed in one session with the sliced records as settled inputs (their values
/// final, their rules left out), which is all its rules read of them.
/// <para>
/// Also required: at most one parent kind (a record is given the parents it does not name from the other records
/// of its session, and a slice holds none), and no standards (a standard's roll-up names the subject's parent, which
/// a slice does not hold).
/// </para>
/// </summary>
internal sealed class LeafSlices
{
    private LeafSlices(IReadOnlySet<string> kinds, CompiledRules leafRules, CompiledRules upperRules)
    {
        Kinds = kinds;
        LeafRules = leafRules;
        UpperRules = upperRules;
    }

    /// <summary>The kinds assessed in slices.</summary>
    public IReadOnlySet<string> Kinds { get; }
    /// <summary>The rules of those kinds only: a slice's session.</summary>
    public CompiledRules LeafRules { get; }
    /// <summary>Every other rule: the province's session over the other records and the settled sliced ones.</summary>
    public CompiledRules UpperRules { get; }

    /// <summary>The slicing of <paramref name="rules"/>; null when no kind can be sliced.</summary>
    public static LeafSlices? For(CompiledRules rules)
    {
        var kinds = Sliceable(rules.Model, rules.Schemas);
        if (kinds.Count == 0) return null;
        return new LeafSlices(kinds, rules.ForKinds(kinds, wholeDataSet: false),
            rules.ForKinds(rules.Schemas.Keys.Where(k => !kinds.Contains(k)), wholeDataSet: true));
    }

    internal static HashSet<string> Sliceable(RuleModel model, IReadOnlyDictionary<string, SubjectSchema> schemas)
    {
        var parents = schemas.Values.SelectMany(s => s.Parents).ToHashSet(StringComparer.Ordinal);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, schema) in schemas)
        {
            if (parents.Contains(kind) || schema.Parents.Count > 1) continue;
            var own = model.Rules.Where(r => r.Subject?.Kind == kind).ToArray();
            var selfContained = own.All(r => r.Stage != RuleStage.Standard && r.Children.Count == 0 && r.Outcomes.All(o => o.ChildKind is null));
            var outcomesRead = model.Rules.Any(r => r.Subject?.Kind != kind && r.Outcomes.Any(o => o.ChildKind == kind));
            if (selfContained && !outcomesRead) kinds.Add(kind);
        }
        return kinds;
    }
}
