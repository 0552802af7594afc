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
/// The shape is the cheapest NRules runs well: each rule is one pattern, its subject (a record of one kind, or the
/// whole data set), and one action. What the rule reads besides the subject (child records, outcomes of other rules)
/// comes from the session's index and <see cref="OutcomeStore"/> rather than from joins, since NRules' joins are not
/// indexed and its collections are rebuilt on every change. Correct order takes the joins' place: salience follows
/// <see cref="ModelRule.Order"/>, so every rule fires after the rules it reads; an action that changes what a rule
/// of its subject that already fired reads (<see cref="ModelRule.ChangeNeedsRefire"/>) updates the subject, so NRules
/// fires that subject's rules again; a record changed from outside updates its ancestors too.
/// </para>
/// <para>
/// Outcomes become NRules facts (linked to the activation that gave them) only for the types that C# rules loaded
/// beside the YAML ones match; otherwise they stay in the store and cost NRules nothing.
/// </para>
/// </summary>
internal static class NRulesEngine
{
    public const string CitationProperty = "citation", SourceProperty = "source";

    public static NRulesRules Compile(RuleModel model, CSharpRules? extensions)
    {
        var definitions = new List<IRuleDefinition>(model.Rules.Count + (extensions?.Definitions.Count ?? 0));
        var top = model.Rules.Count + 1;
        foreach (var rule in model.Rules) definitions.Add(Translate(rule, salience: top - rule.Order));
        if (extensions is not null) definitions.AddRange(extensions.Definitions);
        var factory = new RuleCompiler().Compile(definitions);
        // The kinds in the order their rules first fire.
        var kindOrder = model.Rules.Where(r => r.Subject is not null).GroupBy(r => r.Subject!.Schema)
            .ToDictionary(g => g.Key, g => g.Min(r => r.Order), (IEqualityComparer<RecordSchema>)ReferenceEqualityComparer.Instance);
        return new NRulesRules(factory, extensions?.MatchedTypes ?? [], extensions is not null, kindOrder);
    }

    private static readonly MethodInfo RunMethod = typeof(NRulesEngineSession).GetMethod(nameof(NRulesEngineSession.Run), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static IRuleDefinition Translate(ModelRule rule, int salience)
    {
        var builder = new RuleBuilder();
        builder.Name(rule.Name);
        builder.Description(rule.Description);
        builder.Priority(salience);
        // Repeatable (NRules' default): NonRepeatable would also ignore updates from outside. An action that changes a
        // value it reads itself fires once more and, finding the same values, changes nothing.
        if (rule.Citation.Length > 0) builder.Property(CitationProperty, rule.Citation);
        builder.Property(SourceProperty, rule.Location.ToString());

        var type = rule.Subject is null ? typeof(WholeDataSet) : typeof(Record);
        var pattern = builder.LeftHandSide().Pattern(type, "subject");
        if (rule.Subject is { } schema)
        {
            // Records of every kind are one CLR type: the kind is the record's schema (one shared alpha node per kind).
            var record = Expression.Parameter(typeof(Record), "subject");
            pattern.Condition(Expression.Lambda(
                Expression.ReferenceEqual(Expression.Property(record, nameof(Record.Schema)), Expression.Constant(schema.Schema)), record));
        }

        var context = Expression.Parameter(typeof(IContext), "ctx");
        var subject = Expression.Parameter(type, "subject");
        builder.RightHandSide().Action(Expression.Lambda(
            Expression.Call(RunMethod, Expression.Constant(rule), context, Expression.Convert(subject, typeof(object))), context, subject));
        return builder.Build();
    }
}

/// <summary>A compiled NRules session factory, with the outcome types C# rules match (published to NRules as facts).</summary>
internal sealed class NRulesRules(ISessionFactory factory, IReadOnlyCollection<Type> published, bool hasCSharpRules,
    IReadOnlyDictionary<RecordSchema, int> kindOrder)
{
    /// <summary>For each record kind with rules, the <see cref="ModelRule.Order"/> of its first rule.</summary>
    public IReadOnlyDictionary<RecordSchema, int> KindOrder { get; } = kindOrder;
    public ISessionFactory Factory { get; } = factory;
    public IReadOnlyCollection<Type> Published { get; } = published;
    /// <summary>Whether C# rules run beside the model's: they may match records on any value.</summary>
    public bool HasCSharpRules { get; } = hasCSharpRules;
}
