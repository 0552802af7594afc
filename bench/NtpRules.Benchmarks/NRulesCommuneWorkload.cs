using System.Linq.Expressions;
using System.Reflection;
using NRules;
using NRules.RuleModel;
using NtpRules.Engine;
using RuleBuilder = NRules.RuleModel.Builders.RuleBuilder;

namespace NtpRules.Benchmarks;

/// <summary>
/// The commune workload on NRules, in the shape the NRules back end gives the YAML rules (the cheapest NRules runs
/// well): every rule one pattern on its subject record, the results kept by the actions in a store rather than joined,
/// salience ordering criteria before the standard before the area counts. Same data, same result objects, same
/// outcome as <see cref="CommuneWorkload"/> on the ntp engine.
/// </summary>
public static class NRulesCommuneWorkload
{
    [ThreadStatic] private static Store? _store;

    private sealed class Store
    {
        public readonly Dictionary<Record, ICriterionResult[]> Criteria = new(ReferenceEqualityComparer.Instance);
        public readonly List<IStandardMet> Standards = new();
        public readonly Dictionary<string, int> Met = new();
        public readonly List<IAreaCount> Counts = new();
    }

    public static ISessionFactory Compile(bool tracked = true)
    {
        var rules = new List<IRuleDefinition>();
        for (var k = 0; k < CommuneWorkload.Criteria; k++)
            rules.Add(Rule($"criterion-{k + 1}", 3, CommuneWorkload.Commune, nameof(Criterion), Expression.Constant(k), Expression.Constant(tracked)));
        rules.Add(Rule("meets-standard", 2, CommuneWorkload.Commune, nameof(Standard), Expression.Constant(tracked)));
        rules.Add(Rule("district-count", 1, CommuneWorkload.District, nameof(Count), Expression.Constant(tracked)));
        rules.Add(Rule("province-count", 1, CommuneWorkload.Province, nameof(Count), Expression.Constant(tracked)));
        return new NRules.RuleCompiler().Compile(rules);
    }

    private static IRuleDefinition Rule(string name, int salience, RecordSchema schema, string action, params Expression[] constants)
    {
        var builder = new RuleBuilder();
        builder.Name(name);
        builder.Priority(salience);
        var record = Expression.Parameter(typeof(Record), "r");
        builder.LeftHandSide().Pattern(typeof(Record), "r").Condition(Expression.Lambda(
            Expression.ReferenceEqual(Expression.Property(record, nameof(Record.Schema)), Expression.Constant(schema)), record));
        var context = Expression.Parameter(typeof(IContext), "ctx");
        var method = typeof(NRulesCommuneWorkload).GetMethod(action, BindingFlags.NonPublic | BindingFlags.Static)!;
        builder.RightHandSide().Action(Expression.Lambda(Expression.Call(method, [record, .. constants]), context, record));
        return builder.Build();
    }

    private static void Criterion(Record c, int k, bool tracked)
    {
        if (!_store!.Criteria.TryGetValue(c, out var results)) _store.Criteria[c] = results = new ICriterionResult[CommuneWorkload.Criteria];
        var met = CommuneWorkload.Met(c, k);
        results[k] = tracked ? new CriterionResult(c, k, met) : new PlainCriterionResult(c, k, met);
    }

    private static void Standard(Record c, bool tracked)
    {
        if (!_store!.Criteria.TryGetValue(c, out var results) || results.Any(r => r is null || !r.Met)) return;
        _store.Standards.Add(tracked ? new StandardMet(c) : new PlainStandardMet(c));
        foreach (var area in (string?[])[c.GetText(CommuneWorkload.DistrictSlot), c.GetText(CommuneWorkload.ProvinceSlot)])
            if (area is not null) _store.Met[area] = _store.Met.GetValueOrDefault(area) + 1;
    }

    private static void Count(Record area, bool tracked)
    {
        var n = _store!.Met.GetValueOrDefault(area.Id);
        _store.Counts.Add(tracked ? new AreaCount(area.Id, n) : new PlainAreaCount(area.Id, n));
    }

    /// <summary>Runs a session over the workload's records; returns what it kept (the session and its store) and the outcome.</summary>
    public static (object Kept, CommuneWorkload.Outcome Outcome) Run(ISessionFactory factory, CommuneWorkload workload)
    {
        var session = factory.CreateSession();
        var store = new Store();
        _store = store;
        try
        {
            session.InsertAll(workload.Provinces);
            session.InsertAll(workload.Districts);
            session.InsertAll(workload.Communes);
            session.Fire();
        }
        finally
        {
            _store = null;
        }
        var counts = store.Counts.Where(a => a.Count > 0).ToDictionary(a => a.Area, a => a.Count);
        return ((session, store), new CommuneWorkload.Outcome(store.Standards.Count, store.Criteria.Values.Sum(r => r.Count(x => x is not null)), counts));
    }
}
