using System.CommandLine;
using System.Globalization;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Impact;
using NtpRules.Assessment.Results;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;
using NtpRules.Language.Engines;
using NtpRules.Language.Explanations;
using NtpRules.Language.Library;
using NtpRules.Reporting.Impact;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NtpRules.Cli.Commands;

/// <summary><c>ntp explain</c>: the rule-by-rule explanation of one subject as a tree: standard → criteria → indicators.</summary>
internal static class ExplainCommand
{
    public static Command Create(PipelineServices services, Terminal terminal)
    {
        var data = new Option<string>("--data") { Description = "The data file (or folder) holding the subject.", Required = true, HelpName = "file" };
        var subject = new Option<string>("--subject") { Description = "Id of the subject to explain.", Required = true, HelpName = "id" };
        var standards = CommonOptions.Standards();
        var asOf = CommonOptions.AsOf();
        var rules = CommonOptions.Rules();
        var failing = new Option<bool>("--failing") { Description = "Show only the criteria and indicators not met or unknown." };
        var lang = new Option<string>("--lang") { Description = "Language of the names: en or vi (the rule files' Vietnamese names).", DefaultValueFactory = _ => "en", HelpName = "en|vi" };
        lang.AcceptOnlyFromAmong("en", "vi");
        var set = new Option<string[]>("--set")
        {
            Description = "What if: re-assess with this value (key=value, repeatable) and show the verdicts that change.",
            HelpName = "key=value",
            AllowMultipleArgumentsPerToken = true,
        };
        set.Validators.Add(r =>
        {
            foreach (var t in r.Tokens.Where(t => !t.Value.Contains('=') || t.Value.StartsWith('=')))
                r.AddError($"--set: '{t.Value}' is not key=value");
        });
        var engine = CommonOptions.Engine();
        var csharp = CommonOptions.CSharpRules();
        var units = CommonOptions.Units();
        var mergeMap = CommonOptions.MergeMap();
        var command = new Command("explain", "Explain one subject's verdicts rule by rule: for each indicator its verdict, values, threshold, gap, reason and citation; what it still takes to meet each standard; what changes with other values (--set).")
        {
            data, subject, standards, asOf, rules, failing, lang, set, engine, csharp, units, mergeMap,
        };
        command.SetAction(parse => Execute(services, terminal, new ExplainArgs(parse.GetValue(data)!, parse.GetValue(subject)!,
            parse.GetValue(standards) ?? [], parse.GetValue(asOf), parse.GetValue(rules)!, parse.GetValue(failing), parse.GetValue(lang)!,
            (parse.GetValue(set) ?? []).Select(t => t.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim()),
            parse.GetValue(engine), parse.GetValue(csharp) ?? [], parse.GetValue(units), parse.GetValue(mergeMap))));
        return command;
    }

    private sealed record ExplainArgs(string Data, string Subject, string[] Standards, DateOnly? AsOf, string Rules, bool Failing, string Lang,
        IReadOnlyDictionary<string, string> Set, RuleEngineKind Engine, string[] CSharpRules, string? Units, string? MergeMap);

    private static int Execute(PipelineServices services, Terminal terminal, ExplainArgs args)
    {
        var files = DataReading.FindFiles(args.Data);
        if (files.Count == 0)
        {
            terminal.Error.WriteLine($"--data: no data file found at '{args.Data}'");
            return ExitCodes.Usage;
        }
        var load = services.Loader.Load(args.Rules);
        if (terminal.Report(load.Diagnostics) || load.Library is null) return ExitCodes.Failed;

        var request = new AssessmentRequest(files, args.AsOf ?? AsOfDate.FromName(args.Data), args.Standards, CommonOptions.NewRunId(), args.Subject,
            Engine: args.Engine, CSharpRules: args.CSharpRules, UnitsFile: args.Units, MergeMap: args.MergeMap);
        var outcome = ProgressRunner.Run(terminal, "Assessing", p => services.Assessor.Assess(load.Library, request, p, CancellationToken.None));
        if (terminal.Report(outcome.Diagnostics) || outcome.Report is null) return ExitCodes.Failed;

        var subject = outcome.Report.Subjects.FirstOrDefault(s => s.Id == args.Subject);
        if (subject is null)
        {
            terminal.Error.WriteLine($"--subject: no subject with id '{args.Subject}' in {args.Data}");
            return ExitCodes.Failed;
        }
        var names = new RuleNames((load.Library as LanguageRuleLibrary)?.Library, outcome.Report.Run.RuleSets, args.Lang);
        if (args.Set.Count == 0)
        {
            terminal.Ansi.Write(Tree(subject, outcome.Report.Run.AsOf, args.Standards, args.Failing, names));
            terminal.Ansi.WriteLine();
            WhatItTakes(terminal, subject, names);
            return ExitCodes.Ok;
        }

        var whatIf = services.Assessor.Assess(load.Library, request with { Overrides = args.Set }, null, CancellationToken.None);
        if (terminal.Report(whatIf.Diagnostics) || whatIf.Report is null) return ExitCodes.Failed;
        var after = whatIf.Report.Subjects.Single(s => s.Id == args.Subject);
        var label = string.Join(", ", args.Set.Select(kv => $"{kv.Key}={kv.Value}"));
        var impact = VerdictImpact.Compare(outcome.Report with { Subjects = [subject] }, new ImpactSide("data", outcome.Report.Run.AsOf, outcome.Report.Run.RuleSets),
            whatIf.Report with { Subjects = [after] }, new ImpactSide(label, whatIf.Report.Run.AsOf, whatIf.Report.Run.RuleSets), _ => "");
        terminal.Output.WriteLine($"{subject.Name} ({subject.Kind} {subject.Id}), as of {outcome.Report.Run.AsOf:yyyy-MM-dd}, with {label}:");
        var criteriaChanged = ChangedCriteria(subject, after).ToArray();
        if (impact.Changes.Count == 0 && criteriaChanged.Length == 0) terminal.Output.WriteLine("  no verdict changes");
        foreach (var st in after.Standards)
        {
            var before = subject.Standards.First(s => s.Id == st.Id);
            var changes = criteriaChanged.Where(c => c.Standard == st.Id).ToArray();
            if (before.Verdict == st.Verdict && changes.Length == 0) continue;
            terminal.Output.WriteLine($"  {names.Standard(st)} ({st.Id}): {ImpactReportWriter.Transition(before.Verdict, st.Verdict)}, criteria met {before.CriteriaMet} → {st.CriteriaMet}");
            foreach (var (_, c, old) in changes)
            {
                terminal.Output.WriteLine($"    {c.Id} {names.Criterion(st.Id, c)}: {ImpactReportWriter.Transition(old.Verdict, c.Verdict)}");
                var oldIndicators = old.Indicators.ToDictionary(i => i.Id);
                foreach (var i in c.Indicators.Where(i => oldIndicators.TryGetValue(i.Id, out var o) && o.Verdict != i.Verdict))
                    terminal.Output.WriteLine($"      {i.Id} {names.Indicator(st.Id, c.Id, i)}: {ImpactReportWriter.Transition(oldIndicators[i.Id].Verdict, i.Verdict)}. {names.Reason(st.Id, c.Id, i)}");
            }
        }
        WhatItTakes(terminal, after, names);
        return ExitCodes.Ok;
    }

    private static IEnumerable<(string Standard, CriterionResult New, CriterionResult Old)> ChangedCriteria(SubjectResult before, SubjectResult after)
    {
        foreach (var st in after.Standards)
        {
            if (before.Standards.FirstOrDefault(s => s.Id == st.Id) is not { } old) continue;
            var oldCriteria = old.Criteria.ToDictionary(c => c.Id);
            foreach (var c in st.Criteria)
                if (oldCriteria.TryGetValue(c.Id, out var o) && o.Verdict != c.Verdict) yield return (st.Id, c, o);
        }
    }

    /// <summary>For each standard not met: the criteria not met, and under each the indicators still missed with their gap (or the data missing).</summary>
    private static void WhatItTakes(Terminal terminal, SubjectResult subject, RuleNames names)
    {
        foreach (var st in subject.Standards.Where(s => s.Verdict != Verdict.Met))
        {
            terminal.Output.WriteLine($"What it takes to meet {names.Standard(st)} ({st.Id}), {st.CriteriaMet} of {st.CriteriaTotal} criteria met:");
            foreach (var r in st.UnmetRequirements) terminal.Output.WriteLine($"  requirement: {r}");
            foreach (var c in st.Criteria.Where(c => c.Verdict != Verdict.Met))
                foreach (var i in c.Indicators.Where(i => i.Verdict != Verdict.Met))
                {
                    var what = i.Verdict == Verdict.Unknown
                        ? $"unknown, missing {(i.Missing.Count > 0 ? string.Join(", ", i.Missing) : "data")}"
                        : i.Gap is { } gap ? $"gap {gap.ToString("0.##", CultureInfo.InvariantCulture)}{UnitOf(i)}" : "not met";
                    terminal.Output.WriteLine($"  {c.Id} / {i.Id} {names.Indicator(st.Id, c.Id, i)}: {what}. {names.Reason(st.Id, c.Id, i)}");
                }
        }
    }

    private static string UnitOf(IndicatorExplanation i) => i.Thresholds.FirstOrDefault()?.Unit is { } u ? " " + u : "";

    private static Tree Tree(SubjectResult subject, DateOnly asOf, IReadOnlyCollection<string> standards, bool failing, RuleNames names)
    {
        var tree = new Tree($"[bold]{E(subject.Name)}[/] ({E(subject.Kind)} {E(subject.Id)}), as of {asOf:yyyy-MM-dd}");
        var merged = subject.Merge?.Values.ToDictionary(v => v.Key);
        if (subject.Merge is { } merge) tree.AddNode($"merged from {E(string.Join(", ", merge.Predecessors))}");
        foreach (var st in subject.Standards.Where(s => standards.Count == 0 || standards.Contains(s.Id)))
        {
            var sn = tree.AddNode($"{Badge(st.Verdict)} [bold]{E(names.Standard(st))}[/] ({E(st.Id)}): {st.CriteriaMet}/{st.CriteriaTotal} criteria met");
            if (st.Reason.Length > 0) sn.AddNode($"[grey]{E(st.Reason)}; {E(st.Citation)}[/]");
            foreach (var c in st.Criteria.Where(c => !failing || c.Verdict != Verdict.Met))
            {
                var cn = sn.AddNode($"{Badge(c.Verdict)} {E(c.Id)} {E(names.Criterion(st.Id, c))}");
                foreach (var i in c.Indicators.Where(i => !failing || i.Verdict != Verdict.Met)) cn.AddNode(Indicator(i, names.Indicator(st.Id, c.Id, i), names.Reason(st.Id, c.Id, i), merged));
            }
        }
        foreach (var c in subject.Classifications)
            tree.AddNode($"{E(c.Id)}: [bold]{E(c.Label)}[/]: {E(c.Reason)} [grey]{E(c.Citation)}[/]");
        return tree;
    }

    private static Rows Indicator(IndicatorExplanation i, string name, string reason, IReadOnlyDictionary<string, MergedValue>? merged)
    {
        var lines = new List<IRenderable> { new Markup($"{Badge(i.Verdict)} {E(i.Id)} {E(name)}") };
        void Line(string label, string text) => lines.Add(new Markup($"  [grey]{label}:[/] {E(text)}"));
        if (i.Expression.Length > 0) Line("condition", i.Expression);
        if (i.Values.Count > 0) Line("values", string.Join(", ", i.Values.Select(v => $"{v.Key} = {Format(v.Value)}")));
        foreach (var t in i.Thresholds)
        {
            var keys = t.Keys.Count > 0 ? $" [{string.Join(", ", t.Keys.Select(k => $"{k.Key}={k.Value}"))}]" : "";
            Line("threshold", $"{t.Parameter}{keys} = {Format(t.Value)}{(t.Unit is null ? "" : " " + t.Unit)} ({t.Confidence})");
        }
        if (i.Gap is { } gap) Line("gap", gap.ToString("0.##", CultureInfo.InvariantCulture));
        if (i.Missing.Count > 0) Line("missing", string.Join(", ", i.Missing));
        // A merged commune: which predecessor each value came from, and by which rule.
        foreach (var m in i.Values.Keys.Concat(i.Missing).Distinct().Select(k => merged?.GetValueOrDefault(k)).OfType<MergedValue>())
            Line($"merged {m.Key}", m.Explanation);
        Line("reason", reason);
        return new Rows(lines);
    }

    private static string Format(object? v) => v switch
    {
        null => "unknown",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Badge(Verdict v) => v switch
    {
        Verdict.Met => "[green]met[/]",
        Verdict.NotMet => "[red]not met[/]",
        _ => "[yellow]unknown[/]",
    };

    private static string E(string text) => Markup.Escape(text);
}

/// <summary>
/// The names of standards, criteria and indicators in the chosen language, from the rule-set versions a report ran
/// (the report carries the English names); falls back to the report's name when the rule files are not at hand.
/// </summary>
internal sealed class RuleNames(RuleLibrary? library, IReadOnlyList<RuleSetUse> used, string language)
{
    private readonly NtpRules.Language.RuleSets.RuleSet[] _sets = library is null || language == "en" ? []
        : library.RuleSets.Where(s => used.Any(u => u.Id == s.Id && u.Version == s.Version)).ToArray();

    private NtpRules.Language.RuleSets.RuleSet? SetOf(string standard) => _sets.FirstOrDefault(s => s.Standards.Any(x => x.Id == standard));

    public string Standard(StandardResult s) =>
        SetOf(s.Id)?.Standards.First(x => x.Id == s.Id).Name.Get(language) is { Length: > 0 } n ? n : s.Name;

    public string Criterion(string standard, CriterionResult c) =>
        SetOf(standard)?.FindCriterion(c.Id)?.Name.Get(language) is { Length: > 0 } n ? n : c.Name;

    public string Indicator(string standard, string criterion, IndicatorExplanation i) =>
        SetOf(standard)?.FindCriterion(criterion)?.Indicators.FirstOrDefault(x => x.Id == i.Id)?.Name.Get(language) is { Length: > 0 } n ? n : i.Name;

    /// <summary>The indicator's reason as a sentence in the language, ending with its citation.</summary>
    public string Reason(string standard, string criterion, IndicatorExplanation i) =>
        NtpRules.Reporting.Sentences.IndicatorSentences.Of(i, Indicator(standard, criterion, i), language).Text;
}
