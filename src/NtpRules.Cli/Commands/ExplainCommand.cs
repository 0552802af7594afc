using System.CommandLine;
using System.Globalization;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Results;
using NtpRules.Cli.Console;
using NtpRules.Cli.Pipeline;
using NtpRules.Language.Engines;
using NtpRules.Language.Explanations;
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
        var engine = CommonOptions.Engine();
        var csharp = CommonOptions.CSharpRules();
        var command = new Command("explain", "Explain one subject's verdicts rule by rule: for each indicator its verdict, values, threshold, gap, reason and citation.")
        {
            data, subject, standards, asOf, rules, engine, csharp,
        };
        command.SetAction(parse => Execute(services, terminal, parse.GetValue(data)!, parse.GetValue(subject)!,
            parse.GetValue(standards) ?? [], parse.GetValue(asOf), parse.GetValue(rules)!, parse.GetValue(engine), parse.GetValue(csharp) ?? []));
        return command;
    }

    private static int Execute(PipelineServices services, Terminal terminal, string data, string subjectId, string[] standards, DateOnly? asOf, string rules,
        RuleEngineKind engine, string[] csharp)
    {
        var files = DataReading.FindFiles(data);
        if (files.Count == 0)
        {
            terminal.Error.WriteLine($"--data: no data file found at '{data}'");
            return ExitCodes.Usage;
        }
        var load = services.Loader.Load(rules);
        if (terminal.Report(load.Diagnostics) || load.Library is null) return ExitCodes.Failed;

        var request = new AssessmentRequest(files, asOf ?? AsOfDate.FromName(data), standards, CommonOptions.NewRunId(), subjectId,
            Engine: engine, CSharpRules: csharp);
        var outcome = ProgressRunner.Run(terminal, "Assessing", p => services.Assessor.Assess(load.Library, request, p, CancellationToken.None));
        if (terminal.Report(outcome.Diagnostics) || outcome.Report is null) return ExitCodes.Failed;

        var subject = outcome.Report.Subjects.FirstOrDefault(s => s.Id == subjectId);
        if (subject is null)
        {
            terminal.Error.WriteLine($"--subject: no subject with id '{subjectId}' in {data}");
            return ExitCodes.Failed;
        }
        terminal.Ansi.Write(Tree(subject, outcome.Report.Run.AsOf, standards));
        terminal.Ansi.WriteLine();
        return ExitCodes.Ok;
    }

    public static Tree Tree(SubjectResult subject, DateOnly asOf, IReadOnlyCollection<string> standards)
    {
        var tree = new Tree($"[bold]{E(subject.Name)}[/] ({E(subject.Kind)} {E(subject.Id)}), as of {asOf:yyyy-MM-dd}");
        foreach (var st in subject.Standards.Where(s => standards.Count == 0 || standards.Contains(s.Id)))
        {
            var sn = tree.AddNode($"{Badge(st.Verdict)} [bold]{E(st.Name)}[/] ({E(st.Id)}): {st.CriteriaMet}/{st.CriteriaTotal} criteria met");
            if (st.Reason.Length > 0) sn.AddNode($"[grey]{E(st.Reason)}; {E(st.Citation)}[/]");
            foreach (var c in st.Criteria)
            {
                var cn = sn.AddNode($"{Badge(c.Verdict)} {E(c.Id)} {E(c.Name)}");
                foreach (var i in c.Indicators) cn.AddNode(Indicator(i));
            }
        }
        foreach (var c in subject.Classifications)
            tree.AddNode($"{E(c.Id)}: [bold]{E(c.Label)}[/]: {E(c.Reason)} [grey]{E(c.Citation)}[/]");
        return tree;
    }

    private static Rows Indicator(IndicatorExplanation i)
    {
        var lines = new List<IRenderable> { new Markup($"{Badge(i.Verdict)} {E(i.Id)} {E(i.Name)}") };
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
        Line("reason", i.Reason);
        Line("citation", i.Citation);
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
