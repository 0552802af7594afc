using NtpRules.Language.Catalogue;
using NtpRules.Language.Expressions;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Scopes;

/// <summary>
/// The indicator slots of one subject kind, shared by every rule set of a library: first the catalogue's indicators
/// of the kind (catalogue order), then its derived indicators, then the classifications whose subject it is.
/// A record of the kind stores its values by these slot numbers (<see cref="IndicatorSymbol.Slot"/>).
/// </summary>
public sealed class SubjectLayout
{
    private readonly Dictionary<string, IndicatorSymbol> _byName;

    private SubjectLayout(string kind, IReadOnlyList<IndicatorSymbol> slots)
    {
        Kind = kind;
        Slots = slots;
        _byName = slots.ToDictionary(s => s.Name);
    }

    public string Kind { get; }
    public IReadOnlyList<IndicatorSymbol> Slots { get; }
    public int Count => Slots.Count;

    public IndicatorSymbol? Find(string name) => _byName.GetValueOrDefault(name);

    internal static SubjectLayout Build(string kind, IndicatorCatalogue catalogue, IEnumerable<RuleSet> sets)
    {
        var slots = new List<IndicatorSymbol>();
        var seen = new HashSet<string>();
        void Add(string name, ExprType type, string? unit)
        {
            if (seen.Add(name)) slots.Add(new IndicatorSymbol(name, kind, type, unit, slots.Count));
        }
        foreach (var i in catalogue.IndicatorsOf(kind)) Add(i.Key, TypeOf(i.Type, i.Values), i.Unit);
        foreach (var d in catalogue.DerivedOf(kind)) Add(d.Key, TypeOf(d.Type, []), d.Unit);
        foreach (var group in sets.SelectMany(s => s.Classifications).Where(c => c.Subject == kind).GroupBy(c => c.Id))
        {
            var labels = group.SelectMany(c => c.Cases.Select(x => x.Label).Append(c.Otherwise)).OfType<string>();
            Add(group.Key, ExprType.Enum(labels), null);
        }
        return new SubjectLayout(kind, slots);
    }

    internal static ExprType TypeOf(Documents.DataType type, IReadOnlyList<string> values) => type switch
    {
        Documents.DataType.Number => ExprType.Number,
        Documents.DataType.Integer => ExprType.Integer,
        Documents.DataType.Boolean => ExprType.Boolean,
        Documents.DataType.Date => ExprType.Date,
        Documents.DataType.Enum => ExprType.Enum(values),
        _ => ExprType.Text,
    };
}
