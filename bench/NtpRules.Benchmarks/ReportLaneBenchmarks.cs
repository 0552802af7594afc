using BenchmarkDotNet.Attributes;
using NtpRules.Assessment;
using NtpRules.Assessment.Results;
using NtpRules.Language.Library;
using NtpRules.Reporting;
using NtpRules.Reporting.Sentences;

namespace NtpRules.Benchmarks;

/// <summary>
/// The HTML and Markdown reports of the Lào Cai 2024 sample (126 communes, 240 households, every rule set in force),
/// written to a null writer: what a report lane's thread does per subject, without the disk. Baseline: the reason
/// sentence of every indicator of every subject built alone, in English and Vietnamese, as the HTML report once did
/// for each subject; the reports build each sentence's template once per shape and write only the figures.
/// </summary>
[MemoryDiagnoser]
public class ReportLaneBenchmarks
{
    private AssessmentReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        var assessor = new Assessor(RuleLibrary.LoadDirectory(Path.Combine(Repository.Root, "rules")));
        var result = assessor.Assess([Path.Combine(Repository.Root, "samples", "lao-cai-2024")], new AssessmentOptions { AsOf = new DateOnly(2024, 12, 31) });
        _report = result.Report ?? throw new InvalidOperationException("the sample did not assess");
    }

    [Benchmark(Baseline = true)]
    public int EverySentenceBuilt()
    {
        var n = 0;
        foreach (var s in _report.Subjects)
            foreach (var st in s.Standards)
                foreach (var c in st.Criteria)
                    foreach (var i in c.Indicators)
                        n += IndicatorSentences.Of(i, i.Name, "en").Template.Length + IndicatorSentences.Of(i, i.Name, "vi").Template.Length;
        return n;
    }

    [Benchmark]
    public void HtmlReport() => HtmlReportWriter.Write(_report, TextWriter.Null);

    [Benchmark]
    public void MarkdownReport() => MarkdownReportWriter.Write(_report, TextWriter.Null);
}
