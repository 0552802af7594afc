using NtpRules.Assessment.Data;
using NtpRules.Assessment.Results;
using NtpRules.Engine;
using NtpRules.Language.Compilation;

namespace NtpRules.Assessment.Partitions;

/// <summary>The baseline data of a run (read by <c>baseline(…)</c>), with the rules and date it is assessed under.</summary>
internal sealed record Baseline(CompiledRules Rules, DateOnly AsOf, DataSet Data);

/// <summary>
/// The data of a run as read: the records held in memory (with their positions in the data when some were spooled)
/// and the <see cref="ProvinceSpool"/> holding the others by province.
/// </summary>
internal sealed class DataSet(IReadOnlyList<DataRecord> records, IReadOnlyList<int>? indexes, ProvinceSpool? spool, DateOnly? declaredAsOf) : IDisposable
{
    public IReadOnlyList<DataRecord> Records { get; set; } = records;
    public DateOnly? DeclaredAsOf { get; } = declaredAsOf;

    /// <summary>The partitions of the data (see <see cref="ProvincePartition.Split(IReadOnlyList{DataRecord})"/>).</summary>
    public IReadOnlyList<Partition> Split() => ProvincePartition.Split(Records, spool, spool is null ? null : indexes);

    public void Dispose() => spool?.Dispose();
}

/// <summary>Subjects assessed so far out of all the subjects of the run.</summary>
public readonly record struct SubjectProgress(long Done, long Total);

/// <summary>
/// Runs an assessment province by province (<see cref="ProvincePartition.Split"/>): one session per partition, on
/// up to <see cref="AssessmentOptions.MaxParallelism"/> threads; each partition's subjects go out in partition order
/// as soon as it and the ones before it are done, and the partition's records, session and report parts are then
/// dropped. What spans partitions is kept as running totals: the roll-ups (<see cref="RollupTotals"/>), the targets
/// about a subject, and what the whole-data-set rules read (<see cref="WholeDataSetRollup"/>), run once at the end.
/// A partition's baseline is the same province's baseline records; baseline provinces missing from the data are
/// assessed too, for the whole-data-set rules. <see cref="RunWhole"/> is the same run in one session, the reference
/// the partitioned run must match report for report.
/// </summary>
internal sealed class PartitionedAssessment
{
    /// <summary>Set in a <see cref="Language.Engines.RuleFailedException"/>'s data when the rule failed on the baseline data.</summary>
    public const string InBaseline = "ntp.baseline";

    private readonly CompiledRules _rules;
    /// <summary>The rules the provinces' sessions run: without those whose outcomes nothing reads or reports (see <see cref="CompiledRules.WithoutUncountedCriteria"/>).</summary>
    private readonly CompiledRules _sessionRules;
    private readonly DateOnly _asOf;
    private readonly AssessmentOptions _options;
    private readonly IProgress<SubjectProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private readonly RollupTotals _rollups;
    private readonly List<TargetOutcome> _targets = new();
    private readonly Lock _gate = new();
    private readonly LeafSlices? _slices;
    /// <summary>The spools of sliced subjects' entries not yet written: a run that fails deletes them.</summary>
    private readonly HashSet<LeafEntrySpool> _spools = new(ReferenceEqualityComparer.Instance);
    private long _done, _total;

    /// <summary>The merged communes by id (<c>--merge-map</c>), for their reports' provenance.</summary>
    public IReadOnlyDictionary<string, Results.MergeProvenance>? Merges { get; init; }

    public PartitionedAssessment(CompiledRules rules, DateOnly asOf, AssessmentOptions options, IProgress<SubjectProgress>? progress, CancellationToken cancellation)
    {
        _rules = rules;
        _asOf = asOf;
        _options = options;
        _progress = progress;
        _cancellation = cancellation;
        _rollups = new RollupTotals(rules.Library.Catalogue.Subjects.Select(s => s.Kind).Append(ReportBuilder.RegionKey).ToList());
        // C# rules may read anything: their provinces are assessed whole, with every rule.
        _sessionRules = options.CSharpRules is null ? rules.WithoutUncountedCriteria() : rules;
        _slices = options.LeafSliceSize > 0 && options.CSharpRules is null ? LeafSlices.For(_sessionRules) : null;
    }

    private sealed record WorkItem(Partition? Main, Partition? Baseline);

    /// <summary>
    /// A partition's report parts: its subjects held in memory, then, when its sliced kinds were assessed in slices,
    /// theirs in <paramref name="Leaves"/> (reported after the others).
    /// </summary>
    private sealed record PartitionReport(List<SubjectResult> Subjects, LeafEntrySpool? Leaves = null);

    /// <summary>
    /// Assesses the partitions (each entry is released once its partition is assessed) and hands every reported
    /// subject to <paramref name="sink"/>; returns the roll-ups and targets of the whole run.
    /// </summary>
    public (IReadOnlyList<Rollup> Rollups, IReadOnlyList<TargetResult> Targets) Run(Partition?[] partitions, Baseline? baseline, ISubjectSink sink)
    {
        // Each item's subjects: what it holds until the writers take it (baseline provinces alone hold none).
        var subjectCounts = partitions.Select(p => p!.Count(_rules.Schemas.ContainsKey)).ToList();
        StartProgress(subjectCounts.Sum(c => (long)c));
        var whole = WholeDataSetRollup.For(_rules, _asOf, _options.Explain);
        var baselineWhole = baseline is null ? null : whole.ForBaseline(baseline.Rules, baseline.AsOf);
        var baselineParts = (baseline is null ? [] : baseline.Data.Split()).ToDictionary(p => p.Province ?? "");
        var items = new List<WorkItem>();
        foreach (var p in partitions)
        {
            baselineParts.Remove(p!.Province ?? "", out var b);
            items.Add(new WorkItem(p, b));
        }
        // Baseline provinces not in the data still count for the whole data set's baseline (not when explaining one subject).
        if (_options.Subject is null && whole.HasRules)
            items.AddRange(baselineParts.Values.OrderBy(p => p.Number).Select(p => new WorkItem(null, p)));
        baselineParts.Clear();
        Array.Clear(partitions);

        var pending = items.ToArray();
        var provinces = pending.Select(p => p.Main is not null).ToArray();
        subjectCounts.AddRange(Enumerable.Repeat(0, pending.Length - subjectCounts.Count));
        items.Clear();
        var kindOrder = _rules.Library.Catalogue.Subjects.Select(k => k.Kind).ToArray();
        try
        {
            OrderedParallel.Run(pending.Length, _options.MaxParallelism, 2 * _options.MaxParallelism, i => subjectCounts[i], _options.SubjectsWaiting, i =>
            {
                var item = pending[i];
                pending[i] = null!;
                return Assess(item, baseline, whole, baselineWhole);
            }, (i, report) =>
            {
                var ids = new HashSet<string>(StringComparer.Ordinal);
                foreach (var s in report.Subjects)
                {
                    sink.Add(s);
                    ids.Add(s.Id);
                }
                if (report.Leaves is { } leaves)
                {
                    foreach (var s in leaves.Replay(kindOrder))
                    {
                        sink.Add(s);
                        ids.Add(s.Id);
                    }
                    Release(leaves);
                }
                // The province's own scopes are final once its partition is built: its page can show them.
                if (provinces[i]) sink.ProvinceDone(_rollups.Build(ids.Contains));
            }, _cancellation);
        }
        finally
        {
            // A run that failed: the spools of partitions assessed and not written (no worker runs any more).
            lock (_gate)
            {
                foreach (var spool in _spools) spool.Dispose();
                _spools.Clear();
            }
        }

        var targets = _targets.Concat(whole.Evaluate(baselineWhole));
        return (_rollups.Build(), ReportBuilder.Targets(_rules, targets));
    }

    private PartitionReport Assess(WorkItem item, Baseline? baseline, WholeDataSetRollup whole, WholeDataSetRollup? baselineWhole)
    {
        RuleSession? baselineSession = null;
        if (item.Baseline is { } b)
        {
            var (records, indexes) = b.Load();
            var assessed = InBaselineData(() => Session(baseline!.Rules, baseline.AsOf, false, records, indexes, null));
            baselineWhole?.Add(assessed.Session, assessed.OrderOf);
            baselineSession = assessed.Session;
        }
        if (item.Main is not { } main) return new PartitionReport([]);
        if (_slices is { } slices && main.Count(slices.Kinds.Contains) > _options.LeafSliceSize) return AssessInSlices(main, slices, baselineSession, whole);
        var data = main.Load();
        var (session, names, orderOf) = Session(_sessionRules, _asOf, _options.Explain, data.Records, data.Indexes, baselineSession);
        whole.Add(session, orderOf);
        var builder = new ReportBuilder(_rules, session, names, _options, Merges);
        var subjects = builder.Subjects(_rollups, Built);
        KeepTargets(builder);
        return new PartitionReport(subjects);
    }

    /// <summary>
    /// A partition with many leaf records (<see cref="LeafSlices"/>): the records are read back one by one; those of
    /// the sliced kinds are assessed in sessions of <see cref="AssessmentOptions.LeafSliceSize"/> records of one kind,
    /// each slice's report parts built and written to a <see cref="LeafEntrySpool"/>, and its records kept, settled
    /// (values final), for the province's session over the other records, in which they are only inputs. The subjects
    /// go out in the one session's order: the other kinds first, then each sliced kind in catalogue order, slice by
    /// slice (each slice in data order), read back from the spool.
    /// </summary>
    private PartitionReport AssessInSlices(Partition main, LeafSlices slices, RuleSession? baselineSession, WholeDataSetRollup whole)
    {
        var size = _options.LeafSliceSize;
        var upper = (Records: new List<DataRecord>(), Indexes: new List<int>());
        var filling = new Dictionary<string, (List<DataRecord> Records, List<int> Indexes)>(StringComparer.Ordinal);
        LeafEntrySpool? sliced = null;
        var settled = new List<(int Index, Record Record)>();

        void Assess(string kind)
        {
            filling.Remove(kind, out var slice);
            var (session, names, orderOf) = Session(slices.LeafRules, _asOf, _options.Explain, slice.Records, slice.Indexes, baselineSession);
            var builder = new ReportBuilder(_rules, session, names, _options, Merges);
            (sliced ??= OpenSpool()).Add(kind, builder.Subjects(_rollups, Built));
            KeepTargets(builder);
            foreach (var record in session.Subjects(kind)) settled.Add(((int)orderOf(record), record));
        }

        foreach (var (record, index) in main.Stream())
        {
            if (!slices.Kinds.Contains(record.Kind))
            {
                upper.Records.Add(record);
                upper.Indexes.Add(index);
                continue;
            }
            if (!filling.TryGetValue(record.Kind, out var slice)) filling[record.Kind] = slice = ([], []);
            slice.Records.Add(record);
            slice.Indexes.Add(index);
            if (slice.Records.Count == size) Assess(record.Kind);
        }
        foreach (var kind in filling.Keys.ToArray()) Assess(kind);

        settled.Sort((a, b) => a.Index.CompareTo(b.Index));
        var (province, provinceNames, orderOf) = Session(slices.UpperRules, _asOf, _options.Explain, upper.Records, upper.Indexes, baselineSession, settled);
        whole.Add(province, orderOf);
        var provinceBuilder = new ReportBuilder(_rules, province, provinceNames, _options, Merges);
        var all = provinceBuilder.Subjects(_rollups, Built, kind => !slices.Kinds.Contains(kind));
        KeepTargets(provinceBuilder);
        return new PartitionReport(all, sliced);
    }

    /// <summary>
    /// Keeps the session's targets about a subject to the end of the run, as copies: an outcome fact of the ntp engine
    /// keeps the memories of its session (and so every fact of the partition) for as long as it lives.
    /// </summary>
    private void KeepTargets(ReportBuilder builder)
    {
        var kept = builder.TargetOutcomes(wholeDataSet: false)
            .Select(t => new TargetOutcome(t.Subject, t.RuleSetId, t.TargetId, t.Verdict, t.Actual, t.Target, t.Gap, t.Reason))
            .ToList();
        lock (_gate) _targets.AddRange(kept);
    }

    private LeafEntrySpool OpenSpool()
    {
        var spool = new LeafEntrySpool(_options.TemporaryFolder);
        lock (_gate) _spools.Add(spool);
        return spool;
    }

    private void Release(LeafEntrySpool spool)
    {
        lock (_gate) _spools.Remove(spool);
        spool.Dispose();
    }

    /// <summary>The whole run in one session, subjects in the same order as <see cref="Run"/> gives them.</summary>
    public (IReadOnlyList<Rollup> Rollups, IReadOnlyList<TargetResult> Targets) RunWhole(IReadOnlyList<DataRecord> records, Baseline? baseline, ISubjectSink sink)
    {
        StartProgress(records.Count(Assessed));
        var indexes = Enumerable.Range(0, records.Count).ToArray();
        var baselineSession = baseline is null ? null
            : InBaselineData(() => Session(baseline.Rules, baseline.AsOf, false, baseline.Data.Records, Enumerable.Range(0, baseline.Data.Records.Count).ToArray(), null)).Session;
        var (session, names, orderOf) = Session(_rules, _asOf, _options.Explain, records, indexes, baselineSession);
        var builder = new ReportBuilder(_rules, session, names, _options, Merges);
        var subjects = builder.Subjects(_rollups, Built);
        // Province by province, as the partitioned run reports them (a stable sort keeps the order within each).
        var partitions = ProvincePartition.Split(records);
        var partitionOf = new int[records.Count];
        foreach (var p in partitions)
            foreach (var i in p.Indexes) partitionOf[i] = p.Number;
        var byPartition = subjects.ToLookup(s => partitionOf[orderOf(session.Find(s.Kind, s.Id)!)]);
        var rollups = _rollups.Build();
        foreach (var p in partitions)
        {
            foreach (var s in byPartition[p.Number]) sink.Add(s);
            sink.ProvinceDone(rollups);
        }
        return (_rollups.Build(), ReportBuilder.Targets(_rules, builder.TargetOutcomes(wholeDataSet: true)));
    }

    private bool Assessed(DataRecord r) => _rules.Schemas.ContainsKey(r.Kind);

    /// <summary>
    /// One session over the records: map them to engine records in one place, insert, fire. <paramref name="settled"/>:
    /// records assessed before (in order of position), inserted among the others by position.
    /// </summary>
    private (RuleSession Session, Dictionary<Record, string?> Names, Func<Record, long> OrderOf) Session(CompiledRules rules, DateOnly asOf, bool explain,
        IReadOnlyList<DataRecord> data, IReadOnlyList<int> indexes, RuleSession? baseline, IReadOnlyList<(int Index, Record Record)>? settled = null)
    {
        var session = rules.CreateSession(asOf, explain, _options.Engine, _options.CSharpRules, _options.EngineLog);
        session.Baseline = baseline;
        settled ??= [];
        var names = new Dictionary<Record, string?>(data.Count);
        var order = new Dictionary<Record, int>(data.Count + settled.Count);
        var records = new List<Record>(data.Count + settled.Count);
        var s = 0;
        for (var i = 0; i < data.Count; i++)
        {
            for (; s < settled.Count && settled[s].Index < indexes[i]; s++) Add(settled[s].Record, settled[s].Index);
            var d = data[i];
            if (!rules.Schemas.ContainsKey(d.Kind)) continue;
            var record = SubjectRecords.Create(rules, d.Kind, d.Id, d.Parents, d.Values);
            names[record] = d.Name;
            Add(record, indexes[i]);
        }
        for (; s < settled.Count; s++) Add(settled[s].Record, settled[s].Index);

        void Add(Record record, int index)
        {
            order[record] = index;
            records.Add(record);
        }

        SubjectRecords.FillAncestors(rules, records);
        session.InsertAll(records);
        session.Fire(_cancellation);
        return (session, names, r => order[r]);
    }

    private static T InBaselineData<T>(Func<T> assess)
    {
        try
        {
            return assess();
        }
        catch (Language.Engines.RuleFailedException e)
        {
            e.Data[InBaseline] = true;
            throw;
        }
    }

    private void StartProgress(long total)
    {
        _total = total;
        _progress?.Report(new SubjectProgress(0, total));
    }

    /// <summary>Counts subjects built; reports under the lock, so that the counts reported only go up.</summary>
    private void Built(int subjects)
    {
        if (_progress is null) return;
        lock (_gate)
        {
            _done += subjects;
            _progress.Report(new SubjectProgress(_done, _total));
        }
    }
}
