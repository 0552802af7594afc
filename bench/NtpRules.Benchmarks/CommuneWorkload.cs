using NtpRules.Engine;

namespace NtpRules.Benchmarks;

/// <summary>
/// The commune workload: communes with 25 indicators (15 numbers, 10 booleans) as records, grouped in districts and
/// provinces; 19 criterion rules each linking a criterion result; a rule concluding that a commune meets the
/// standard when all 19 of its results are met; counts of such communes per district and per province. The same
/// results are computed by a hand-written loop as the baseline. The result facts derive from <see cref="TrackedFact"/>
/// (as the language's outcome facts do), or, with <c>trackedResults: false</c>, are plain objects; rules match both
/// through interfaces.
/// </summary>
public sealed class CommuneWorkload
{
    public const int Criteria = 19;
    private const int Numbers = 15;
    private const int Booleans = 10;

    public static readonly RecordSchema Commune = new("commune",
        Enumerable.Range(0, Numbers).Select(i => ($"n{i}", SlotKind.Number))
            .Concat(Enumerable.Range(0, Booleans).Select(i => ($"b{i}", SlotKind.Boolean)))
            .Concat([("district_id", SlotKind.Text), ("province_id", SlotKind.Text)]));

    public static readonly RecordSchema District = new("district", [("province_id", SlotKind.Text)]);
    public static readonly RecordSchema Province = new("province", []);

    internal static readonly int DistrictSlot = Commune.IndexOf("district_id");
    internal static readonly int ProvinceSlot = Commune.IndexOf("province_id");

    public CommuneWorkload(int communes, int seed = 42, bool trackedResults = true)
    {
        TrackedResults = trackedResults;
        var random = new Random(seed);
        var provinces = Math.Max(1, communes / 1600);
        var districts = Math.Max(1, communes / 100);
        Provinces = Enumerable.Range(0, provinces).Select(i => Province.NewRecord($"p{i}")).ToArray();
        Districts = new Record[districts];
        for (var i = 0; i < districts; i++)
        {
            Districts[i] = District.NewRecord($"d{i}");
            Districts[i].SetText(0, Provinces[i % provinces].Id);
        }
        Communes = new Record[communes];
        for (var i = 0; i < communes; i++)
        {
            var c = Commune.NewRecord($"c{i}");
            for (var k = 0; k < Numbers; k++)
                if (random.NextDouble() > 0.002) c.SetNumber(k, random.NextDouble() * 100);
            for (var k = 0; k < Booleans; k++) c.SetBoolean(Numbers + k, random.NextDouble() < 0.97);
            var district = Districts[i % districts];
            c.SetText(DistrictSlot, district.Id);
            c.SetText(ProvinceSlot, district.GetText(0));
            Communes[i] = c;
        }
    }

    public bool TrackedResults { get; }

    public Record[] Communes { get; }

    public Record[] Districts { get; }

    public Record[] Provinces { get; }

    /// <summary>Whether criterion <paramref name="k"/> is met by the commune (missing data: not met).</summary>
    public static bool Met(Record c, int k)
    {
        if (k < Numbers)
        {
            // Numbers: above a threshold that most communes pass.
            return c.IsPresent(k) && c.GetNumber(k) >= 1 + k * 0.2;
        }
        var b = Numbers + (k - Numbers) * 2;
        return c.GetBoolean(b) || c.GetBoolean(b + 1);
    }

    public Network BuildNetwork() => Network.Compile(BuildRules(TrackedResults));

    private static ICriterionResult NewResult(bool tracked, Record c, int k, bool met) =>
        tracked ? new CriterionResult(c, k, met) : new PlainCriterionResult(c, k, met);

    public static IEnumerable<RuleDefinition> BuildRules(bool tracked = true)
    {
        for (var k = 0; k < Criteria; k++)
        {
            var criterion = k;
            var rule = new RuleBuilder($"criterion-{k + 1}").Metadata("citation", $"Decision 318, criterion {k + 1}");
            rule.Pattern("c", Commune);
            rule.Then(ctx =>
            {
                var c = ctx.Get<Record>(0);
                ctx.InsertLinked(Key, NewResult(tracked, c, criterion, Met(c, criterion)));
            });
            yield return rule.Build();
        }

        var standard = new RuleBuilder("meets-standard");
        var commune = standard.Pattern("c", Commune);
        standard.Aggregate("met", FactType.Of<ICriterionResult>(), Aggregator.Count())
            .Where("result.met", f => ((ICriterionResult)f).Met)
            .JoinOn(JoinKey.On(commune.Index, c => c, r => ((ICriterionResult)r).Commune, "result.commune=c"));
        standard.Test("met=19", b => b.Get<AggregateResult>(1).Count == Criteria);
        standard.Then(ctx => ctx.InsertLinked(Key,
            tracked ? new StandardMet(ctx.Get<Record>(0)) : new PlainStandardMet(ctx.Get<Record>(0))));
        yield return standard.Build();

        yield return CountRule("district-count", District, DistrictSlot, tracked);
        yield return CountRule("province-count", Province, ProvinceSlot, tracked);
    }

    private static readonly object Key = "result";

    private static RuleDefinition CountRule(string name, RecordSchema schema, int slot, bool tracked)
    {
        var rule = new RuleBuilder(name);
        var area = rule.Pattern("area", schema);
        rule.Aggregate("n", FactType.Of<IStandardMet>(), Aggregator.Count())
            .JoinOn(JoinKey.On(area.Index, a => ((Record)a).Id, s => ((IStandardMet)s).Commune.GetText(slot), $"{name}.area"));
        rule.Then(ctx =>
        {
            var (id, count) = (ctx.Get<Record>(0).Id, ctx.Get<AggregateResult>(1).Count);
            ctx.InsertLinked(Key, tracked ? new AreaCount(id, count) : new PlainAreaCount(id, count));
        });
        return rule.Build();
    }

    /// <summary>Runs the engine; returns the session (kept alive by the caller to measure what it retains).</summary>
    public Session RunEngine(Network network)
    {
        var session = network.CreateSession();
        session.InsertAll(Provinces);
        session.InsertAll(Districts);
        session.InsertAll(Communes);
        session.Fire();
        return session;
    }

    /// <summary>
    /// Runs the engine with one session per group of provinces, <paramref name="sessions"/> at a time on their own
    /// threads over the shared network (every area count stays within a province, so the results are the same).
    /// </summary>
    public Session[] RunEngineInParallel(Network network, int sessions)
    {
        var provinceOf = Provinces.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i % sessions);
        var parts = Enumerable.Range(0, sessions).Select(part => (
            Provinces: Provinces.Where(p => provinceOf[p.Id] == part).ToArray(),
            Districts: Districts.Where(d => provinceOf[d.GetText(0)!] == part).ToArray(),
            Communes: Communes.Where(c => provinceOf[c.GetText(ProvinceSlot)!] == part).ToArray())).ToArray();
        var result = new Session[sessions];
        Parallel.For(0, sessions, new ParallelOptions { MaxDegreeOfParallelism = sessions }, part =>
        {
            var session = network.CreateSession();
            session.InsertAll(parts[part].Provinces);
            session.InsertAll(parts[part].Districts);
            session.InsertAll(parts[part].Communes);
            session.Fire();
            result[part] = session;
        });
        return result;
    }

    public static Outcome OutcomeOf(params Session[] sessions)
    {
        var counts = sessions.SelectMany(s => s.Query<IAreaCount>()).Where(a => a.Count > 0).ToDictionary(a => a.Area, a => a.Count);
        return new Outcome(sessions.Sum(s => s.Query<IStandardMet>().Count), sessions.Sum(s => s.Query<ICriterionResult>().Count), counts);
    }

    /// <summary>The baseline: the same results with plain loops, allocating the same result objects.</summary>
    public Outcome RunLoop()
    {
        var results = new List<ICriterionResult>(Communes.Length * Criteria);
        var counts = new Dictionary<string, int>();
        var met = 0;
        foreach (var c in Communes)
        {
            var all = true;
            for (var k = 0; k < Criteria; k++)
            {
                var result = NewResult(TrackedResults, c, k, Met(c, k));
                results.Add(result);
                all &= result.Met;
            }
            if (!all) continue;
            met++;
            _ = TrackedResults ? new StandardMet(c) : (object)new PlainStandardMet(c);
            Increment(counts, c.GetText(DistrictSlot)!);
            Increment(counts, c.GetText(ProvinceSlot)!);
        }
        return new Outcome(met, results.Count, counts);
    }

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;

    public sealed record Outcome(int StandardMet, int CriterionResults, Dictionary<string, int> AreaCounts)
    {
        public bool Agrees(Outcome other) =>
            StandardMet == other.StandardMet && CriterionResults == other.CriterionResults
            && AreaCounts.Count == other.AreaCounts.Count
            && AreaCounts.All(kv => other.AreaCounts.TryGetValue(kv.Key, out var n) && n == kv.Value);
    }
}

public interface ICriterionResult
{
    Record Commune { get; }
    int Criterion { get; }
    bool Met { get; }
}

public interface IStandardMet
{
    Record Commune { get; }
}

public interface IAreaCount
{
    string Area { get; }
    int Count { get; }
}

public sealed class CriterionResult(Record commune, int criterion, bool met) : TrackedFact, ICriterionResult
{
    public Record Commune { get; } = commune;
    public int Criterion { get; } = criterion;
    public bool Met { get; } = met;
}

public sealed class PlainCriterionResult(Record commune, int criterion, bool met) : ICriterionResult
{
    public Record Commune { get; } = commune;
    public int Criterion { get; } = criterion;
    public bool Met { get; } = met;
}

public sealed class StandardMet(Record commune) : TrackedFact, IStandardMet
{
    public Record Commune { get; } = commune;
}

public sealed class PlainStandardMet(Record commune) : IStandardMet
{
    public Record Commune { get; } = commune;
}

public sealed class AreaCount(string area, int count) : TrackedFact, IAreaCount
{
    public string Area { get; } = area;
    public int Count { get; } = count;
}

public sealed class PlainAreaCount(string area, int count) : IAreaCount
{
    public string Area { get; } = area;
    public int Count { get; } = count;
}
