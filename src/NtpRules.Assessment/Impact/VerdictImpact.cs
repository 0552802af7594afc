using NtpRules.Assessment.Data;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Assessment.Impact;

/// <summary>Which rules one side of an impact comparison ran: a label (folder or version file), the as-of date and the rule-set versions.</summary>
public sealed record ImpactSide(string Label, DateOnly AsOf, IReadOnlyList<RuleSetUse> RuleSets);

/// <summary>
/// The effect of a rule change on the same data: every subject whose verdict on a standard changed, with the
/// criteria and indicators whose verdicts changed under it, and the counts per province and standard on each side.
/// </summary>
public sealed record ImpactReport(
    ImpactSide Old,
    ImpactSide New,
    IReadOnlyList<VerdictChange> Changes,
    IReadOnlyList<ImpactCount> Counts,
    IReadOnlyList<string> OnlyOld,
    IReadOnlyList<string> OnlyNew);

/// <summary>One subject's verdict on one standard, before and after.</summary>
public sealed record VerdictChange(
    string SubjectId,
    string SubjectName,
    string Kind,
    string Province,
    string Standard,
    Verdict Old,
    Verdict New,
    int OldCriteriaMet,
    int NewCriteriaMet,
    string NewReason,
    IReadOnlyList<CriterionChange> Criteria);

/// <summary>A criterion whose verdict differs; null on the side where the criterion does not exist.</summary>
public sealed record CriterionChange(string Id, string Name, Verdict? Old, Verdict? New, IReadOnlyList<IndicatorChange> Indicators);

/// <summary>An indicator whose verdict differs, with the reason each side gave (empty where it does not exist).</summary>
public sealed record IndicatorChange(string Id, string Name, Verdict? Old, Verdict? New, string OldReason, string NewReason);

/// <summary>Counts of one standard over the subjects of one province ("all" for the total), before and after.</summary>
public sealed record ImpactCount(string Province, string Standard, VerdictCounts Old, VerdictCounts New, int Gained, int Lost, int Changed);

public sealed record VerdictCounts(int Met, int NotMet, int Unknown);

public static class VerdictImpact
{
    public const string AllProvinces = "all";

    /// <summary>
    /// Compares two reports of the same data. <paramref name="provinceOf"/> names a subject's province (empty when it
    /// has none). Standards assessed on one side only are listed apart, not counted as changes.
    /// </summary>
    public static ImpactReport Compare(AssessmentReport oldReport, ImpactSide oldSide, AssessmentReport newReport, ImpactSide newSide,
        Func<SubjectResult, string> provinceOf)
    {
        var oldStandards = oldReport.Subjects.SelectMany(s => s.Standards).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var newStandards = newReport.Subjects.SelectMany(s => s.Standards).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var shared = oldStandards.Intersect(newStandards).ToHashSet(StringComparer.Ordinal);

        var before = oldReport.Subjects.ToDictionary(s => (s.Kind, s.Id));
        var pairs = new List<(SubjectResult Subject, string Province, StandardResult Old, StandardResult New)>();
        foreach (var subject in newReport.Subjects)
        {
            if (!before.TryGetValue((subject.Kind, subject.Id), out var old)) continue;
            var province = provinceOf(subject);
            foreach (var st in subject.Standards.Where(s => shared.Contains(s.Id)))
                if (old.Standards.FirstOrDefault(s => s.Id == st.Id) is { } o) pairs.Add((subject, province, o, st));
        }

        var changes = pairs.Where(p => p.Old.Verdict != p.New.Verdict)
            .Select(p => new VerdictChange(p.Subject.Id, p.Subject.Name, p.Subject.Kind, p.Province, p.New.Id, p.Old.Verdict, p.New.Verdict,
                p.Old.CriteriaMet, p.New.CriteriaMet, p.New.Reason, CriterionChanges(p.Old, p.New)))
            .OrderBy(c => c.Standard, StringComparer.Ordinal).ThenBy(c => c.Province, StringComparer.Ordinal)
            .ThenBy(c => c.SubjectId, StringComparer.Ordinal)
            .ToArray();

        var counts = pairs.GroupBy(p => (p.Province, p.New.Id))
            .OrderBy(g => g.Key.Id, StringComparer.Ordinal).ThenBy(g => g.Key.Province, StringComparer.Ordinal)
            .Select(g => Count(g.Key.Province, g.Key.Id, g.ToArray()))
            .Concat(pairs.GroupBy(p => p.New.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Count(AllProvinces, g.Key, g.ToArray())))
            .ToArray();

        return new ImpactReport(oldSide, newSide, changes, counts,
            oldStandards.Except(newStandards).Order(StringComparer.Ordinal).ToArray(),
            newStandards.Except(oldStandards).Order(StringComparer.Ordinal).ToArray());
    }

    private static ImpactCount Count(string province, string standard, IReadOnlyList<(SubjectResult, string, StandardResult Old, StandardResult New)> pairs)
    {
        static VerdictCounts Of(IEnumerable<StandardResult> s)
        {
            var list = s.ToArray();
            return new VerdictCounts(list.Count(x => x.Verdict == Verdict.Met), list.Count(x => x.Verdict == Verdict.NotMet), list.Count(x => x.Verdict == Verdict.Unknown));
        }
        return new ImpactCount(province, standard, Of(pairs.Select(p => p.Old)), Of(pairs.Select(p => p.New)),
            pairs.Count(p => p.Old.Verdict != Verdict.Met && p.New.Verdict == Verdict.Met),
            pairs.Count(p => p.Old.Verdict == Verdict.Met && p.New.Verdict != Verdict.Met),
            pairs.Count(p => p.Old.Verdict != p.New.Verdict));
    }

    private static IReadOnlyList<CriterionChange> CriterionChanges(StandardResult old, StandardResult @new)
    {
        var before = old.Criteria.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var after = @new.Criteria.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var ids = @new.Criteria.Select(c => c.Id).Concat(old.Criteria.Select(c => c.Id).Where(id => !after.ContainsKey(id)));
        var changes = new List<CriterionChange>();
        foreach (var id in ids)
        {
            var (o, n) = (before.GetValueOrDefault(id), after.GetValueOrDefault(id));
            if (o?.Verdict == n?.Verdict) continue;
            changes.Add(new CriterionChange(id, (n ?? o)!.Name, o?.Verdict, n?.Verdict, IndicatorChanges(o, n)));
        }
        return changes;
    }

    private static IReadOnlyList<IndicatorChange> IndicatorChanges(CriterionResult? old, CriterionResult? @new)
    {
        var before = (old?.Indicators ?? []).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var after = (@new?.Indicators ?? []).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var ids = (@new?.Indicators ?? []).Select(i => i.Id).Concat((old?.Indicators ?? []).Select(i => i.Id).Where(id => !after.ContainsKey(id)));
        return ids.Select(id => (Id: id, O: before.GetValueOrDefault(id), N: after.GetValueOrDefault(id)))
            .Where(x => x.O?.Verdict != x.N?.Verdict)
            .Select(x => new IndicatorChange(x.Id, (x.N ?? x.O)!.Name, x.O?.Verdict, x.N?.Verdict, x.O?.Reason ?? "", x.N?.Reason ?? ""))
            .ToArray();
    }
}

/// <summary>The province of each subject in a data set, found through its parent ids (a household's commune's province), named as the report's rollups name it.</summary>
public static class SubjectProvinces
{
    public static Func<SubjectResult, string> FromData(NtpRules.Language.Library.RuleLibrary library, IReadOnlyList<string> files, AssessmentReport report)
    {
        var reading = new DataReading(library.Catalogue.ToRecordCatalogue(), files);
        var parents = new Dictionary<(string Kind, string Id), IReadOnlyDictionary<string, string>>();
        foreach (var r in reading.Records()) parents[(r.Kind, r.Id)] = r.Parents;
        var names = report.Rollups.Where(r => r.Scope == "province").ToDictionary(r => r.Id, r => r.Name.Length > 0 ? r.Name : r.Id);

        string? ProvinceId(string kind, string id, int depth)
        {
            if (depth > 8 || !parents.TryGetValue((kind, id), out var p)) return null;
            if (p.TryGetValue("province", out var province)) return province;
            return p.Select(x => ProvinceId(x.Key, x.Value, depth + 1)).FirstOrDefault(x => x is not null);
        }
        return s => s.Kind == "province" ? names.GetValueOrDefault(s.Id, s.Name)
            : ProvinceId(s.Kind, s.Id, 0) is { } id ? names.GetValueOrDefault(id, id) : "";
    }
}
