using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NtpRules.Assessment.Data;
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

    /// <summary>Assesses the data files (or folders of them) given.</summary>
    public AssessmentResult Assess(IReadOnlyList<string> data, AssessmentOptions options, IProgress<long>? progress = null,
        CancellationToken cancellation = default)
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
        var problems = new List<DataProblem>();
        var main = Read(files, diagnostics, options.Lenient ? problems : null);
        IReadOnlyDictionary<string, MergeProvenance>? merges = null;
        if (options.MergeMap is { } mapFile && !diagnostics.HasErrors)
        {
            // The old communes' data, merged by the mapping: the merged communes are what is assessed (and checked against --units).
            if (Merging.DataMerge.Apply(main.Records, mapFile, options.UnitsFile, Library.Catalogue, diagnostics) is { } merged)
                (main.Records, merges) = (merged.Records, merged.Provenance);
        }
        else if (options.UnitsFile is { } unitsFile && !diagnostics.HasErrors && Units.AdminUnits.Load(unitsFile, diagnostics) is { } units)
            Units.UnitsCheck.Check(main.Records, units, diagnostics);
        if (options.Subject is { } subject) main.Records = ValueOverrides.Apply(main.Records, subject, options.Overrides, _columns, diagnostics);
        var asOf = options.AsOf ?? main.DeclaredAsOf ?? data.Select(AsOfDate.FromName).FirstOrDefault(d => d is not null) ?? DateOnly.FromDateTime(DateTime.Today);
        StandardChoice.Check(Library, asOf, options.Standards, diagnostics);
        if (diagnostics.HasErrors) return new AssessmentResult(null, diagnostics.ToList());

        var rules = Compile(asOf, diagnostics);
        if (rules is null) return new AssessmentResult(null, diagnostics.ToList());

        RuleSession? baseline = null;
        var baselineFiles = options.BaselineData?.SelectMany(DataReading.FindFiles).ToArray() ?? FindBaseline(rules, data);
        if (baselineFiles.Length > 0)
        {
            var read = Read(baselineFiles, diagnostics, options.Lenient ? problems : null);
            if (diagnostics.HasErrors) return new AssessmentResult(null, diagnostics.ToList());
            var baselineAsOf = options.BaselineAsOf ?? read.DeclaredAsOf ?? baselineFiles.Select(AsOfDate.FromName).FirstOrDefault(d => d is not null) ?? asOf.AddYears(-1);
            var baselineRules = Compile(baselineAsOf, diagnostics);
            if (baselineRules is null) return new AssessmentResult(null, diagnostics.ToList());
            try
            {
                baseline = Run(baselineRules, baselineAsOf, options with { Explain = false }, read.Records, null, cancellation).Session;
            }
            catch (RuleFailedException e)
            {
                diagnostics.Error("NTP5300", $"rule '{e.RuleName}' failed for {e.Subject} in the baseline data: {e.InnerException?.Message}", SourceLocation.None(e.RuleLocation));
                return new AssessmentResult(null, diagnostics.ToList());
            }
        }

        // One subject (explain): only its province's records are assessed.
        var records = options.Subject is { } only ? Partitions.ProvincePartition.Of(main.Records, only) : main.Records;
        RuleSession session;
        Dictionary<Record, string?> names;
        try
        {
            (session, names) = Run(rules, asOf, options, records, baseline, cancellation);
        }
        catch (RuleFailedException e)
        {
            // A rule file is data: a rule that fails is reported like bad rules, naming the rule and the subject.
            diagnostics.Error("NTP5300", $"rule '{e.RuleName}' failed for {e.Subject}: {e.InnerException?.Message}", SourceLocation.None(e.RuleLocation));
            return new AssessmentResult(null, diagnostics.ToList());
        }
        progress?.Report(records.Count);
        var run = new RunInfo(options.RunId ?? Guid.NewGuid().ToString("n"), asOf,
            rules.RuleSets.Select(s => new RuleSetUse(s.Id, s.Version, s.File.Path, s.File.Sha256)).ToArray(),
            files.Select(f => new InputFileUse(f, Sha256Of(f))).Concat(baselineFiles.Select(f => new InputFileUse(f, Sha256Of(f)))).ToArray(),
            RuleEngines.VersionOf(options.Engine), DateTimeOffset.UtcNow, RuleEngines.NameOf(options.Engine)) { DataProblems = problems };
        var report = new ReportBuilder(rules, session, names, options, merges).Build(run);
        return new AssessmentResult(report, diagnostics.ToList());
    }

    /// <summary>
    /// Reads the data. With <paramref name="lenient"/> the errors read past are added to it, and to the diagnostics as
    /// warnings, so that they are both in the report and on the terminal.
    /// </summary>
    private (IReadOnlyList<DataRecord> Records, DateOnly? DeclaredAsOf) Read(IReadOnlyList<string> files, DiagnosticBag diagnostics, List<DataProblem>? lenient)
    {
        var reading = new DataReading(_columns, files, lenient is not null);
        var records = reading.Records().ToList();
        foreach (var d in reading.Diagnostics) diagnostics.Add(d);
        if (reading.Diagnostics.HasErrors) return (records, reading.DeclaredAsOf);
        var parents = new DiagnosticBag();
        ParentCheck.Check(records, parents);
        if (lenient is null)
        {
            diagnostics.AddRange(parents);
            return (records, reading.DeclaredAsOf);
        }
        var found = reading.Problems
            .Concat(parents.Select(d => new DataProblem(d.Code, d.Message, d.Location.File, d.Location.Line, d.Location.Column, d.Hint, DataProblemEffect.Warning)))
            .ToList();
        lenient.AddRange(found);
        foreach (var p in found)
            diagnostics.Warning(p.Code, p.Effect == DataProblemEffect.Warning ? p.Message : $"{p.Message} ({p.EffectText})", new SourceLocation(p.File, p.Line, p.Column), p.Hint);
        return (records, reading.DeclaredAsOf);
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

    /// <summary>One session over the records: map them to engine records in one place, insert, fire.</summary>
    private static (RuleSession Session, Dictionary<Record, string?> Names) Run(CompiledRules rules, DateOnly asOf, AssessmentOptions options,
        IReadOnlyList<DataRecord> data, RuleSession? baseline, CancellationToken cancellation)
    {
        var session = rules.CreateSession(asOf, options.Explain, options.Engine, options.CSharpRules, options.EngineLog);
        session.Baseline = baseline;
        var names = new Dictionary<Record, string?>(data.Count);
        var records = new List<Record>(data.Count);
        foreach (var d in data)
        {
            if (!rules.Schemas.ContainsKey(d.Kind)) continue;
            var record = SubjectRecords.Create(rules, d.Kind, d.Id, d.Parents, d.Values);
            names[record] = d.Name;
            records.Add(record);
        }
        SubjectRecords.FillAncestors(rules, records);
        session.InsertAll(records);
        session.Fire(cancellation);
        return (session, names);
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
