namespace NtpRules.Language.Catalogue;

/// <summary>The merged catalogue: subject kinds, the indicators records carry, and derived indicators.</summary>
public sealed class IndicatorCatalogue
{
    private readonly Dictionary<string, SubjectKind> _kinds;
    private readonly Dictionary<(string, string), CatalogueIndicator> _indicators;
    private readonly Dictionary<(string, string), DerivedIndicator> _derived;

    public IndicatorCatalogue(IReadOnlyList<SubjectKind> subjects, IReadOnlyList<CatalogueIndicator> indicators, IReadOnlyList<DerivedIndicator> derived)
    {
        Subjects = subjects;
        Indicators = indicators;
        Derived = derived;
        _kinds = subjects.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.First());
        _indicators = indicators.GroupBy(i => (i.Subject, i.Key)).ToDictionary(g => g.Key, g => g.First());
        _derived = derived.GroupBy(i => (i.Subject, i.Key)).ToDictionary(g => g.Key, g => g.First());
    }

    public static IndicatorCatalogue Empty { get; } = new([], [], []);

    public IReadOnlyList<SubjectKind> Subjects { get; }
    public IReadOnlyList<CatalogueIndicator> Indicators { get; }
    public IReadOnlyList<DerivedIndicator> Derived { get; }

    public SubjectKind? FindKind(string kind) => _kinds.GetValueOrDefault(kind);

    public CatalogueIndicator? FindIndicator(string subject, string key) => _indicators.GetValueOrDefault((subject, key));

    public DerivedIndicator? FindDerived(string subject, string key) => _derived.GetValueOrDefault((subject, key));

    /// <summary>The indicators a record of <paramref name="subject"/> carries, in catalogue order.</summary>
    public IEnumerable<CatalogueIndicator> IndicatorsOf(string subject) => Indicators.Where(i => i.Subject == subject);

    public IEnumerable<DerivedIndicator> DerivedOf(string subject) => Derived.Where(i => i.Subject == subject);

    /// <summary>Kinds that name <paramref name="kind"/> among their parents (e.g. household for commune).</summary>
    public IEnumerable<string> ChildKinds(string kind) => Subjects.Where(s => s.Parents.Contains(kind)).Select(s => s.Kind);
}
