using NtpRules.Assessment.Results;

namespace NtpRules.Reporting.Tests;

public sealed class WriterLanesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ntp-lanes-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Three provinces of communes (with districts and households), in report order, each province closed by its roll-ups.</summary>
    private static (AssessmentReport Report, List<(SubjectResult[] Subjects, Rollup[] Rollups)> Provinces) Country(int communesPerProvince)
    {
        var one = ReportFixture.Build();
        var provinces = new List<(SubjectResult[], Rollup[])>();
        for (var p = 1; p <= 3; p++)
        {
            var subjects = new List<SubjectResult>
            {
                new($"P{p}", $"Tỉnh {p}", "province", null, one.Subjects[0].Standards, []),
                one.Subjects[1] with { Id = $"D{p}", Kind = "district", Parent = $"P{p}" },
            };
            for (var c = 0; c < communesPerProvince; c++)
            {
                subjects.Add(one.Subjects[c % 2] with { Id = $"C{p}-{c}", Name = $"Xã {p}-{c}", Parent = $"D{p}" });
                subjects.Add(one.Subjects[2] with { Id = $"H{p}-{c}", Parent = $"C{p}-{c}" });
            }
            provinces.Add((subjects.ToArray(), [new Rollup("province", $"P{p}", $"Tỉnh {p}", [new RollupStandard("ntm-commune", 3 * p, 1, 1, 17.5)])]));
        }
        return (one with { Subjects = provinces.SelectMany(p => p.Item1).ToArray() }, provinces);
    }

    private Dictionary<string, byte[]> Write(string folder, bool concurrent, int subjectsWaiting = ReportStream.DefaultSubjectsWaiting)
    {
        var (report, provinces) = Country(150);
        var path = Path.Combine(_dir, folder);
        using (var stream = new ReportStream(report.Run, path, "r", ReportFormats.All, concurrent, subjectsWaiting))
        {
            foreach (var (subjects, rollups) in provinces)
            {
                foreach (var s in subjects) stream.Add(s);
                stream.ProvinceDone(rollups);
            }
            stream.Complete(report.Rollups, report.Targets);
        }
        return Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order()
            .ToDictionary(f => Path.GetRelativePath(path, f), File.ReadAllBytes);
    }

    [Theory]
    [InlineData(ReportStream.DefaultSubjectsWaiting)]
    [InlineData(5)]  // lanes full most of the time
    [InlineData(1)]  // one subject at a time
    public void Formats_written_on_their_own_threads_give_the_bytes_of_one_thread(int subjectsWaiting)
    {
        var sequential = Write("one-thread", concurrent: false);
        var concurrent = Write("lanes", concurrent: true, subjectsWaiting);

        Assert.Equal(sequential.Keys, concurrent.Keys);
        Assert.Contains("r-provinces/P3.html", sequential.Keys);
        foreach (var (file, bytes) in sequential) Assert.True(bytes.AsSpan().SequenceEqual(concurrent[file]), $"{file} differs");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_failing_writer_fails_the_stream_with_its_own_exception_and_leaves_no_report(bool concurrent)
    {
        var (report, provinces) = Country(40);
        var path = Path.Combine(_dir, "failed");
        var seen = 0;
        var ex = Assert.Throws<IOException>(() =>
        {
            using var stream = new ReportStream(report.Run, path, "r", ReportFormats.All, concurrent, subjectsWaiting: 8);
            stream.Attach("failing", _ =>
            {
                if (++seen == 30) throw new IOException("No space left on device : 'r.json'");
            });
            foreach (var (subjects, rollups) in provinces)
            {
                foreach (var s in subjects) stream.Add(s);
                stream.ProvinceDone(rollups);
            }
            stream.Complete(report.Rollups, report.Targets);
        });

        Assert.Equal("No space left on device : 'r.json'", ex.Message);
        Assert.Empty(Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public void A_failure_surfaces_at_the_next_subject_and_the_lanes_stop()
    {
        using var lanes = new WriterLanes(concurrent: true, subjectsWaiting: 4);
        var other = 0;
        lanes.Add("failing", _ => throw new InvalidOperationException("the page was finished"));
        lanes.Add("other", _ => Interlocked.Increment(ref other));
        var subject = ReportFixture.Build().Subjects[0];

        // Posting goes on until the failure is seen, within a few batches.
        var ex = Assert.Throws<InvalidOperationException>(() =>
        {
            for (var i = 0; i < 1_000_000; i++) lanes.Post(subject);
        });
        Assert.Equal("the page was finished", ex.Message);
        Assert.Equal("the page was finished", Assert.Throws<InvalidOperationException>(lanes.Finish).Message);
        Assert.True(Volatile.Read(ref other) < 1_000, $"the other lane went on to {other} subjects");
    }

    [Fact]
    public async Task A_slow_lane_holds_the_caller_back_at_the_bound()
    {
        const int bound = 10;
        using var lanes = new WriterLanes(concurrent: true, bound);
        using var gate = new ManualResetEventSlim(false);
        var slow = new List<string>();
        var fast = 0;
        lanes.Add("slow", s =>
        {
            gate.Wait();
            slow.Add(s.Id);
        });
        lanes.Add("fast", _ => fast++);
        var one = ReportFixture.Build().Subjects[0];
        var subjects = Enumerable.Range(0, 200).Select(i => one with { Id = $"C{i}" }).ToList();

        var posting = Task.Run(() =>
        {
            foreach (var s in subjects) lanes.Post(s);
        });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (lanes.PeakWaiting < bound && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Thread.Sleep(100);

        Assert.False(posting.IsCompleted, "the caller posted every subject past a lane that took none");
        Assert.Equal(bound, lanes.PeakWaiting);
        gate.Set();
        await posting.WaitAsync(TimeSpan.FromSeconds(30));
        lanes.Finish();
        Assert.Equal(subjects.Select(s => s.Id), slow);
        Assert.Equal(200, fast);
        Assert.True(lanes.PeakWaiting <= bound, $"{lanes.PeakWaiting} subjects waited");
    }
}
