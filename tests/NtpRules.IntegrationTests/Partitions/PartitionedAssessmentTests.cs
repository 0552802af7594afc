using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using NtpRules.Assessment;
using NtpRules.Assessment.Partitions;
using NtpRules.Assessment.Results;
using NtpRules.Language.Engines;
using NtpRules.Language.Library;
using NtpRules.Reporting;
using NtpRules.Samples;

namespace NtpRules.IntegrationTests.Partitions;

/// <summary>
/// Assessing province by province, in parallel, must give the reports one session over the whole data set gives:
/// the same subjects in the same order, the same roll-ups (regions span provinces) and the same targets (those about
/// the whole data set, baselines included), on both engines.
/// </summary>
public sealed partial class PartitionedAssessmentTests : IDisposable
{
    private static readonly Lazy<Assessor> Assessor = new(() => new Assessor(RuleLibrary.LoadDirectory(Path.Combine(RealData.RepoRoot(), "rules"))));
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    public static TheoryData<string, string, int> Samples() => new()
    {
        { "lao-cai-2024", "nrules", 20_000 }, { "lao-cai-2024", "ntp", 20_000 },
        { "lao-cai-2025", "nrules", 20_000 }, { "lao-cai-2025", "ntp", 20_000 },
        { "provinces-2024", "nrules", 20_000 }, { "provinces-2024", "ntp", 20_000 },
        // Households in slices of 7 (the last one shorter), apart from their communes.
        { "lao-cai-2024", "nrules", 7 }, { "lao-cai-2024", "ntp", 7 },
        { "households-2027", "nrules", 7 }, { "households-2027", "ntp", 7 },
        { "provinces-2024", "nrules", 7 }, { "provinces-2024", "ntp", 7 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Partitioned_and_single_session_runs_write_the_same_report_files(string data, string engine, int sliceSize)
    {
        var options = new AssessmentOptions { Engine = engine == "ntp" ? RuleEngineKind.Ntp : RuleEngineKind.NRules, RunId = "same", LeafSliceSize = sliceSize };
        string folder;
        if (data == "provinces-2024")
        {
            // Four provinces with districts, households and a baseline of the year before (four provinces too).
            folder = MultiProvinceData.Write("lao-cai-2024", _tmp["provinces-2024"], copies: 4, seed: 1);
            var baseline = MultiProvinceData.Write("lao-cai-2024", _tmp["provinces-2023"], copies: 4, seed: 2, childrenFirst: true);
            options = options with { AsOf = new DateOnly(2024, 12, 31), BaselineData = [baseline], BaselineAsOf = new DateOnly(2023, 12, 31) };
        }
        else folder = Path.Combine(RealData.RepoRoot(), "samples", data);

        var files = AssertSameReports(folder, options);
        Assert.True(files >= 7, $"only {files} report files");
    }

    [Theory]
    [InlineData("ntp", 20_000)]
    [InlineData("ntp", 7)]
    [InlineData("nrules", 7)]
    public void The_generated_national_data_set_gives_the_same_reports_partitioned(string engine, int sliceSize)
    {
        var units = Path.Combine(Path.GetDirectoryName(RealData.RepoRoot())!, SampleGenerator.UnitsFile);
        var generated = SampleGenerator.WriteNational(Path.Combine(RealData.RepoRoot(), "rules"), units, _tmp["national"], householdsPerCommune: 1);
        Assert.True(generated.Succeeded, string.Join("\n", generated.Diagnostics));
        var set = generated.Sets[0];
        AssertSameReports(_tmp[Path.Combine("national", set.Name)], new AssessmentOptions
        {
            Engine = engine == "ntp" ? RuleEngineKind.Ntp : RuleEngineKind.NRules, RunId = "same", AsOf = new DateOnly(2025, 12, 31), LeafSliceSize = sliceSize,
        });
    }

    [Fact]
    public void Any_number_of_provinces_in_any_order_of_records_and_files_on_any_number_of_threads_gives_the_single_session_report()
    {
        var cases = 0;
        // Slice sizes: none, one household per session, a few, more than a province has (240: not sliced).
        Prop.ForAll(Gen.Choose(1, 5).SelectMany(copies => Gen.Choose(0, 1000).SelectMany(seed => Gen.Choose(1, 4).SelectMany(threads =>
            Gen.Elements(true, false).SelectMany(interleave => Gen.Elements(true, false).SelectMany(childrenFirst =>
                Gen.Elements(0, 1, 7, 100, 1000).SelectMany(slice => Gen.Elements(0L, 50L, 100_000L).Select(waiting =>
                (Copies: copies, Seed: seed, Threads: threads, Interleave: interleave, ChildrenFirst: childrenFirst, Slice: slice, Waiting: waiting)))))))).ToArbitrary(), c =>
        {
            var folder = MultiProvinceData.Write("lao-cai-2024", _tmp[$"random-{cases++}"], c.Copies, c.Seed, c.Interleave, c.ChildrenFirst);
            var options = new AssessmentOptions { Engine = RuleEngineKind.Ntp, RunId = "same", AsOf = new DateOnly(2024, 12, 31), Explain = false };
            var whole = Json(Run(folder, options with { Partitioned = false }));
            var partitioned = Json(Run(folder, options with { MaxParallelism = c.Threads, LeafSliceSize = c.Slice, SubjectsWaiting = c.Waiting }));
            return (whole == partitioned).Label($"{c}: the reports differ");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(8));
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(7)]
    public void Progress_counts_subjects_while_the_run_goes_and_ends_at_the_total(int sliceSize)
    {
        var folder = MultiProvinceData.Write("lao-cai-2024", _tmp["progress"], copies: 6, seed: 3);
        var reports = new List<(SubjectProgress Progress, int SubjectsEmitted)>();
        var sink = new Counter();
        var progress = new Recorder(p => reports.Add((p, sink.Subjects)));
        var result = Assessor.Value.Assess([folder], new AssessmentOptions { AsOf = new DateOnly(2024, 12, 31), Engine = RuleEngineKind.Ntp, MaxParallelism = 2, LeafSliceSize = sliceSize },
            sink, progress);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var emitted = sink.Subjects;
        Assert.Equal(6, sink.Provinces);

        var total = reports[0].Progress.Total;
        // Every subject of the data: 6 provinces, 54 districts, 756 communes, 1,440 households.
        Assert.Equal(6 * (1 + 9 + 126 + 240), total);
        Assert.Equal((0L, total), (reports[0].Progress.Done, reports[0].Progress.Total));
        Assert.Equal(total, reports[^1].Progress.Done);
        Assert.All(reports, r => Assert.Equal(total, r.Progress.Total));
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Progress.Done <= p.Second.Progress.Done), "progress went back");
        // Counts between the start and the end, heard before the last subjects were handed on.
        Assert.Contains(reports, r => r.Progress.Done > 0 && r.Progress.Done < total);
        Assert.Contains(reports, r => r.Progress.Done < total && r.SubjectsEmitted < emitted);
    }

    [Theory]
    [InlineData("ntp", false)]
    [InlineData("ntp", true)]
    [InlineData("nrules", true)]
    public void A_run_leaves_no_temporary_files_whether_it_completes_or_its_writer_fails(string engine, bool fail)
    {
        var folder = MultiProvinceData.Write("lao-cai-2024", _tmp["spooled"], copies: 4, seed: 5);
        var temporary = Directory.CreateDirectory(_tmp["temporary"]).FullName;
        // The first province's 136 other subjects go out, then its households from the spool: the writer fails among them.
        var sink = new FailingSink(temporary, failAt: fail ? 300 : int.MaxValue);
        var options = new AssessmentOptions
        {
            Engine = engine == "ntp" ? RuleEngineKind.Ntp : RuleEngineKind.NRules, AsOf = new DateOnly(2024, 12, 31), Explain = false,
            MaxParallelism = 2, LeafSliceSize = 7, SubjectsWaiting = 100_000, TemporaryFolder = temporary,
        };

        if (fail) Assert.Throws<IOException>(() => Assessor.Value.Assess([folder], options, sink));
        else Assert.True(Assessor.Value.Assess([folder], options, sink).Succeeded);

        Assert.True(sink.SpoolsSeen > 0, "no household entries were spooled");
        Assert.Empty(Directory.GetFiles(temporary));
    }

    /// <summary>Counts the spools of household entries in the temporary folder as subjects come; throws at subject <c>failAt</c>.</summary>
    private sealed class FailingSink(string temporary, int failAt) : ISubjectSink
    {
        private int _subjects;
        public int SpoolsSeen { get; private set; }
        public void Begin(RunInfo run) { }

        public void Add(SubjectResult subject)
        {
            if (++_subjects % 100 == 0 || _subjects == failAt)
                SpoolsSeen = Math.Max(SpoolsSeen, Directory.GetFiles(temporary, "ntp-leaves-*").Length);
            if (_subjects == failAt) throw new IOException("the disk is full");
        }

        public void ProvinceDone(IReadOnlyList<Rollup> rollups) { }
    }

    private sealed class Counter : ISubjectSink
    {
        public int Subjects, Provinces;
        public void Begin(RunInfo run) { }
        public void Add(SubjectResult subject) => Subjects++;
        public void ProvinceDone(IReadOnlyList<Rollup> rollups) => Provinces++;
    }

    private sealed class Recorder(Action<SubjectProgress> heard) : IProgress<SubjectProgress>
    {
        private readonly Lock _gate = new();

        public void Report(SubjectProgress value)
        {
            lock (_gate) heard(value);
        }
    }

    private static AssessmentReport Run(string folder, AssessmentOptions options)
    {
        var result = Assessor.Value.Assess([folder], options);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Report!;
    }

    private static string Json(AssessmentReport report) => JsonSerializer.Serialize(report with { Run = report.Run with { GeneratedAt = default } });

    /// <summary>Writes both runs' reports and compares them file by file; returns the number of files.</summary>
    private int AssertSameReports(string data, AssessmentOptions options)
    {
        var name = Path.GetFileName(data);
        var whole = Run(data, options with { Partitioned = false });
        var partitioned = Run(data, options);
        Assert.NotEmpty(partitioned.Subjects);
        var (a, b) = (_tmp[$"{name}-whole"], _tmp[$"{name}-partitioned"]);
        ReportWriter.WriteAll(whole, a, name, ReportFormats.All);
        ReportWriter.WriteAll(partitioned, b, name, ReportFormats.All);
        var files = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var (x, y) = (GeneratedAt().Replace(File.ReadAllText(Path.Combine(a, file)), ""), GeneratedAt().Replace(File.ReadAllText(Path.Combine(b, file)), ""));
            var (lx, ly) = (x.Split('\n'), y.Split('\n'));
            var line = Enumerable.Range(0, Math.Min(lx.Length, ly.Length)).FirstOrDefault(i => lx[i] != ly[i], -1);
            Assert.True(x == y, $"{file} differs at line {line + 1}:\n    one session: {(line >= 0 ? lx[line] : "(ends)")}\n    partitioned: {(line >= 0 ? ly[line] : "(ends)")}");
        }
        return files.Length;
    }

    [GeneratedRegex(@"""generatedAt"": ?""[^""]*""|generated [0-9-]+ [0-9:]+Z")]
    private static partial Regex GeneratedAt();
}
