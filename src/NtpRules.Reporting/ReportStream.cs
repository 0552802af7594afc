using System.Text;
using CsvHelper;
using NtpRules.Assessment.Partitions;
using NtpRules.Assessment.Results;

namespace NtpRules.Reporting;

/// <summary>
/// Writes a run's reports while the subjects come, so that no report is held whole in memory: the JSON and CSV
/// go to disk subject by subject (the JSON written out as its buffer fills), the Markdown's subjects are spooled
/// (compressed: <see cref="SpoolCompression"/>) and placed after the summary and targets once those are known, the
/// HTML is an index page plus one page per province (<see cref="HtmlSiteWriter"/>). Each format is written on a lane
/// of its own (<see cref="WriterLanes"/>; on the caller's thread when not concurrent), in the order the subjects come,
/// so its bytes are those one thread would write. Each file is written to a temporary and appears only on
/// <see cref="Complete"/>; disposing an uncompleted stream leaves the previous reports as they were.
/// </summary>
public sealed class ReportStream : IDisposable
{
    /// <summary>The most subjects a format may have waiting, by default: a few provinces' worth of communes.</summary>
    public const int DefaultSubjectsWaiting = WriterLanes.DefaultSubjectsWaiting;
    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly RunInfo _run;
    private readonly string _folder;
    private readonly string _baseName;
    private readonly AtomicFile.Pending? _json;
    private readonly JsonReportWriter.Document? _jsonWriter;
    private readonly string? _markdownSpool;
    private readonly StreamWriter? _markdownSubjects;
    private AtomicFile.Pending? _markdown;
    private int _markdownAssessed;
    private readonly AtomicFile.Pending? _csv;
    private readonly StreamWriter? _csvText;
    private readonly CsvWriter? _csvWriter;
    private readonly DetailTable? _criteria;
    private readonly DetailTable? _classified;
    private readonly HtmlSiteWriter? _html;
    private readonly List<AtomicFile.Pending> _included = new();
    private readonly WriterLanes _lanes;
    private bool _completed;

    /// <param name="concurrent">Whether each format is written on a thread of its own.</param>
    /// <param name="subjectsWaiting">The most subjects a format's lane may have waiting (<see cref="WriterLanes"/>).</param>
    public ReportStream(RunInfo run, string folder, string baseName, ReportFormats formats, bool concurrent = true,
        int subjectsWaiting = DefaultSubjectsWaiting)
    {
        _run = run;
        _folder = folder;
        _baseName = baseName;
        _lanes = new WriterLanes(concurrent, subjectsWaiting);
        try
        {
            if (formats.HasFlag(ReportFormats.Json))
            {
                _json = AtomicFile.Create(Path.Combine(folder, baseName + ".json"));
                _jsonWriter = new JsonReportWriter.Document(_json.Stream);
                _jsonWriter.WriteHead(run);
            }
            if (formats.HasFlag(ReportFormats.Markdown))
            {
                Directory.CreateDirectory(folder);
                _markdownSpool = AtomicFile.TempFor(Path.GetFullPath(Path.Combine(folder, baseName + ".md.subjects")));
                var spool = new FileStream(_markdownSpool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                _markdownSubjects = new StreamWriter(SpoolCompression.Writing(spool, leaveOpen: false), Utf8, 1 << 16);
            }
            if (formats.HasFlag(ReportFormats.Csv))
            {
                _csv = AtomicFile.Create(Path.Combine(folder, baseName + "-summary.csv"));
                _csvText = new StreamWriter(_csv.Stream, Utf8, 1 << 16, leaveOpen: true);
                _csvWriter = CsvSummaryWriter.Open(_csvText);
                _criteria = new DetailTable(Spool(baseName + "-criteria.csv.rows"), compressed: true);
                _classified = new DetailTable(Spool(baseName + "-households.csv.rows"), compressed: true);
            }
            if (formats.HasFlag(ReportFormats.Html)) _html = new HtmlSiteWriter(run, folder, baseName);
            if (_jsonWriter is not null) _lanes.Add("json", AddJson);
            if (_markdownSubjects is not null) _lanes.Add("markdown", AddMarkdown);
            if (_csvWriter is not null) _lanes.Add("csv", AddCsv);
            if (_html is not null) _lanes.Add("html", _html.Add, _html.FinishPages);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>A temporary file beside the reports, deleted when closed.</summary>
    private FileStream Spool(string name)
    {
        Directory.CreateDirectory(_folder);
        return new FileStream(AtomicFile.TempFor(Path.GetFullPath(Path.Combine(_folder, name))), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            1 << 16, FileOptions.DeleteOnClose);
    }

    /// <summary>Adds subjects (a partition's, in report order) to every report.</summary>
    public void Add(IEnumerable<SubjectResult> subjects)
    {
        foreach (var s in subjects) Add(s);
    }

    /// <summary>Adds a subject to every report (and to the attached writers); a failure of a format's writer is thrown by a later call.</summary>
    public void Add(SubjectResult s) => _lanes.Post(s);

    /// <summary>
    /// Has <paramref name="add"/> take every subject too, in order, on a lane of its own (before the first subject):
    /// its failures fail the stream as a format's do.
    /// </summary>
    public void Attach(string name, Action<SubjectResult> add) => _lanes.Add(name, add);

    private void AddJson(SubjectResult s) => _jsonWriter!.WriteSubject(s);

    private void AddMarkdown(SubjectResult s)
    {
        if (!HtmlReportWriter.IsReported(s)) return;
        MarkdownReportWriter.WriteSubject(s, _markdownSubjects!);
        _markdownAssessed++;
    }

    private void AddCsv(SubjectResult s)
    {
        CsvSummaryWriter.WriteRows(_csvWriter!, s);
        CsvDetailWriters.AddCriteria(_criteria!, s);
        CsvDetailWriters.AddClassified(_classified!, s);
    }

    /// <summary>Every subject of a province has been added: its HTML page can be written out, with the roll-ups of its own scopes.</summary>
    public void ProvinceDone(IReadOnlyList<Rollup> rollups) => _lanes.ProvinceDone(rollups);

    /// <summary>
    /// Adds a file written whole (a detail CSV) to the set, put in place with the others; returns its writing, to run
    /// with the other files' finishing.
    /// </summary>
    private Action Include(string path, Action<TextWriter> write)
    {
        var file = AtomicFile.Create(path);
        _included.Add(file);
        return () =>
        {
            using (var w = new StreamWriter(file.Stream, Utf8, 1 << 16, leaveOpen: true)) write(w);
            file.Finish();
        };
    }

    /// <summary>
    /// Ends every report with the roll-ups and targets and moves them into place as one set: all are finished under
    /// temporary names first, then renamed; if anything fails, no file of the set is left. Returns the paths written.
    /// </summary>
    public IReadOnlyList<string> Complete(IReadOnlyList<Rollup> rollups, IReadOnlyList<TargetResult> targets)
    {
        _lanes.Finish();
        var written = new List<string>();
        var staged = new List<AtomicFile.Pending>();
        // Each file is finished from what its own lane left (the JSON's tail, the Markdown's spooled subjects, the
        // CSV tables' rows) and none reads another's: they are finished side by side.
        var finishing = new List<Action>();
        if (_jsonWriter is not null)
        {
            staged.Add(_json!);
            finishing.Add(() =>
            {
                _jsonWriter.WriteTail(rollups, targets);
                _json!.Finish();
            });
        }
        if (_markdownSubjects is not null)
        {
            _markdownSubjects.Dispose();
            var markdown = _markdown = AtomicFile.Create(Path.Combine(_folder, _baseName + ".md"));
            staged.Add(markdown);
            finishing.Add(() => FinishMarkdown(markdown, rollups, targets));
        }
        if (_csvWriter is not null)
        {
            staged.Add(_csv!);
            finishing.Add(() =>
            {
                _csvWriter.Dispose();
                _csvText!.Dispose();
                _csv!.Finish();
            });
            finishing.Add(Include(Path.Combine(_folder, _baseName + "-criteria.csv"), w => _criteria!.WriteCsv(CsvDetailWriters.CriteriaHeader, w)));
            if (_classified!.Count > 0)
                finishing.Add(Include(Path.Combine(_folder, _baseName + "-households.csv"), w => _classified.WriteCsv(CsvDetailWriters.ClassifiedHeader, w)));
            if (targets.Count > 0)
                finishing.Add(Include(Path.Combine(_folder, _baseName + "-targets.csv"), w => CsvDetailWriters.WriteTargets(targets, w)));
        }
        SideBySide(finishing);
        staged.AddRange(_included);
        var promoted = new List<string>();
        try
        {
            if (_html is not null)
            {
                var html = _html.Complete(rollups, targets);
                promoted.AddRange(html);
                written.Add(Path.GetFullPath(html[0]));
                if (html.Count > 1) written.Add(Path.GetFullPath(Path.Combine(_folder, HtmlSiteWriter.PagesFolder(_baseName))));
            }
            foreach (var file in staged)
            {
                file.Promote();
                promoted.Add(file.Path);
                written.Add(file.Path);
            }
        }
        catch
        {
            if (_html is not null) _html.Remove(promoted);
            else foreach (var path in promoted) AtomicFile.TryDelete(path);
            throw;
        }
        _completed = true;
        Dispose();
        // The order users know: JSON, Markdown, HTML, CSV.
        return written.OrderBy(p => p.EndsWith(".json") ? 0 : p.EndsWith(".md") ? 1 : p.EndsWith(".csv") ? 3 : 2).ToList();
    }

    private void FinishMarkdown(AtomicFile.Pending markdown, IReadOnlyList<Rollup> rollups, IReadOnlyList<TargetResult> targets)
    {
        using (var w = new StreamWriter(markdown.Stream, Utf8, 1 << 16, leaveOpen: true))
        {
            MarkdownReportWriter.WriteHead(_run, rollups, targets, w);
            if (_markdownAssessed > 0) w.WriteLine(MarkdownReportWriter.SubjectsHeading);
        }
        using (var spool = SpoolCompression.Reading(File.OpenRead(_markdownSpool!), leaveOpen: false)) spool.CopyTo(markdown.Stream);
        using (var w = new StreamWriter(markdown.Stream, Utf8, 1 << 16, leaveOpen: true)) MarkdownReportWriter.WriteHashes(_run, w);
        markdown.Finish();
    }

    /// <summary>Runs the work items at once and waits for all; the first to fail, in list order, is rethrown as thrown.</summary>
    private static void SideBySide(IReadOnlyList<Action> work)
    {
        var others = work.Skip(1).Select(Task.Run).ToArray();
        Exception? failure = null;
        try
        {
            if (work.Count > 0) work[0]();
        }
        catch (Exception e)
        {
            failure = e;
        }
        foreach (var task in others)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException e)
            {
                failure ??= e.InnerException;
            }
        }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    public void Dispose()
    {
        _lanes.Dispose(); // no lane writes into what is closed below
        _criteria?.Dispose();
        _classified?.Dispose();
        _markdownSubjects?.Dispose();
        if (_markdownSpool is not null) File.Delete(_markdownSpool);
        _html?.Dispose();
        if (_completed) return;
        // Uncompleted: the temporaries go, the previous reports stay.
        _json?.Dispose();
        _markdown?.Dispose();
        _csv?.Dispose();
        foreach (var file in _included) file.Dispose();
    }
}
