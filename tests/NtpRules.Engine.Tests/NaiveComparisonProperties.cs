using FsCheck;
using FsCheck.Fluent;

namespace NtpRules.Engine.Tests;

/// <summary>
/// Random sequences of insert, update and retract; after each step the facts the engine derived (as linked facts,
/// so truth maintenance is exercised too) must equal what nested loops over working memory compute. People and
/// derived facts derive from <see cref="TrackedFact"/> (their own working-memory entries), orders are plain objects (kept in
/// the identity hash table), so joins mix both kinds of entry.
/// </summary>
public sealed class NaiveComparisonProperties
{
    private sealed class P(int id, string name, int age) : TrackedFact
    {
        public int Id { get; } = id;
        public string Name { get; set; } = name;
        public int Age { get; set; } = age;
    }

    private sealed class O(int id, string owner, int amount)
    {
        public int Id { get; } = id;
        public string Owner { get; set; } = owner;
        public int Amount { get; set; } = amount;
    }

    private sealed class Derived(string text) : TrackedFact
    {
        public string Text { get; } = text;
    }

    private static readonly string[] Names = ["a", "b", "c"];

    private static readonly Network Rules = Network.Compile(BuildRules());

    private static IEnumerable<RuleDefinition> BuildRules()
    {
        var pair = new RuleBuilder("pair");
        var p = pair.Match<P>("p");
        pair.Match<O>("o").JoinOn<P, O>(p, x => x.Name, o => o.Owner, "o.owner=p.name")
            .WhereJoined("o.amount>p.age", (b, o) => ((O)o).Amount > b.Get<P>(0).Age);
        pair.Then(ctx => Link(ctx, $"pair:{ctx.Get<P>(0).Id}:{ctx.Get<O>(1).Id}:{ctx.Get<O>(1).Amount}:{ctx.Get<P>(0).Age}"));
        yield return pair.Build();

        var lonely = new RuleBuilder("lonely");
        p = lonely.Match<P>("p");
        lonely.Not(FactType.Of<O>()).JoinOn<P, O>(p, x => x.Name, o => o.Owner, "o.owner=p.name")
            .Where<O>(o => o.Amount >= 3, "amount>=3");
        lonely.Then(ctx => Link(ctx, $"lonely:{ctx.Get<P>(0).Id}"));
        yield return lonely.Build();

        var busy = new RuleBuilder("busy");
        p = busy.Match<P>("p");
        busy.Exists(FactType.Of<O>()).JoinOn<P, O>(p, x => x.Name, o => o.Owner, "o.owner=p.name")
            .WhereJoined("o.amount>=p.age", (b, o) => ((O)o).Amount >= b.Get<P>(0).Age);
        busy.Then(ctx => Link(ctx, $"busy:{ctx.Get<P>(0).Id}"));
        yield return busy.Build();

        var group = new RuleBuilder("group");
        group.Aggregate("g", FactType.Of<O>(), Aggregator.Sum<O>(o => o.Amount, "amount")).GroupBy<O>(o => o.Owner, "owner");
        group.Then(ctx =>
        {
            var g = ctx.Get<AggregateResult>(0);
            Link(ctx, $"group:{g.Key}:{g.Count}:{g.Sum}");
        });
        yield return group.Build();

        var max = new RuleBuilder("max");
        p = max.Match<P>("p");
        max.Aggregate("m", FactType.Of<O>(), Aggregator.Max<O>(o => o.Amount, "amount"))
            .Where<O>(o => o.Amount > 0, "amount>0")
            .JoinOn<P, O>(p, x => x.Name, o => o.Owner, "o.owner=p.name");
        max.Then(ctx => Link(ctx, $"max:{ctx.Get<P>(0).Id}:{ctx.Get<AggregateResult>(1).Count}:{ctx.Get<AggregateResult>(1).Max}"));
        yield return max.Build();

        var collect = new RuleBuilder("collect");
        p = collect.Match<P>("p");
        collect.Aggregate("c", FactType.Of<O>(), Aggregator.Collect())
            .JoinOn<P, O>(p, x => x.Name, o => o.Owner, "o.owner=p.name")
            .WhereJoined("o.amount<=p.age", (b, o) => ((O)o).Amount <= b.Get<P>(0).Age);
        collect.Test("any", b => b.Get<AggregateResult>(1).Count > 0);
        collect.Then(ctx => Link(ctx, $"collect:{ctx.Get<P>(0).Id}:{string.Join(",", ctx.Get<AggregateResult>(1).Items.Select(o => ((O)o).Id).Order())}"));
        yield return collect.Build();

        var echo = new RuleBuilder("echo");
        echo.Match<Derived>("d", d => d.Text.StartsWith("pair:", StringComparison.Ordinal), "pair");
        echo.Then(ctx => Link(ctx, "echo:" + ctx.Get<Derived>(0).Text));
        yield return echo.Build();
    }

    private static void Link(ActionContext ctx, string text) => ctx.InsertLinked("d", new Derived(text));

    private static List<string> Naive(List<P> people, List<O> orders)
    {
        var result = new List<string>();
        foreach (var p in people)
        {
            var own = orders.Where(o => o.Owner == p.Name).ToList();
            foreach (var o in own.Where(o => o.Amount > p.Age)) result.Add($"pair:{p.Id}:{o.Id}:{o.Amount}:{p.Age}");
            if (!own.Any(o => o.Amount >= 3)) result.Add($"lonely:{p.Id}");
            if (own.Any(o => o.Amount >= p.Age)) result.Add($"busy:{p.Id}");
            var positive = own.Where(o => o.Amount > 0).ToList();
            result.Add($"max:{p.Id}:{positive.Count}:{(positive.Count == 0 ? double.NaN : positive.Max(o => (double)o.Amount))}");
            var small = own.Where(o => o.Amount <= p.Age).Select(o => o.Id).Order().ToList();
            if (small.Count > 0) result.Add($"collect:{p.Id}:{string.Join(",", small)}");
        }
        foreach (var g in orders.GroupBy(o => o.Owner))
            result.Add($"group:{g.Key}:{g.Count()}:{(double)g.Sum(o => o.Amount)}");
        result.AddRange(result.Where(t => t.StartsWith("pair:", StringComparison.Ordinal)).Select(t => "echo:" + t).ToList());
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>Applies the steps to <paramref name="sessions"/> sessions sharing the same fact objects (the first
    /// session owns the <see cref="TrackedFact"/> entries, the others wrap them); each must agree with the loops.</summary>
    private static bool Run(int[] steps, bool fireEachStep, int sessions = 1, int initialOrders = 0)
    {
        var all = Enumerable.Range(0, sessions).Select(_ => Rules.CreateSession()).ToArray();
        var session = new Sessions(all);
        var people = new List<P>();
        var orders = new List<O>();
        var nextId = 0;
        for (var k = 0; k < initialOrders; k++)
        {
            var order = new O(nextId++, Names[k % 3], k % 5);
            orders.Add(order);
            session.Insert(order);
        }
        foreach (var step in steps)
        {
            var x = Math.Abs(step % 100_000);
            var a = x / 5 % 7;
            var b = x / 35 % 5;
            switch (x % 5)
            {
                case 0:
                    var person = new P(nextId++, Names[a % 3], b);
                    people.Add(person);
                    session.Insert(person);
                    break;
                case 1:
                    var order = new O(nextId++, Names[a % 3], b);
                    orders.Add(order);
                    session.Insert(order);
                    break;
                case 2 when people.Count > 0:
                    var pp = people[a % people.Count];
                    if (b % 2 == 0) pp.Name = Names[b % 3];
                    else pp.Age = a % 5;
                    session.Update(pp);
                    break;
                case 3 when orders.Count > 0:
                    var oo = orders[a % orders.Count];
                    if (b % 2 == 0) oo.Owner = Names[a % 3];
                    else oo.Amount = (a + b) % 5;
                    session.Update(oo);
                    break;
                case 4 when people.Count + orders.Count > 0:
                    var i = (a * 5 + b) % (people.Count + orders.Count);
                    if (i < people.Count)
                    {
                        session.Retract(people[i]);
                        people.RemoveAt(i);
                    }
                    else
                    {
                        session.Retract(orders[i - people.Count]);
                        orders.RemoveAt(i - people.Count);
                    }
                    break;
            }
            if (fireEachStep && !all.All(s => Agrees(s, people, orders))) return false;
        }
        return all.All(s => Agrees(s, people, orders));
    }

    /// <summary>The same operation on several sessions.</summary>
    private sealed class Sessions(params Session[] sessions)
    {
        public void Insert(object fact) => Array.ForEach(sessions, s => s.Insert(fact));

        public void Update(object fact) => Array.ForEach(sessions, s => s.Update(fact));

        public void Retract(object fact) => Array.ForEach(sessions, s => s.Retract(fact));
    }

    private static bool Agrees(Session session, List<P> people, List<O> orders)
    {
        session.Fire();
        var engine = session.Query<Derived>().Select(d => d.Text).Order(StringComparer.Ordinal).ToList();
        var naive = Naive(people, orders);
        return engine.SequenceEqual(naive);
    }

    [Fact]
    public void Engine_agrees_with_nested_loops_after_every_step() =>
        Prop.ForAll<int[]>(steps => Run(steps, fireEachStep: true))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    /// <summary>Groups of a hundred orders per owner: past the sizes from which aggregates remember their members and
    /// join keys keep their facts in a set, the engine still agrees with the loops.</summary>
    [Fact]
    public void Engine_agrees_with_nested_loops_on_large_groups() =>
        Prop.ForAll<int[]>(steps => Run(steps, fireEachStep: true, initialOrders: 300))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(100));

    [Fact]
    public void Two_sessions_sharing_the_facts_each_agree_with_nested_loops() =>
        Prop.ForAll<int[]>(steps => Run(steps, fireEachStep: true, sessions: 2))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    [Fact]
    public void Engine_agrees_with_nested_loops_when_firing_only_at_the_end() =>
        Prop.ForAll<int[]>(steps => Run(steps, fireEachStep: false))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
}
