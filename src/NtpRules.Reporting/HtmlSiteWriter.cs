using NtpRules.Assessment.Results;

namespace NtpRules.Reporting;

/// <summary>
/// The HTML report as an index page (run, summary per province, targets, a link per province) and one page per
/// province with its subjects (as <see cref="HtmlReportWriter"/> renders them) and its households' classification
/// counts: a country's report stays light enough for a browser. Subjects arrive one by one, parents before their
/// children (as the assessment reports them); each goes to the page of its top-level ancestor. Pages are written to
/// temporaries and appear, with the index, only when the report is completed.
/// </summary>
internal sealed class HtmlSiteWriter : IDisposable
{
    private readonly RunInfo _run;
    private readonly string _folder;
    private readonly string _baseName;
    private readonly Dictionary<string, Page> _pages = new(StringComparer.Ordinal);
    /// <summary>The page of every subject that can be a parent (those with standards, and top-level ones); households are not kept.</summary>
    private readonly Dictionary<string, Page> _pageOf = new(StringComparer.Ordinal);
    private readonly HtmlReportWriter.SubjectSections _sections;
    /// <summary>
    /// The pages' text, one page after another (each is written whole when finished): a writer per page would take
    /// its buffers (~320 KB, on the large-object heap) anew for each of a country's hundreds of pages.
    /// </summary>
    private readonly PageStream _page = new();
    private readonly StreamWriter _writer;

    public HtmlSiteWriter(RunInfo run, string folder, string baseName)
    {
        _run = run;
        _sections = new HtmlReportWriter.SubjectSections(run);
        _writer = new StreamWriter(_page, new System.Text.UTF8Encoding(false), 1 << 16);
        _folder = folder;
        _baseName = baseName;
    }

    /// <summary>The folder beside the index that holds the province pages.</summary>
    public static string PagesFolder(string baseName) => baseName + "-provinces";

    private sealed class Page(string id, string name, AtomicFile.Pending file)
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public AtomicFile.Pending File { get; } = file;
        public int Assessed { get; set; }
        /// <summary>The page's reported subjects, written when the page is finished, after its charts and index.</summary>
        public List<SubjectResult> Subjects { get; private set; } = new();
        public bool Finished { get; private set; }
        public ClassificationCounts Counts { get; private set; } = new();

        /// <summary>Marks the page written out and lets go of its subjects and counts.</summary>
        public void Written()
        {
            Subjects = [];
            Counts = new ClassificationCounts();
            Finished = true;
        }
    }

    public void Add(SubjectResult s)
    {
        var page = s.Parent is not null && _pageOf.TryGetValue(s.Parent, out var p) ? p
            : s.Parent is null ? PageFor(s.Id, s.Name) : PageFor(s.Parent, s.Parent);
        if (page.Finished) throw new InvalidOperationException($"{s.Kind} '{s.Id}' came after its province's page was finished");
        if (s.Standards.Count > 0 || s.Parent is null) _pageOf[s.Id] = page;
        if (!HtmlReportWriter.IsReported(s))
        {
            page.Counts.Add(s);
            return;
        }
        page.Subjects.Add(s);
        page.Assessed++;
    }

    /// <summary>
    /// Writes out the pages begun so far, whose subjects have all come (the assessment hands them over province by
    /// province), so that their subjects are not held until the end.
    /// </summary>
    public void FinishPages(IReadOnlyList<Rollup> rollups)
    {
        foreach (var page in _pages.Values)
            if (!page.Finished) Finish(page, rollups);
    }

    private void Finish(Page page, IReadOnlyList<Rollup> rollups)
    {
        _page.File = page.File.Stream;
        try
        {
            WritePage(page, rollups);
        }
        catch
        {
            // What the writer still holds of this page must not start the next one.
            _page.File = Stream.Null;
            _writer.Flush();
            throw;
        }
        _page.File = Stream.Null;
        page.File.Finish(); // closed until the report is completed: a country's pages do not hold a file open each
        page.Written();
    }

    private void WritePage(Page page, IReadOnlyList<Rollup> rollups)
    {
        var w = _writer;
        var date = E(ValueText.Date(_run.AsOf));
        HtmlReportWriter.WriteStart($"{page.Name}: assessment as of {ValueText.Date(_run.AsOf)}", w);
        w.WriteLine($"<p><a href=\"../{E(_baseName)}.html\">All provinces</a></p>");
        w.WriteLine($"<h1>{E(page.Name)} <span class=\"muted\">{E(page.Id)}</span></h1>");
        w.WriteLine($"<p class=\"muted\">Assessment as of {date}, run {E(_run.RunId)}, generated {E(_run.GeneratedAt.ToString("u"))}.</p>");
        // The page's own province and districts, each linking to its communes in the index below.
        var own = rollups.Where(r => r.Scope != "region" && _pageOf.GetValueOrDefault(r.Id) == page).ToList();
        HtmlReportWriter.WriteSummary(new AssessmentReport(_run, [], own, []), w, (_, _) => "");
        HtmlReportWriter.WriteNavigation(new AssessmentReport(_run, page.Subjects, [], []), w);
        _sections.Write(page.Subjects, w);
        HtmlReportWriter.WriteClassificationCounts(page.Counts, w);
        HtmlReportWriter.WriteEnd(w);
        w.Flush();
    }

    /// <summary>A province's page, begun when its first subject comes (its file then, its text when it is finished).</summary>
    private Page PageFor(string id, string name)
    {
        if (_pages.TryGetValue(id, out var page)) return page;
        var file = AtomicFile.Create(Path.Combine(_folder, PagesFolder(_baseName), FileName(id)));
        page = new Page(id, name, file);
        _pages[id] = page;
        return page;
    }

    /// <summary>The file of the page being written, behind the one writer of all pages.</summary>
    private sealed class PageStream : WriteOnlyStream
    {
        public Stream File { get; set; } = Null;

        public override void Write(ReadOnlySpan<byte> buffer) => File.Write(buffer);
        public override void Flush() => File.Flush();
    }

    /// <summary>Writes each page's end and the index; returns the index path and the pages written.</summary>
    public IReadOnlyList<string> Complete(IReadOnlyList<Rollup> rollups, IReadOnlyList<TargetResult> targets)
    {
        var written = new List<string>();
        try
        {
            foreach (var page in _pages.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                if (!page.Finished) Finish(page, rollups);
                page.File.Promote();
                written.Add(page.File.Path);
            }
            var index = Path.Combine(_folder, _baseName + ".html");
            AtomicFile.WriteText(index, w => WriteIndex(rollups, targets, w));
            written.Insert(0, index);
            return written;
        }
        catch
        {
            // The site is one report: pages without their index are removed with it.
            Remove(written);
            throw;
        }
    }

    /// <summary>Deletes pages put in place, and the pages folder once it is empty.</summary>
    public void Remove(IEnumerable<string> written)
    {
        foreach (var path in written) AtomicFile.TryDelete(path);
        var pages = Path.Combine(_folder, PagesFolder(_baseName));
        try
        {
            if (Directory.Exists(pages) && !Directory.EnumerateFileSystemEntries(pages).Any()) Directory.Delete(pages);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private void WriteIndex(IReadOnlyList<Rollup> rollups, IReadOnlyList<TargetResult> targets, TextWriter w)
    {
        var report = new AssessmentReport(_run, [], rollups, targets);
        HtmlReportWriter.WriteHead(_run, w);
        HtmlReportWriter.WriteDataProblems(_run, w);
        HtmlReportWriter.WriteSummary(report, w, (_, id) => PageHref(id));
        // A target over all the data links to the one province page there is, else to the list of provinces.
        HtmlReportWriter.WriteTargets(report, w, (scope, id) => scope == "all" ? (_pages.Count == 1 ? PageHref(_pages.Keys.Single()) : null) : PageHref(id), "#provinces");
        Html.HtmlCharts.Write(report, w);
        w.WriteLine("<h2 id=\"provinces\">Provinces</h2><table><tr><th>Province</th><th class=\"num\">Subjects assessed</th></tr>");
        foreach (var page in _pages.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
            w.WriteLine($"<tr><td><a href=\"{E(PagesFolder(_baseName))}/{E(FileName(page.Id))}\">{E(page.Name)}</a> <span class=\"muted\">{E(page.Id)}</span></td><td class=\"num\">{page.Assessed}</td></tr>");
        w.WriteLine("</table>");
        HtmlReportWriter.WriteHashes(_run, w);
        HtmlReportWriter.WriteEnd(w);
    }

    /// <summary>The index's link to the page holding a province's or district's subjects (null when no page does).</summary>
    private string? PageHref(string id) => _pageOf.TryGetValue(id, out var page) ? $"{PagesFolder(_baseName)}/{FileName(page.Id)}" : null;

    private static string E(string? text) => HtmlReportWriter.E(text);

    /// <summary>A page's file name: the province id with anything but letters, digits, '-' and '_' replaced.</summary>
    private static string FileName(string id) =>
        new string(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray()) + ".html";

    public void Dispose()
    {
        // Pages not committed are deleted (their writers only buffer into the deleted temporaries).
        foreach (var page in _pages.Values) page.File.Dispose();
        _page.File = Stream.Null;
        _writer.Dispose();
    }
}
