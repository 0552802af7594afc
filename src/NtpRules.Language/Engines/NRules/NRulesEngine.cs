using System.Linq.Expressions;
using System.Reflection;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using NtpRules.Engine;
using RuleBuilder = NRules.RuleModel.Builders.RuleBuilder;
using NtpRules.Language.Compilation;
using NtpRules.Language.Compilation.Model;

namespace NtpRules.Language.Engines.NRules;

/// <summary>
/// Translates the rule model to NRules' canonical rule model and compiles it to an <see cref="ISessionFactory"/>.
/// <para>
/// The shape is the cheapest NRules runs well: each NRules rule is one pattern, its subject (a record of one kind, or
/// the whole data set), and one action. What a rule reads besides the subject (child records, outcomes of other rules)
/// comes from the session's index and <see cref="OutcomeStore"/> rather than from joins, since NRules' joins are not
/// indexed and its collections are rebuilt on every change. Correct order takes the joins' place: salience follows
/// <see cref="ModelRule.Order"/>, so every rule fires after the rules it reads.
/// </para>
/// <para>
/// Without C# rules, each maximal run of consecutive rules (in <see cref="ModelRule.Order"/>) about the same subject
/// kind becomes one NRules rule (<see cref="RuleRun"/>) whose action runs the model rules in order, each on its own as
/// before: its failure names it, its firing is logged and counted as its own. NRules then holds one activation per
/// subject and run instead of one per model rule (a household's some 20 rules are one run), and its propagation, agenda
/// and activation bookkeeping, about half of a household's time, shrink with it. This is sound because nothing but
/// the model's rules matches a record, so only their order matters, and the run keeps it. An action that changes what
/// a rule of its subject that already ran reads (<see cref="ModelRule.ChangeNeedsRefire"/>) has the subject's rules run
/// again from the start: from the start of the run when every such reader is in the run, by updating the record in
/// NRules (which fires every rule of the subject again, in salience order) when one is in an earlier run. Either way
/// the rules run in the order one NRules rule per model rule would fire them. A record changed from outside updates
/// its ancestors too.
/// </para>
/// <para>
/// With C# rules loaded, every model rule stays its own NRules rule, and every change updates the record: a C# rule
/// may match records on any value and outcomes, and fire between two model rules by its salience, so the model's
/// rules cannot be run as a block.
/// </para>
/// <para>
/// Outcomes become NRules facts (linked to the activation that gave them) only for the types that C# rules loaded
/// beside the YAML ones match; otherwise they stay in the store and cost NRules nothing.
/// </para>
/// </summary>
internal static class NRulesEngine
{
    public const string CitationProperty = "citation", SourceProperty = "source", RunProperty = "model-rules";

    public static NRulesRules Compile(RuleModel model, CSharpRules? extensions)
    {
        var ordered = model.Rules.OrderBy(r => r.Order).ToArray();
        var runs = extensions is null ? Runs(ordered) : ordered.Select(r => new RuleRun([r], [Refire.UpdateRecord])).ToArray();
        var definitions = new List<IRuleDefinition>(runs.Length + (extensions?.Definitions.Count ?? 0));
        var top = model.Rules.Count + 1;
        foreach (var run in runs) definitions.Add(Translate(run, salience: top - run.Rules[0].Order));
        if (extensions is not null) definitions.AddRange(extensions.Definitions);
        var factory = new RuleCompiler().Compile(definitions);
        // The kinds in the order their rules first fire.
        var kindOrder = model.Rules.Where(r => r.Subject is not null).GroupBy(r => r.Subject!.Schema)
            .ToDictionary(g => g.Key, g => g.Min(r => r.Order), (IEqualityComparer<RecordSchema>)ReferenceEqualityComparer.Instance);
        return new NRulesRules(factory, runs, extensions?.MatchedTypes ?? [], extensions is not null, kindOrder);
    }

    /// <summary>The maximal runs of consecutive rules (<paramref name="ordered"/> by Order) about the same subject kind.</summary>
    private static RuleRun[] Runs(ModelRule[] ordered)
    {
        var runs = new List<RuleRun>();
        for (var start = 0; start < ordered.Length;)
        {
            var end = start + 1;
            while (end < ordered.Length && ReferenceEquals(ordered[end].Subject, ordered[start].Subject)) end++;
            var rules = ordered[start..end];
            runs.Add(new RuleRun(rules, rules.Select(r => RefireOf(r, rules, ordered)).ToArray()));
            start = end;
        }
        return runs.ToArray();
    }

    /// <summary>What must fire again when <paramref name="rule"/> (of <paramref name="run"/>) changes its subject.</summary>
    private static Refire RefireOf(ModelRule rule, ModelRule[] run, ModelRule[] all)
    {
        if (!rule.ChangeNeedsRefire) return Refire.None;
        // The rules of the subject already run that read what it writes (as ModelRule.ChangeNeedsRefire finds them).
        var readers = all.Where(r => ReferenceEquals(r.Subject, rule.Subject) && r.Order <= rule.Order && r.Reads.Any(rule.Writes.Contains));
        return readers.All(r => run.Contains(r)) ? Refire.Run : Refire.UpdateRecord;
    }

    private static readonly MethodInfo RunMethod = typeof(NRulesEngineSession).GetMethod(nameof(NRulesEngineSession.Run), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static IRuleDefinition Translate(RuleRun run, int salience)
    {
        var first = run.Rules[0];
        var builder = new RuleBuilder();
        if (run.Rules.Length == 1)
        {
            builder.Name(first.Name);
            builder.Description(first.Description);
            if (first.Citation.Length > 0) builder.Property(CitationProperty, first.Citation);
            builder.Property(SourceProperty, first.Location.ToString());
        }
        else
        {
            var last = run.Rules[^1];
            var about = first.Subject?.Kind ?? "the whole data set";
            builder.Name($"{first.Name} … {last.Name} ({run.Rules.Length} rules of {about})");
            builder.Description($"the rules {string.Join(", ", run.Rules.Select(r => r.Name))}, in this order");
            builder.Property(SourceProperty, string.Join(", ", run.Rules.Select(r => r.Location.File).Distinct()));
        }
        builder.Property(RunProperty, run);
        builder.Priority(salience);
        // Repeatable (NRules' default): NonRepeatable would also ignore updates from outside. An action that changes a
        // value it reads itself fires once more and, finding the same values, changes nothing.

        var type = first.Subject is null ? typeof(WholeDataSet) : typeof(Record);
        var pattern = builder.LeftHandSide().Pattern(type, "subject");
        if (first.Subject is { } schema)
        {
            // Records of every kind are one CLR type: the kind is the record's schema (one shared alpha node per kind).
            var record = Expression.Parameter(typeof(Record), "subject");
            pattern.Condition(Expression.Lambda(
                Expression.ReferenceEqual(Expression.Property(record, nameof(Record.Schema)), Expression.Constant(schema.Schema)), record));
        }

        var context = Expression.Parameter(typeof(IContext), "ctx");
        var subject = Expression.Parameter(type, "subject");
        builder.RightHandSide().Action(Expression.Lambda(
            Expression.Call(RunMethod, Expression.Constant(run), context, Expression.Convert(subject, typeof(object))), context, subject));
        return builder.Build();
    }
}

/// <summary>What a change an action makes to its subject fires again.</summary>
internal enum Refire : byte
{
    /// <summary>Nothing: every rule that reads what changed comes later.</summary>
    None,
    /// <summary>The run, from its start: every rule of the subject that already ran and reads what changed is in it.</summary>
    Run,
    /// <summary>Every rule of the subject, by updating the record in NRules.</summary>
    UpdateRecord,
}

/// <summary>
/// Model rules about the same subject kind, consecutive in <see cref="ModelRule.Order"/>, that one NRules rule runs in
/// order; with <see cref="RefireOnChange"/>[i] saying what a change made by <see cref="Rules"/>[i] fires again.
/// </summary>
internal sealed class RuleRun(ModelRule[] rules, Refire[] refireOnChange)
{
    public ModelRule[] Rules { get; } = rules;
    public Refire[] RefireOnChange { get; } = refireOnChange;

    public override string ToString() => string.Join(", ", Rules.Select(r => r.Name));
}

/// <summary>A compiled NRules session factory, with the outcome types C# rules match (published to NRules as facts).</summary>
internal sealed class NRulesRules(ISessionFactory factory, IReadOnlyList<RuleRun> runs, IReadOnlyCollection<Type> published, bool hasCSharpRules,
    IReadOnlyDictionary<RecordSchema, int> kindOrder)
{
    /// <summary>For each record kind with rules, the <see cref="ModelRule.Order"/> of its first rule.</summary>
    public IReadOnlyDictionary<RecordSchema, int> KindOrder { get; } = kindOrder;
    public ISessionFactory Factory { get; } = factory;
    /// <summary>The model's rules as NRules rules, in salience order: one run per NRules rule.</summary>
    public IReadOnlyList<RuleRun> Runs { get; } = runs;
    public IReadOnlyCollection<Type> Published { get; } = published;
    /// <summary>Whether C# rules run beside the model's: they may match records on any value.</summary>
    public bool HasCSharpRules { get; } = hasCSharpRules;
}
