using NtpRules.Engine;
using NtpRules.Language.Compilation;
using NtpRules.Language.Compilation.Model;

namespace NtpRules.Language.Engines.Ntp;

/// <summary>
/// Translates the rule model to NtpRules' own Rete engine. Each rule matches its subject and joins, by hash-indexed
/// keys, everything it reads (child records by parent id, outcomes by subject), so that a changed fact fires again
/// exactly the rules that depend on it; outcomes are linked facts, retracted with the match that produced them.
/// </summary>
internal static class NtpEngine
{
    public static Network Compile(RuleModel model) => Network.Compile(model.Rules.Select(Translate).ToList());

    private static RuleDefinition Translate(ModelRule rule)
    {
        var builder = new RuleBuilder(rule.Name).Description(rule.Description).Priority(rule.Priority);
        if (rule.Citation.Length > 0) builder.Metadata("citation", rule.Citation);
        builder.Metadata("source", rule.Location.ToString());
        var subject = rule.Subject is { } s ? builder.Pattern(s.Kind, FactType.Of(s.Schema)).Index : builder.Pattern("all", FactType.Of<WholeDataSet>()).Index;
        foreach (var child in rule.Children) Collect(builder, rule, child, subject);
        var inputs = rule.Outcomes.Select(o => Collect(builder, rule, o, subject)).ToArray();
        builder.Then(ctx => RuleFailedException.Run(rule, NtpFiring.For(ctx, inputs)));
        return builder.Build();
    }

    private static void Collect(RuleBuilder builder, ModelRule rule, ChildInput input, int subject)
    {
        var child = rule.Schemas[input.ChildKind];
        var collected = builder.Aggregate(input.ChildKind, FactType.Of(child.Schema), Aggregator.Collect());
        if (input.ParentKind is null) return;
        var slot = child.ParentSlot(input.ParentKind);
        collected.JoinOn(JoinKey.On(subject, f => ((Record)f).Id, f => ((Record)f).GetText(slot),
            key: $"{input.ChildKind}.{input.ParentKind}_id=#{subject}.id"));
    }

    private static int Collect(RuleBuilder builder, ModelRule rule, OutcomeInput input, int subject)
    {
        var name = input.FactType.Name.Replace("Outcome", "").ToLowerInvariant();
        var collected = builder.Aggregate(name, FactType.Of(input.FactType), Aggregator.Collect());
        if (input.SwitchKey is { } key) collected.Where(FactCondition.Equal(key, input.SwitchSelector!, input.SwitchValue!));
        else collected.Where(input.Description, input.Filter);
        if (input.ChildKind is null)
            collected.JoinOn(JoinKey.On(subject, f => f, f => ((ISubjectOutcome)f).Subject, key: $"{name}.subject=#{subject}"));
        else if (input.ParentKind is { } parent && rule.Schemas.GetValueOrDefault(input.ChildKind) is { } child && child.ParentSlot(parent) is >= 0 and var slot)
            collected.JoinOn(JoinKey.On(subject, f => ((Record)f).Id, f => ((ISubjectOutcome)f).Subject?.GetText(slot),
                key: $"{name}.subject.{parent}_id=#{subject}.id"));
        return collected.Index;
    }

    /// <summary>What an action sees of an engine activation; one per thread, rebound for each firing.</summary>
    private sealed class NtpFiring : RuleFiring
    {
        [ThreadStatic] private static NtpFiring? _current;
        private ActionContext _context = null!;
        private int[] _inputs = [];

        public static NtpFiring For(ActionContext context, int[] inputs)
        {
            var firing = _current ??= new NtpFiring();
            firing._context = context;
            firing._inputs = inputs;
            return firing;
        }

        public override Record? Subject => _context.Facts[0] as Record;
        public override IReadOnlyList<object> Input(int index) => _context.Get<AggregateResult>(_inputs[index]).Items;
        public override void Emit(string key, TrackedFact outcome) => _context.InsertLinked(key, outcome);
        public override void Changed(Record record) => _context.Update(record);
    }
}

/// <summary>A session of <see cref="NtpEngine"/>'s network.</summary>
internal sealed class NtpEngineSession : IEngineSession
{
    public NtpEngineSession(Network network)
    {
        Native = network.CreateSession();
        Native.Insert(new WholeDataSet());
    }

    public Session Native { get; }
    public RuleEngineKind Kind => RuleEngineKind.Ntp;
    public void InsertAll(IReadOnlyList<Record> records) => Native.InsertAll(records);
    // Joins carry changes to the rules that read the record: ancestors need nothing more.
    public void Update(Record record, IReadOnlyCollection<Record> ancestors) => Native.Update(record);
    public void Retract(Record record, IReadOnlyCollection<Record> ancestors) => Native.Retract(record);

    public int Fire(CancellationToken cancellation)
    {
        try
        {
            return Native.Fire(int.MaxValue, cancellation);
        }
        catch (RuleExecutionException e) when (RuleFailedException.Find(e) is { } failed)
        {
            throw failed;
        }
    }

    public IReadOnlyList<T> Outcomes<T>() where T : class => Native.Query<T>();
}
