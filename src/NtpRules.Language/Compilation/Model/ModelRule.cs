using NtpRules.Engine;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Language.Compilation.Model;

/// <summary>
/// One rule of the compiled rule model, the same for every engine: the subject it matches (records of one kind, or
/// the whole data set), what else it reads, and its action. Each engine translates these rules into its own form
/// (<see cref="Engines.Ntp.NtpEngine"/> joins the inputs so that rules fire again when they change;
/// <see cref="Engines.NRules.NRulesEngine"/> matches the subject alone and fires the rules in <see cref="Order"/>).
/// Actions are engine-neutral: they read and write through a <see cref="RuleFiring"/>.
/// </summary>
public sealed class ModelRule
{
    internal ModelRule(string name, string description, RuleStage stage, int priority, string citation, SourceLocation location,
        SubjectSchema? subject, IReadOnlyDictionary<string, SubjectSchema> schemas, IReadOnlyList<ChildInput> children,
        IReadOnlyList<OutcomeInput> outcomes, Action<RuleFiring> action, IReadOnlyCollection<int> reads, IReadOnlyCollection<int> writes)
    {
        Schemas = schemas;
        Reads = reads;
        Writes = writes;
        Name = name;
        Description = description;
        Stage = stage;
        Priority = priority;
        Citation = citation;
        Location = location;
        Subject = subject;
        Children = children;
        Outcomes = outcomes;
        Action = action;
    }

    /// <summary>The rule's id: <c>set/criterion/indicator</c>, <c>standard ntm-commune</c>, …</summary>
    public string Name { get; }
    public string Description { get; }
    public RuleStage Stage { get; }
    /// <summary>Higher first, within the engine's own ordering (see <see cref="Order"/> for a full dependency order).</summary>
    public int Priority { get; }
    public string Citation { get; }
    /// <summary>Where the rule is written (the criterion, indicator, standard… in its YAML file).</summary>
    public SourceLocation Location { get; }
    /// <summary>The subject kind's schema, or null for the whole data set (<c>scope: all</c>).</summary>
    public SubjectSchema? Subject { get; }
    /// <summary>The record schema of every subject kind (the children's included).</summary>
    public IReadOnlyDictionary<string, SubjectSchema> Schemas { get; }
    /// <summary>Child records the action reads (through the session's index).</summary>
    public IReadOnlyList<ChildInput> Children { get; }
    /// <summary>Outcome facts the action reads with <see cref="RuleFiring.Input"/>, or depends on.</summary>
    public IReadOnlyList<OutcomeInput> Outcomes { get; }
    public Action<RuleFiring> Action { get; }
    /// <summary>The subject's own slots the action reads (directly, through definitions or as parameter keys).</summary>
    public IReadOnlyCollection<int> Reads { get; }
    /// <summary>The subject's own slots the action may write (and then call <see cref="RuleFiring.Changed"/>).</summary>
    public IReadOnlyCollection<int> Writes { get; }
    /// <summary>
    /// Whether a change this rule makes to its subject can matter to a rule of the subject that has already fired: a
    /// rule no later in <see cref="Order"/> (this one included) reads a slot this one writes. When false, every reader
    /// of what it writes comes later in <see cref="Order"/>, so an engine that fires a subject's rules in that order
    /// needs not fire anything again for the change. Set by <see cref="RuleModel"/>.
    /// </summary>
    public bool ChangeNeedsRefire { get; internal set; }
    /// <summary>For an indicator's or a criterion's rule, its criterion as "set/criterion"; null for other rules.</summary>
    internal string? CriterionKey { get; init; }
    /// <summary>The expressions whose reads make up <see cref="Children"/> and <see cref="Outcomes"/>.</summary>
    internal IReadOnlyList<Expressions.CheckedExpression> Expressions { get; init; } = [];
    /// <summary>
    /// The rule's place in an order where every rule comes after the rules whose results it reads: subjects of
    /// deeper kinds first (households before communes before provinces), then by stage, then by priority; the whole
    /// data set last. Set by <see cref="RuleModel"/>.
    /// </summary>
    public int Order { get; internal set; }

    public override string ToString() => Name;
}

/// <summary>The kinds of rule the language compiles, in the order a subject's rules settle.</summary>
public enum RuleStage
{
    Classification,
    Derived,
    Indicator,
    Criterion,
    Standard,
    Target,
}

/// <summary>Records of <see cref="ChildKind"/> whose <c>&lt;ParentKind&gt;_id</c> is the subject's id; every record of the kind when <see cref="ParentKind"/> is null.</summary>
public sealed record ChildInput(string ChildKind, string? ParentKind);

/// <summary>
/// Outcome facts a rule reads: those of <see cref="FactType"/> that pass <see cref="Filter"/>, about the subject
/// itself, or, with <see cref="ChildKind"/>, about the subject's children of that kind.
/// <see cref="SwitchKey"/>/<see cref="SwitchSelector"/>/<see cref="SwitchValue"/>, when set, say the filter is an
/// equality an engine may decide by one lookup.
/// </summary>
public sealed class OutcomeInput
{
    internal OutcomeInput(Type factType, string description, Func<object, bool> filter, string? childKind = null, string? parentKind = null)
    {
        FactType = factType;
        ExactType = factType.IsSealed;
        Description = description;
        Filter = filter;
        ChildKind = childKind;
        ParentKind = parentKind;
    }

    public Type FactType { get; }
    /// <summary>Whether <see cref="FactType"/> is sealed, so that a fact is of it when its type is exactly it.</summary>
    internal bool ExactType { get; }
    public string Description { get; }
    public Func<object, bool> Filter { get; }
    public string? ChildKind { get; }
    public string? ParentKind { get; }
    public string? SwitchKey { get; private init; }
    public Func<object, object?>? SwitchSelector { get; private init; }
    public object? SwitchValue { get; private init; }

    internal static OutcomeInput Equal(Type factType, string key, Func<object, object?> selector, object value) =>
        new(factType, $"{key} = {value}", f => Equals(selector(f), value)) { SwitchKey = key, SwitchSelector = selector, SwitchValue = value };
}

/// <summary>What an action sees of one firing, whichever engine runs it.</summary>
public abstract class RuleFiring
{
    /// <summary>The subject record; null for a rule about the whole data set.</summary>
    public abstract Record? Subject { get; }

    /// <summary>
    /// The outcomes matching the rule's <see cref="ModelRule.Outcomes"/>[<paramref name="index"/>] now. The list is the
    /// engine's: read it during this firing, do not keep it.
    /// </summary>
    public abstract IReadOnlyList<object> Input(int index);

    /// <summary>
    /// Adds an outcome of this firing under <paramref name="key"/>; it replaces the outcome the same rule gave the same
    /// subject under that key before, and goes away with the subject.
    /// </summary>
    public abstract void Emit(string key, TrackedFact outcome);

    /// <summary>Says the action changed the subject record's values, so that the rules reading them fire again.</summary>
    public abstract void Changed(Record record);
}
