using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting.Html;

/// <summary>
/// What a page's charts and index show of one standard, counted in one pass over its subjects: how many meet how many
/// criteria, and each criterion's results.
/// </summary>
internal sealed class StandardTally(string id)
{
    public string Id { get; } = id;
    /// <summary>The most criteria any subject was assessed on.</summary>
    public int Total { get; private set; }
    /// <summary>Subjects per number of criteria met (those meeting more than <see cref="Total"/> counted at their own number until drawn).</summary>
    public int[] ByCriteriaMet { get; private set; } = new int[32];
    /// <summary>The criteria in the order they first appear.</summary>
    public List<CriterionTally> Criteria { get; } = new();
    private readonly Dictionary<string, CriterionTally> _criterionById = new(StringComparer.Ordinal);

    /// <summary>Per standard (by id, ordinal order) its subjects' criteria met and its criteria's verdicts.</summary>
    public static List<StandardTally> Of(IReadOnlyList<SubjectResult> subjects)
    {
        var byId = new Dictionary<string, StandardTally>(StringComparer.Ordinal);
        // A subject's standards and criteria come mostly in the same order as the last one's, as the same string
        // objects: checked by place first, they are found without hashing their ids.
        var byPlace = new List<StandardTally>();
        for (var n = 0; n < subjects.Count; n++)
        {
            var standards = subjects[n].Standards;
            for (var p = 0; p < standards.Count; p++)
            {
                var r = standards[p];
                StandardTally? st;
                if (p < byPlace.Count && ReferenceEquals(byPlace[p].Id, r.Id)) st = byPlace[p];
                else
                {
                    if (!byId.TryGetValue(r.Id, out st)) byId[r.Id] = st = new StandardTally(r.Id);
                    if (p < byPlace.Count) byPlace[p] = st;
                    else byPlace.Add(st);
                }
                st.Add(r);
            }
        }
        var tallies = byId.Values.ToList();
        tallies.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return tallies;
    }

    private void Add(StandardResult r)
    {
        Total = Math.Max(Total, r.CriteriaTotal);
        var met = Math.Max(0, r.CriteriaMet);
        if (met >= ByCriteriaMet.Length)
        {
            var counts = ByCriteriaMet;
            Array.Resize(ref counts, Math.Max(met + 1, counts.Length * 2));
            ByCriteriaMet = counts;
        }
        ByCriteriaMet[met]++;
        var criteria = r.Criteria;
        for (var k = 0; k < criteria.Count; k++)
        {
            var c = criteria[k];
            // The criterion at the same place, when it is the same id object, is the one the id would find.
            CriterionTally? ct;
            if (k < Criteria.Count && ReferenceEquals(Criteria[k].Id, c.Id)) ct = Criteria[k];
            else if (!_criterionById.TryGetValue(c.Id, out ct))
            {
                _criterionById[c.Id] = ct = new CriterionTally(c.Id, c.Name);
                Criteria.Add(ct);
            }
            ct.Count++;
            if (c.Verdict == Verdict.Met) ct.Met++;
            else if (c.Verdict == Verdict.Unknown) ct.Unknown++;
        }
    }
}

/// <summary>A criterion's results: how many, met, unknown; its name as it first appears.</summary>
internal sealed class CriterionTally(string id, string name)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public int Count { get; set; }
    public int Met { get; set; }
    public int Unknown { get; set; }
}
