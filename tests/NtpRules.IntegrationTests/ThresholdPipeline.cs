using System.Security.Cryptography;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Results;
using NtpRules.Cli.Pipeline;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Explanations;

namespace NtpRules.IntegrationTests;

/// <summary>
/// A small stand-in for the rule pipeline, so the CLI and the worker can be driven end to end: the "rules" folder holds
/// threshold.txt (a number, or anything else for a located rule error); a commune meets the "irrigation" standard when
/// irrigated_land_pct ≥ the threshold. Data are read with the real readers, so data errors are the real ones.
/// </summary>
internal sealed class ThresholdPipeline : IRuleLibraryLoader, IAssessor
{
    public static readonly RecordCatalogue Catalogue = new(
        [new RecordKind("province", []), new RecordKind("district", ["province"]), new RecordKind("commune", ["district", "province"])],
        [
            new IndicatorColumn("irrigated_land_pct", "commune", ColumnType.Number, 0, 100, Unit: "%"),
            new IndicatorColumn("province_name", "commune", ColumnType.Text),
        ]);

    /// <summary>Called before each assessment with the data files; tests use it to block or fail on purpose.</summary>
    public Action<AssessmentRequest, CancellationToken>? BeforeAssess { get; set; }

    public int Assessments;

    public AssessmentRequest? LastRequest { get; private set; }

    public static PipelineServices Services(ThresholdPipeline p)
    {
        var tooling = new UnusedRuleTooling();
        return new PipelineServices(p, p, tooling);
    }

    private sealed record Library(string Directory, IReadOnlyList<RuleSetUse> RuleSets, double Threshold) : IRuleLibrary;

    public RuleLibraryLoad Load(string rulesDirectory)
    {
        var file = Path.Combine(rulesDirectory, "threshold.txt");
        if (!File.Exists(file)) return new(null, [Diagnostic.Error("T0001", "threshold.txt is missing", SourceLocation.None(rulesDirectory))]);
        var text = File.ReadAllText(file).Trim();
        if (!double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var threshold))
            return new(null, [Diagnostic.Error("T0002", $"'{text}' is not a number", new SourceLocation(file, 1, 1))]);
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        return new(new Library(rulesDirectory, [new RuleSetUse("irrigation", text, file, sha)], threshold), []);
    }

    public AssessmentOutcome Assess(IRuleLibrary rules, AssessmentRequest request, IProgress<AssessmentProgress>? progress, CancellationToken cancellation)
    {
        Interlocked.Increment(ref Assessments);
        LastRequest = request;
        BeforeAssess?.Invoke(request, cancellation);
        var threshold = ((Library)rules).Threshold;
        var reading = new DataReading(Catalogue, request.DataFiles);
        var subjects = new List<SubjectResult>();
        var provinceOf = new Dictionary<string, (string Id, string Name)>();
        foreach (var r in reading.Records())
        {
            if (request.Subject is { } only && r.Id != only) continue;
            r.Values.TryGetValue("irrigated_land_pct", out var v);
            var pct = v as double?;
            var verdict = pct is null ? Verdict.Unknown : pct >= threshold ? Verdict.Met : Verdict.NotMet;
            var indicator = new IndicatorExplanation("1.1", "Irrigated land", verdict, "irrigated_land_pct >= irrigation_min",
                new Dictionary<string, object?> { ["irrigated_land_pct"] = pct },
                [new ThresholdUse("irrigation_min", threshold, new Dictionary<string, string>(), "%", "Test rules, 1.1", "provisional")],
                verdict == Verdict.NotMet ? threshold - pct : null,
                pct is null ? "irrigated_land_pct is missing" : $"{pct} {(verdict == Verdict.Met ? "≥" : "<")} {threshold}",
                "Test rules, 1.1", pct is null ? ["irrigated_land_pct"] : []);
            var criterion = new CriterionResult("c01", "Irrigation", verdict, [indicator], "Test rules, 1");
            subjects.Add(new SubjectResult(r.Id, r.Name ?? r.Id, r.Kind, r.Parents.GetValueOrDefault("district"),
                [new StandardResult("irrigation", "Irrigation standard", verdict, verdict == Verdict.Met ? 1 : 0, 1, [criterion], [], "", "Test rules")], []));
            provinceOf[r.Id] = (r.Parents.GetValueOrDefault("province") ?? "?", r.Values.GetValueOrDefault("province_name") as string ?? "?");
            progress?.Report(new AssessmentProgress(subjects.Count, null));
        }
        if (reading.Diagnostics.HasErrors) return new(null, reading.Diagnostics.ToList());

        var rollups = subjects.GroupBy(s => provinceOf[s.Id])
            .Select(g => new Rollup("province", g.Key.Id, g.Key.Name, [new RollupStandard("irrigation",
                g.Count(s => s.Standards[0].Verdict == Verdict.Met), g.Count(s => s.Standards[0].Verdict == Verdict.NotMet),
                g.Count(s => s.Standards[0].Verdict == Verdict.Unknown), g.Average(s => s.Standards[0].CriteriaMet))]))
            .ToList();
        var inputs = request.DataFiles.Select(f => new InputFileUse(f, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))))).ToList();
        var run = new RunInfo(request.RunId, request.AsOf ?? reading.DeclaredAsOf ?? new DateOnly(2024, 12, 31), rules.RuleSets, inputs, "test", DateTimeOffset.UtcNow);
        return new(new AssessmentReport(run, subjects, rollups, []), reading.Diagnostics.ToList());
    }

    /// <summary>Rule tooling is not under test here.</summary>
    private sealed class UnusedRuleTooling : IRuleTooling
    {
        private static Diagnostic[] None => [Diagnostic.Error("T0009", "not part of this test", SourceLocation.None("-"))];
        public RuleCheckReport Check(string rulesDirectory) => new(None, []);
        public RuleTestReport Test(string rulesDirectory, NtpRules.Language.Engines.RuleEngineKind engine = NtpRules.Language.Engines.RuleEngineKind.NRules) => new(0, [], None, 0, []);
        public RuleDiffReport Diff(string oldPath, string newPath) => new([], None);
        public RuleListing List(string rulesDirectory) => new([], None);
    }
}
