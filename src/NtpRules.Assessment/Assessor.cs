using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Partitions;
using NtpRules.Assessment.Results;
using NtpRules.Engine;
using NtpRules.Language.Compilation;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Engines;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;

namespace NtpRules.Assessment;

/// <summary>
/// Assesses data files against the rule sets of a library in force on an as-of date and builds the
/// <see cref="AssessmentReport"/>. Compiled networks are cached per set of versions, so an assessor is cheap to
/// call again (the worker keeps one per loaded library). Thread-safe.
/// </summary>
public sealed partial class Assessor
{
    private readonly ConcurrentDictionary<string, CompiledRules?> _compiled = new();
    private readonly RecordCatalogue _columns;

    public Assessor(RuleLibrary library)
    {
        Library = library;
        _columns = library.Catalogue.ToRecordCatalogue();
    }

    public RuleLibrary Library { get; }

    /// <summary>Assesses the data files (or folders of them) given; <paramref name="progress"/> hears the subjects assessed so far.</summary>
    public AssessmentResult Assess(IReadOnlyList<string> data, AssessmentOptions options, IProgress<SubjectProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var subjects = new SubjectList();
        var result = Assess(data, options, subjects, progress, cancellation);
        return result.Report is { } report ? result with { Report = report with { Subjects = subjects.Subjects } } : result;
    }

    /// <summary>
    /// Assesses the data files given, handing each reported subject to <paramref name="subjects"/> as soon as its
    /// province is assessed, in report order (province by province; within one, kind by kind in catalogue order,
    /// each kind in data order), on the calling thread; the report returned holds the run, the roll-ups and the
    /// targets, and no subjects.
    /// </summary>
    public AssessmentResult Assess(IReadOnlyList<string> data, AssessmentOptions options, ISubjectSink subjects,
        IProgress<SubjectProgress>? progress = null, CancellationToken cancellation = default)
    {
        var diagnostics = new DiagnosticBag();
        foreach (var d in Library.Diagnostics.Where(d => d.IsError)) diagnostics.Add(d);
        if (diagnostics.HasErrors) return new AssessmentResult(null, diagnostics.ToList());

        var files = data.SelectMany(DataReading.FindFiles).Distinct().ToArray();
        if (files.Length == 0)
        {
            diagnostics.Error(DataCodes.FileNotFound, "no data files (.csv, .xlsx, .json, .yaml) found", SourceLocation.None(string.Join(", ", data)));
            return new AssessmentResult(null, diagnostics.ToList());
        }
        // A partitioned run of the whole data sorts the records by province as it reads them (into a spool on disk);
        // merging communes and checking units read the whole data first.
        var spooled = options.Partitioned && options.Subject is null && options.MergeMap is null && options.UnitsFile is null;
        var problems = new List<DataProblem>();
        using var main = Read(files, spooled, options.TemporaryFolder, diagnostics, options.Lenient ? problems : null);
        IReadOnlyDictionary<string, MergeProvenance>? merges = null;
        if (options.MergeMap is { } mapFile && !diagnostics.HasErrors)
        {
            // The old communes' data, merged by the mapping: the merged communes are what is assessed (and checked against --units).
            if (Merging.DataMerge.Apply(main.Records, mapFile, options.UnitsFile, Library.Catalogue, diagnostics) is { } merged)
                (main.Records, merges) = (merged.Records, merged.Provenance);
        }
        else if (options.UnitsFile is { } unitsFile && !diagnostics.HasErrors && Units.AdminUnits.Load(unitsFile, diagnostics) is { } units)
            Units.UnitsCheck.Check(main.Records, units, diagnostics);
        if (options.Subject is { } only) main.Records = ValueOverrides.Apply(main.Records, only, options.Overrides, _columns, diagnostics);
        var asOf = options.AsOf ?? main.DeclaredAsOf ?? data.Select(AsOfDate.FromName).FirstOrDefault(d => d is not null) ?? DateOnly.FromDateTime(DateTime.Today);
        StandardChoice.Check(Library, asOf, options.Standards, diagnostics);
        if (diagnostics.HasErrors) return new AssessmentResult(null, diagnostics.ToList());

        var rules = Compile(asOf, diagnostics);
        if (rules is null) return new AssessmentResult(null, diagnostics.ToList());

        using var baselineData = new Disposables();
        Baseline? baseline = null;
        var baselineFiles = options.BaselineData?.SelectMany(DataReading.FindFiles).ToArray() ?? FindBaseline(rules, data);
        if (baselineFiles.Length > 0)
        {
            var read = baselineData.Add(Read(baselineFiles, spooled, options.TemporaryFolder, diagnostics, options.Lenient ? problems : null));
            if (diagnostics.HasErrors) return new AssessmentResult(null, diagnostics.ToList());
            var baselineAsOf = options.BaselineAsOf ?? read.DeclaredAsOf ?? baselineFiles.Select(AsOfDate.FromName).FirstOrDefault(d => d is not null) ?? asOf.AddYears(-1);
            var baselineRules = Compile(baselineAsOf, diagnostics);
            if (baselineRules is null) return new AssessmentResult(null, diagnostics.ToList());
            baseline = new Baseline(baselineRules, baselineAsOf, read);
        }

        var run = new RunInfo(options.RunId ?? Guid.NewGuid().ToString("n"), asOf,
            rules.RuleSets.Select(s => new RuleSetUse(s.Id, s.Version, s.File.Path, s.File.Sha256)).ToArray(),
            files.Select(f => new InputFileUse(f, Sha256Of(f))).Concat(baselineFiles.Select(f => new InputFileUse(f, Sha256Of(f)))).ToArray(),
            RuleEngines.VersionOf(options.Engine), DateTimeOffset.UtcNow, RuleEngines.NameOf(options.Engine))
        {
            DataProblems = problems,
            VietnameseNames = ReportBuilder.VietnameseNames(rules),
            Definitions = ReportDefinitions.Of(rules, asOf),
        };
        // One subject (explain): only its province's records are assessed.
        if (options.Subject is { } one) main.Records = ProvincePartition.Of(main.Records, one);
        try
        {
            var assessment = new PartitionedAssessment(rules, asOf, options, progress, cancellation) { Merges = merges };
            subjects.Begin(run);
            if (!options.Partitioned) return Done(assessment.RunWhole(main.Records, baseline, subjects));
            var partitions = main.Split().ToArray<Partition?>();
            main.Records = []; // each partition's records go once it is assessed
            return Done(assessment.Run(partitions, baseline, subjects));
        }
        catch (RuleFailedException e)
        {
            // A rule file is data: a rule that fails is reported like bad rules, naming the rule and the subject.
            var where = e.Data.Contains(PartitionedAssessment.InBaseline) ? " in the baseline data" : "";
            diagnostics.Error("NTP5300", $"rule '{e.RuleName}' failed for {e.Subject}{where}: {e.InnerException?.Message}", SourceLocation.None(e.RuleLocation));
            return new AssessmentResult(null, diagnostics.ToList());
        }

        AssessmentResult Done((IReadOnlyList<Rollup> Rollups, IReadOnlyList<TargetResult> Targets) parts) =>
            new(new AssessmentReport(run, [], parts.Rollups, parts.Targets), diagnostics.ToList());
    }

    /// <summary>
    /// Reads the data. With <paramref name="lenient"/> the errors read past are added to it, and to the diagnostics as
    /// warnings, so that they are both in the report and on the terminal.
    /// </summary>
    private DataSet Read(IReadOnlyList<string> files, bool spooled, string? temporaryFolder, DiagnosticBag diagnostics, List<DataProblem>? lenient)
    {
        // Spooled, the records are not held: neither are the households' ids (checked on disk once reading ends).
        var reading = new DataReading(_columns, files, lenient is not null) { DefersLeafIds = spooled, TemporaryFolder = temporaryFolder };
        var parents = new DiagnosticBag();
        DataSet set;
        if (!spooled)
        {
            var all = reading.Records().ToList();
            if (!reading.Diagnostics.HasErrors) ParentCheck.Check(all, parents);
            set = new DataSet(all, null, null, reading.DeclaredAsOf);
        }
        else set = Spooled(reading, temporaryFolder, parents);
        foreach (var d in reading.Diagnostics) diagnostics.Add(d);
        if (lenient is null)
        {
            diagnostics.AddRange(parents);
            return set;
        }
        var found = reading.Problems
            .Concat(parents.Select(d => new DataProblem(d.Code, d.Message, d.Location.File, d.Location.Line, d.Location.Column, d.Hint, DataProblemEffect.Warning)))
            .ToList();
        lenient.AddRange(found);
        foreach (var p in found)
            diagnostics.Warning(p.Code, p.Effect == DataProblemEffect.Warning ? p.Message : $"{p.Message} ({p.EffectText})", new SourceLocation(p.File, p.Line, p.Column), p.Hint);
        return set;
    }

    /// <summary>
    /// Reads the records into a province spool (those without a province yet are kept in memory), first removing the
    /// spools killed runs left (<see cref="StaleSpools"/>). A read that fails (cancelled, a file gone) leaves no spool
    /// behind: its file goes with its handle.
    /// </summary>
    private DataSet Spooled(DataReading reading, string? temporaryFolder, DiagnosticBag parents)
    {
        StaleSpools.Remove(temporaryFolder);
        var spool = new ProvinceSpool(_columns, temporaryFolder);
        try
        {
            var check = new ParentCheck(_columns.Kinds.SelectMany(k => k.Parents).ToHashSet(StringComparer.Ordinal));
            var kept = new List<DataRecord>();
            var indexes = new List<int>();
            var index = 0;
            // Reading and checking the rows on one thread, sorting them into the spool on this one.
            foreach (var r in ReadAhead.Of(reading.Records()))
            {
                check.See(r);
                if (!spool.TryAdd(r, index))
                {
                    kept.Add(r);
                    indexes.Add(index);
                }
                index++;
            }
            spool.Seal();
            var dropped = reading.DroppedRows;
            if (dropped.Count > 0 && !reading.Diagnostics.HasErrors) // with errors, nothing is assessed
            {
                spool.Drop(dropped);
                for (var i = kept.Count - 1; i >= 0; i--)
                    if (dropped.Contains(kept[i].Location))
                    {
                        kept.RemoveAt(i);
                        indexes.RemoveAt(i);
                    }
            }
            if (!reading.Diagnostics.HasErrors) check.Finish(parents, dropped);
            return new DataSet(kept, indexes, spool, reading.DeclaredAsOf);
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    /// <summary>Things to dispose with the run (the baseline's spool).</summary>
    private sealed class Disposables : IDisposable
    {
        private readonly List<IDisposable> _items = new();

        public T Add<T>(T item) where T : IDisposable
        {
            _items.Add(item);
            return item;
        }

        public void Dispose()
        {
            foreach (var i in _items) i.Dispose();
        }
    }

    private CompiledRules? Compile(DateOnly asOf, DiagnosticBag diagnostics)
    {
        var sets = Library.AllInForce(asOf);
        if (sets.Count == 0)
        {
            diagnostics.Error("NTP5100", $"no rule set is in force on {asOf:yyyy-MM-dd}", SourceLocation.None("rules"));
            return null;
        }
        var key = string.Join("|", sets.Select(s => $"{s.Id}@{s.Version}"));
        var bag = new DiagnosticBag();
        var rules = _compiled.GetOrAdd(key, _ => CompiledRules.Compile(Library, sets, bag));
        foreach (var d in bag) diagnostics.Add(d);
        if (rules is null && !diagnostics.HasErrors)
            diagnostics.Error("NTP5101", "the rules in force could not be compiled", SourceLocation.None("rules"));
        return rules;
    }

    /// <summary>
    /// The baseline data beside the data assessed: a folder named by a target's <c>baseline: {dataset: …}</c>, or,
    /// for <c>baseline: {period: 2024}</c>, the data folder's name with its year replaced (lao-cai-2025 → lao-cai-2024).
    /// </summary>
    private static string[] FindBaseline(CompiledRules rules, IReadOnlyList<string> data)
    {
        var baselines = rules.RuleSets.SelectMany(s => s.Targets).Select(t => t.Baseline).OfType<TargetBaseline>().ToArray();
        foreach (var path in data)
        {
            var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
            var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
            if (Path.GetDirectoryName(folder) is not { } parent) continue;
            var name = Path.GetFileName(folder)!;
            var year = YearIn().Match(name);
            var candidates = baselines.Select(b => b.Dataset)
                .Concat(baselines.Select(b => b.Period is { } p && year.Success && YearIn().IsMatch(p) && p.Length == 4 ? name.Replace(year.Value, p) : null))
                .OfType<string>().Distinct();
            foreach (var candidate in candidates.Select(c => Path.Combine(parent, c)))
                if (Directory.Exists(candidate) && candidate != folder) return DataReading.FindFiles(candidate).ToArray();
        }
        return [];
    }

    [GeneratedRegex(@"(?<!\d)(19|20)\d\d(?!\d)")]
    private static partial Regex YearIn();

    private static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
