using NtpRules.Assessment.Results;
using NtpRules.Engine;
using NtpRules.Language.Compilation;
using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.RuleSets;

namespace NtpRules.Assessment;

/// <summary>Turns the outcomes of a fired session into the report: subjects → standards → criteria → indicators, rollups, targets.</summary>
internal sealed class ReportBuilder
{
    private readonly CompiledRules _rules;
    private readonly RuleSession _session;
    private readonly SessionResults _results;
    private readonly IReadOnlyDictionary<Record, string?> _names;
    private readonly AssessmentOptions _options;
    private readonly Dictionary<string, (RuleSet Set, Standard Standard)> _standards;
    private readonly IReadOnlyDictionary<string, MergeProvenance>? _merges; // merged communes by id (--merge-map)

    public ReportBuilder(CompiledRules rules, RuleSession session, IReadOnlyDictionary<Record, string?> names, AssessmentOptions options,
        IReadOnlyDictionary<string, MergeProvenance>? merges = null)
    {
        _merges = merges;
        _rules = rules;
        _session = session;
        _results = session.Results();
        _names = names;
        _options = options;
        _standards = rules.RuleSets.SelectMany(s => s.Standards.Select(x => (s, x))).ToDictionary(x => x.x.Id, x => (x.s, x.x));
    }

    public AssessmentReport Build(RunInfo run)
    {
        var subjects = new List<SubjectResult>();
        var assessed = new List<(Record Record, IReadOnlyList<StandardOutcome> Standards)>();
        foreach (var kind in _rules.Library.Catalogue.Subjects.Select(k => k.Kind))
            foreach (var record in _session.Subjects(kind))
            {
                var standards = _results.Standards(record).Where(Reported).OrderBy(s => s.StandardId, StringComparer.Ordinal).ToArray();
                var classifications = _results.Classifications(record).ToArray();
                var additional = _results.Additional(record).Select(a => new AdditionalResult(a.RuleId, a.Title, a.Verdict.ToVerdict(), a.Reason, a.Citation)).ToArray();
                var rates = Rates(record);
                // A province with no standard of its own is still reported for its household rates.
                if (standards.Length == 0 && classifications.Length == 0 && additional.Length == 0 &&
                    rates is not { PovertyRate: not null } and not { NearPoorRate: not null }) continue;
                assessed.Add((record, standards));
                if (_options.Subject is { } only && record.Id != only) continue;
                subjects.Add(new SubjectResult(record.Id, NameOf(record), kind, Parent(record),
                    standards.Select(s => Standard(record, s)).ToArray(),
                    classifications.Select(c => new ClassificationResult(c.ClassificationId, c.Label ?? "unknown", c.Reason, c.Citation)).ToArray())
                {
                    Rates = rates,
                    Recognition = Recognition(standards),
                    Additional = additional.Length > 0 ? additional : null,
                    Merge = kind == Merging.CommuneMerger.Kind ? _merges?.GetValueOrDefault(record.Id) : null,
                });
            }
        return new AssessmentReport(run with { VietnameseNames = VietnameseNames() }, subjects, Rollups(assessed), Targets());
    }

    /// <summary>The rule files' Vietnamese names of standards, criteria and their indicators (see <see cref="RunInfo.VietnameseNames"/>).</summary>
    private Dictionary<string, string> VietnameseNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (set, standard) in _standards.Values)
        {
            if (standard.Name.Vi is { } s) names[standard.Id] = s;
            foreach (var criterion in standard.CriteriaIn(set).Select(set.FindCriterion).OfType<Criterion>())
            {
                if (criterion.Name.Vi is { } c) names[$"{standard.Id}/{criterion.Id}"] = c;
                foreach (var i in criterion.Indicators)
                    if (i.Name.Vi is { } n) names[$"{standard.Id}/{criterion.Id}/{i.Id}"] = n;
            }
        }
        return names;
    }

    /// <summary>
    /// The poor and near-poor rates side by side: derived from household records when the subject has them, else the
    /// annual-review columns. Null for subjects without either (households, or kinds that carry no rates).
    /// </summary>
    private HouseholdRates? Rates(Record record)
    {
        var layout = _rules.SchemaOf(record).Layout;
        double? Read(string name) => layout.Find(name) is { } slot && RecordValues.Read(record, slot.Slot) is { Kind: ValueKind.Number } v
            ? Math.Round(v.AsNumber, 2) : null;
        bool Has(string name) => layout.Find(name) is not null;
        if (!Has("poverty_rate_households") && !Has("poverty_rate")) return null;
        var (poor, nearPoor) = (Read("poverty_rate_households"), Read("near_poor_rate_households"));
        if (poor is not null || nearPoor is not null) return new HouseholdRates(poor, nearPoor, "households");
        return new HouseholdRates(Read("poverty_rate"), Read("near_poor_rate"), "review");
    }

    /// <summary>
    /// Each recognition standard (one that requires a tier's standard, Decision 18/2022/QĐ-TTg) beside the standard
    /// it requires: "meets the criteria" and "eligible for recognition" are different questions.
    /// </summary>
    private IReadOnlyList<RecognitionResult> Recognition(IReadOnlyList<StandardOutcome> standards)
    {
        List<RecognitionResult>? result = null;
        foreach (var s in standards)
        {
            if (!s.StandardId.EndsWith(RecognitionSuffix, StringComparison.Ordinal)) continue;
            var tier = s.StandardId[..^RecognitionSuffix.Length];
            var meets = standards.FirstOrDefault(x => x.StandardId == tier);
            (result ??= []).Add(new RecognitionResult(tier, meets?.Verdict.ToVerdict() ?? Verdict.Unknown, s.StandardId, s.Verdict.ToVerdict(), s.Reason));
        }
        return result ?? (IReadOnlyList<RecognitionResult>)[];
    }

    private const string RecognitionSuffix = "-recognition";
    private const string RegionKey = "region";

    private bool Reported(StandardOutcome s) => _options.Standards.Count == 0 || _options.Standards.Contains(s.StandardId);

    private string NameOf(Record r) => _names.GetValueOrDefault(r) ?? r.Id;

    private string? Parent(Record r)
    {
        var schema = _rules.SchemaOf(r);
        return schema.Parents.Select(p => schema.ParentId(r, p)).FirstOrDefault(id => id is not null);
    }

    private StandardResult Standard(Record record, StandardOutcome outcome)
    {
        var (set, standard) = _standards[outcome.StandardId];
        var criteria = standard.CriteriaIn(set).Select(id => set.FindCriterion(id)).OfType<Criterion>()
            .Select(c => Criterion(record, set, c)).ToArray();
        return new StandardResult(standard.Id, standard.Name.Get(), outcome.Verdict.ToVerdict(), outcome.CriteriaMet, outcome.CriteriaTotal,
            criteria, outcome.UnmetRequirements, outcome.Reason, standard.Citation);
    }

    private CriterionResult Criterion(Record record, RuleSet set, Criterion criterion)
    {
        var outcome = _results.Criteria(record).FirstOrDefault(c => c.RuleSetId == set.Id && c.CriterionId == criterion.Id);
        var indicators = _results.Indicators(record).Where(i => i.RuleSetId == set.Id && i.CriterionId == criterion.Id)
            .ToDictionary(i => i.IndicatorId);
        var explained = criterion.Indicators.Select(i => indicators.TryGetValue(i.Id, out var o)
            ? o.Explanation ?? Bare(i, o.Verdict.ToVerdict())
            : Bare(i, Verdict.Unknown)).ToArray();
        return new CriterionResult(criterion.Id, criterion.Name.Get(), outcome?.Verdict.ToVerdict() ?? Verdict.Unknown, explained, criterion.Citation);
    }

    /// <summary>The explanation of a verdict assessed without explanations (the fast path): the verdict and the rule, no trace.</summary>
    private static IndicatorExplanation Bare(CriterionIndicator i, Verdict verdict) =>
        new(i.Id, i.Name.Get(), verdict, i.Condition.Text, new Dictionary<string, object?>(), [], null,
            $"{verdict.ToText()}: {i.Condition.Text}", i.Citation, []);

    private IReadOnlyList<Rollup> Rollups(List<(Record Record, IReadOnlyList<StandardOutcome> Standards)> assessed)
    {
        var groups = new Dictionary<(string Kind, string Id), List<StandardOutcome>>();
        foreach (var (record, standards) in assessed)
        {
            if (standards.Count == 0) continue;
            var schema = _rules.SchemaOf(record);
            // Each region's progress (Decision 263/QĐ-TTg sets its targets by region).
            if (schema.Layout.Find(RegionKey) is { } region && RecordValues.Read(record, region.Slot).AsText is { } code)
            {
                if (!groups.TryGetValue((RegionKey, code), out var inRegion)) groups[(RegionKey, code)] = inRegion = new List<StandardOutcome>();
                inRegion.AddRange(standards);
            }
            foreach (var parent in schema.Parents)
                if (schema.ParentId(record, parent) is { } id)
                {
                    if (!groups.TryGetValue((parent, id), out var list)) groups[(parent, id)] = list = new List<StandardOutcome>();
                    list.AddRange(standards);
                }
        }
        var kindOrder = _rules.Library.Catalogue.Subjects.Select(s => s.Kind).Append(RegionKey).ToList();
        return groups.OrderBy(g => kindOrder.IndexOf(g.Key.Kind)).ThenBy(g => g.Key.Id, StringComparer.Ordinal)
            .Select(g => new Rollup(g.Key.Kind, g.Key.Id, _session.Find(g.Key.Kind, g.Key.Id) is { } r ? NameOf(r) : g.Key.Id,
                g.Value.GroupBy(s => s.StandardId).OrderBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => new RollupStandard(s.Key,
                        s.Count(x => x.Verdict == Truth.True), s.Count(x => x.Verdict == Truth.False), s.Count(x => x.Verdict == Truth.Unknown),
                        Math.Round(s.Average(x => x.CriteriaMet), 2)))
                    .ToArray()))
            .ToArray();
    }

    private IReadOnlyList<TargetResult> Targets()
    {
        var targets = _rules.RuleSets.SelectMany(s => s.Targets).ToDictionary(t => t.Id);
        return _results.Targets
            .OrderBy(t => t.TargetId, StringComparer.Ordinal).ThenBy(t => t.Subject?.Id, StringComparer.Ordinal)
            .Select(t =>
            {
                var target = targets[t.TargetId];
                var scope = t.Subject is null ? "all" : $"{t.Subject.Schema.Name} {t.Subject.Id}";
                var baseline = target.Baseline is { } b
                    ? string.Join("; ", new[] { b.Period, b.Dataset is null ? null : $"data set {b.Dataset}", b.Description }.OfType<string>())
                    : "";
                return new TargetResult(t.TargetId, target.Name.Get(), scope, t.Verdict.ToVerdict(), t.Actual, t.Target, baseline, t.Gap, t.Reason, target.Citation)
                {
                    Confidence = target.Confidence.ToString().ToLowerInvariant(),
                    Measure = target.Actual.Text,
                    Comparison = target.Op,
                };
            })
            .ToArray();
    }
}
