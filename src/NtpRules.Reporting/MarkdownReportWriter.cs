using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Reporting;

/// <summary>A Markdown report: run, summary per province, targets, then per subject its standards, criteria and the reasons of what is not met or unknown.</summary>
internal static class MarkdownReportWriter
{
    public static void Write(AssessmentReport report, TextWriter w)
    {
        WriteHead(report.Run, report.Rollups, report.Targets, w);
        var assessed = report.Subjects.Where(HtmlReportWriter.IsReported).ToList();
        if (assessed.Count > 0)
        {
            w.WriteLine(SubjectsHeading);
            foreach (var s in assessed) WriteSubject(s, w);
        }
        WriteHashes(report.Run, w);
    }

    public const string SubjectsHeading = "## Subjects";

    /// <summary>Everything before the subjects: run, rule sets and inputs, summary, targets.</summary>
    public static void WriteHead(RunInfo run, IReadOnlyList<Rollup> rollups, IReadOnlyList<TargetResult> targets, TextWriter w)
    {
        w.WriteLine($"# Assessment as of {ValueText.Date(run.AsOf)}");
        w.WriteLine();
        w.WriteLine($"Run `{run.RunId}`, generated {run.GeneratedAt:u}, engine {E(run.Engine)} {E(run.EngineVersion)}; the rule sets and inputs, with their SHA-256, close the report.");
        w.WriteLine();

        if (run.DataProblems.Count > 0)
        {
            w.WriteLine("## Data problems");
            w.WriteLine();
            w.WriteLine($"Read leniently: {E(DataProblem.Summary(run.DataProblems))}.");
            w.WriteLine();
            w.WriteLine("| File | Line | Column | Code | Problem | Done |");
            w.WriteLine("|---|--:|--:|---|---|---|");
            foreach (var p in run.DataProblems)
                w.WriteLine($"| {E(p.File)} | {p.Line} | {p.Column} | {p.Code} | {E(p.Hint is null ? p.Message : $"{p.Message} ({p.Hint})")} | {p.EffectText} |");
            w.WriteLine();
        }

        if (rollups.Count > 0)
        {
            w.WriteLine("## Summary");
            w.WriteLine();
            w.WriteLine("| Scope | Name | Standard | Met | Not met | Unknown | Avg. criteria met |");
            w.WriteLine("|---|---|---|--:|--:|--:|--:|");
            foreach (var r in rollups)
                foreach (var s in r.Standards)
                    w.WriteLine($"| {E(r.Scope)} | {E(r.Name)} ({E(r.Id)}) | {E(s.StandardId)} | {s.Met} | {s.NotMet} | {s.Unknown} | {ValueText.Number(s.AverageCriteriaMet)} |");
            w.WriteLine();
        }

        if (targets.Count > 0)
        {
            w.WriteLine("## Targets");
            w.WriteLine();
            w.WriteLine("| Target | Scope | Verdict | Actual | Target | Gap | Reason |");
            w.WriteLine("|---|---|---|--:|--:|--:|---|");
            foreach (var t in targets)
                w.WriteLine($"| {E(t.Name)} ({E(t.Id)}) | {E(t.Scope)} | {VerdictWords.Of(t.Verdict)} | {ValueText.Number(t.Actual)} | {ValueText.Number(t.Target)} | {ValueText.Number(t.Gap)} | {E(Sentences.TargetSentences.Of(t, rollups))} |");
            w.WriteLine();
        }
    }

    /// <summary>The closing section: the rule sets and inputs the run read, with their SHA-256.</summary>
    public static void WriteHashes(RunInfo run, TextWriter w)
    {
        w.WriteLine();
        w.WriteLine("## Rule sets and inputs");
        w.WriteLine();
        w.WriteLine("| Rule set | Version | File | SHA-256 |");
        w.WriteLine("|---|---|---|---|");
        foreach (var r in run.RuleSets) w.WriteLine($"| {E(r.Id)} | {E(r.Version)} | {E(r.File)} | `{r.Sha256}` |");
        foreach (var i in run.Inputs) w.WriteLine($"| input | | {E(i.File)} | `{i.Sha256}` |");
    }

    /// <summary>One reported subject (with standards, or with household rates) under the subjects heading.</summary>
    public static void WriteSubject(SubjectResult s, TextWriter w)
    {
        w.WriteLine();
        w.WriteLine($"### {E(s.Name)} ({E(s.Kind)} {E(s.Id)})");
        var merged = s.Merge?.Values.ToDictionary(v => v.Key);
        if (s.Merge is { } merge)
        {
            w.WriteLine();
            w.WriteLine($"Merged from {E(string.Join(", ", merge.Predecessors))}; each value below names the predecessors it came from.");
        }
        if (s.Rates is { } rates)
        {
            w.WriteLine();
            w.WriteLine($"Households: {E(VerdictWords.Rates(rates))}.");
        }
        if (s.Recognition.Count > 0)
        {
            w.WriteLine();
            foreach (var r in s.Recognition) w.WriteLine($"- Recognition {E(VerdictWords.Recognition(r))}");
        }
        foreach (var st in s.Standards)
        {
            w.WriteLine();
            w.WriteLine($"**{E(st.Name)}** (`{st.Id}`): **{VerdictWords.Of(st.Verdict)}**, {st.CriteriaMet}/{st.CriteriaTotal} criteria met.");
            w.WriteLine();
            w.WriteLine("| Criterion | Verdict |");
            w.WriteLine("|---|---|");
            foreach (var c in st.Criteria)
            {
                w.Write("| ");
                w.Write(E(c.Id));
                w.Write(' ');
                w.Write(E(c.Name));
                w.Write(" | ");
                w.Write(VerdictWords.Of(c.Verdict));
                w.WriteLine(" |");
            }
            var first = true;
            foreach (var c in st.Criteria)
                foreach (var i in c.Indicators)
                {
                    if (i.Verdict == Verdict.Met && !i.NotApplicable) continue;
                    if (first) w.WriteLine(); // a blank line before the first indicator not met
                    first = false;
                    var from = merged is null ? "" : string.Concat(i.Values.Keys.Concat(i.Missing).Distinct()
                        .Select(k => merged.GetValueOrDefault(k)).OfType<MergedValue>().Select(m => $" Merged {E(m.Key)}: {E(m.Explanation)}."));
                    w.Write("- ");
                    w.Write(E(i.Id));
                    w.Write(" **");
                    w.Write(VerdictWords.Of(i));
                    w.Write("**: ");
                    var sentence = _sentence ??= new Sentences.Sentence.Builder();
                    var sentences = _sentences ??= new Sentences.IndicatorSentenceCache();
                    if (sentences.Of(i, i.Name, null, sentence, null) is { } shape) Sentences.Sentence.Fill(shape.English, sentences, w, WriteEscaped);
                    else sentence.WriteText(w, WriteEscaped);
                    w.WriteLine(from);
                }
        }
        if (s.Additional is not { Count: > 0 } additional) return;
        w.WriteLine();
        foreach (var a in additional)
            w.WriteLine($"- {E(a.Title)} (`{a.RuleId}`): **{VerdictWords.Of(a.Verdict)}**. {E(a.Reason)} _{E(a.Citation)}_");
    }

    private static readonly System.Buffers.SearchValues<char> MarkdownSpecial = System.Buffers.SearchValues.Create("\\|\r\n<*_");

    /// <summary>A builder per thread for the reasons' sentences, reused.</summary>
    [ThreadStatic] private static Sentences.Sentence.Builder? _sentence;

    /// <summary>The reasons' sentences kept by shape, per thread (a report's lane is one thread).</summary>
    [ThreadStatic] private static Sentences.IndicatorSentenceCache? _sentences;

    /// <summary>Writes <paramref name="text"/> as <see cref="E"/> escapes it (each character on its own), without making it a string first.</summary>
    internal static void WriteEscaped(ReadOnlySpan<char> text, TextWriter w)
    {
        for (var at = text.IndexOfAny(MarkdownSpecial); at >= 0; at = text.IndexOfAny(MarkdownSpecial))
        {
            w.Write(text[..at]);
            w.Write(text[at] switch
            {
                '\\' => "\\\\",
                '|' => "\\|",
                '\r' or '\n' => " ",
                '<' => "&lt;",
                '*' => "\\*",
                _ => "\\_",
            });
            text = text[(at + 1)..];
        }
        w.Write(text);
    }

    // Keeps table cells on one line and stops text from closing a cell or starting markup.
    internal static string E(string? text) =>
        text is null ? "" : !text.AsSpan().ContainsAny(MarkdownSpecial) ? text // most text has nothing to escape
        : text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;").Replace("*", "\\*").Replace("_", "\\_");
}
