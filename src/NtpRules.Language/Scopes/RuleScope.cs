using NtpRules.Language.Expressions;

namespace NtpRules.Language.Scopes;

/// <summary>
/// What a name means in an expression of one rule set about one subject kind: the rule set's definitions and
/// parameters first, then the kind's indicators (<see cref="SubjectLayout"/>). Child scopes serve aggregates.
/// The kind <c>all</c> (targets over the whole data set) has no indicators and every kind as a child.
/// </summary>
public sealed class RuleScope : IExpressionScope
{
    private readonly ScopeSet _set;
    private readonly SubjectLayout? _layout;

    internal RuleScope(ScopeSet set, string kind, SubjectLayout? layout)
    {
        _set = set;
        SubjectKind = kind;
        _layout = layout;
    }

    public const string AllKind = "all";

    public string SubjectKind { get; }

    public ExpressionSymbol? Lookup(string name) => _set.Names.GetValueOrDefault(name) ?? _layout?.Find(name);

    public IEnumerable<string> Names => _set.Names.Keys.Concat(_layout?.Slots.Select(s => s.Name) ?? []);

    public IExpressionScope? Child(string kind) => ChildKinds.Contains(kind) ? _set.For(kind) : null;

    public IEnumerable<string> ChildKinds => SubjectKind == AllKind ? _set.AllKinds : _set.ChildKinds(SubjectKind);

    public bool IsStandard(string id) => _set.Standards.Contains(id);

    public IEnumerable<string> Standards => _set.Standards;
}
