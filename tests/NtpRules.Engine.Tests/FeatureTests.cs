namespace NtpRules.Engine.Tests;

public sealed class FeatureTests
{
    private static Session Session(params RuleDefinition[] rules) => Network.Compile(rules).CreateSession();

    [Fact]
    public void Not_passes_while_no_matching_fact_exists_and_follows_updates()
    {
        var rule = new RuleBuilder("no orders");
        var p = rule.Match<Person>("p");
        rule.Not(FactType.Of<Order>()).JoinOn<Person, Order>(p, x => x.Name, o => o.Owner);
        rule.Then(ctx => ctx.InsertLinked("flag", new Note(ctx.Get<Person>(0).Name)));
        var session = Session(rule.Build());
        var an = new Person("An", 1);
        var order = new Order("Binh", 5);

        session.InsertAll([an, order]);
        session.Fire();
        Assert.Equal(["An"], session.Query<Note>().Select(n => n.Text));

        order.Owner = "An";
        session.Update(order);
        Assert.Empty(session.Query<Note>());

        session.Retract(order);
        session.Fire();
        Assert.Equal(["An"], session.Query<Note>().Select(n => n.Text));
    }

    [Fact]
    public void Exists_passes_once_however_many_facts_match()
    {
        var fired = 0;
        var rule = new RuleBuilder("has orders");
        var p = rule.Match<Person>("p");
        rule.Exists(FactType.Of<Order>()).JoinOn<Person, Order>(p, x => x.Name, o => o.Owner)
            .Where<Order>(o => o.Amount > 2, "amount>2");
        rule.Then(_ => fired++);
        var session = Session(rule.Build());
        var small = new Order("An", 1);
        session.InsertAll([new Person("An", 1), small, new Order("An", 3), new Order("An", 4)]);

        Assert.Equal(1, session.Fire());
        small.Amount = 10;
        session.Update(small);
        Assert.Equal(0, session.Fire());
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Aggregates_update_incrementally_on_insert_update_and_retract()
    {
        AggregateResult? seen = null;
        var rule = new RuleBuilder("totals");
        var p = rule.Match<Person>("p");
        rule.Aggregate("sum", FactType.Of<Order>(), Aggregator.Sum<Order>(o => o.Amount, "amount"))
            .JoinOn<Person, Order>(p, x => x.Name, o => o.Owner);
        rule.Then(ctx => seen = ctx.Get<AggregateResult>(1));
        var session = Session(rule.Build());
        var a = new Order("An", 2);
        var b = new Order("An", 5);
        session.InsertAll([new Person("An", 1), new Order("Binh", 100)]);

        session.Fire();
        Assert.Equal((0, 0.0), (seen!.Count, seen.Sum));
        session.InsertAll([a, b]);
        Assert.Equal(1, session.Fire());
        Assert.Equal((2, 7.0, 3.5), (seen.Count, seen.Sum, seen.Average));
        a.Amount = 10;
        session.Update(a);
        session.Fire();
        Assert.Equal(15.0, seen.Sum);
        session.Retract(b);
        session.Fire();
        Assert.Equal((1, 10.0), (seen.Count, seen.Sum));
    }

    [Fact]
    public void Large_groups_follow_updates_in_place_without_losing_sums_or_refirings()
    {
        AggregateResult? sum = null, collected = null;
        var collectFirings = 0;
        var totals = new RuleBuilder("totals");
        var p = totals.Match<Person>("p");
        totals.Aggregate("sum", FactType.Of<Order>(), Aggregator.Sum<Order>(o => o.Amount, "amount"))
            .JoinOn<Person, Order>(p, x => x.Name, o => o.Owner);
        totals.Then(ctx => sum = ctx.Get<AggregateResult>(1));
        var all = new RuleBuilder("all");
        p = all.Match<Person>("p");
        all.Aggregate("orders", FactType.Of<Order>(), Aggregator.Collect()).JoinOn<Person, Order>(p, x => x.Name, o => o.Owner);
        all.Then(ctx => { collected = ctx.Get<AggregateResult>(1); collectFirings++; });
        var session = Session(totals.Build(), all.Build());
        var orders = Enumerable.Range(1, 100).Select(i => new Order("An", i)).ToList();
        session.Insert(new Person("An", 1));
        session.InsertAll(orders);
        session.Fire();
        Assert.Equal((100, 5050.0), (sum!.Count, sum.Sum));

        // Every update in place is seen: the sum follows the value, the collecting rule fires again, the items stay.
        for (var round = 1; round <= 3; round++)
        {
            collectFirings = 0;
            orders[10].Amount += 100;
            session.Update(orders[10]);
            orders[20].Amount = orders[20].Amount;
            session.Update(orders[20]);
            session.Fire();
            Assert.Equal(5050.0 + 100 * round, sum.Sum);
            Assert.Equal(1, collectFirings);
            Assert.Equal(orders, collected!.Items.Cast<Order>());
        }

        // A fact leaving the group by its key, and one leaving by retraction, are both reflected.
        orders[0].Owner = "Binh";
        session.Update(orders[0]);
        session.Retract(orders[1]);
        session.Fire();
        Assert.Equal((98, 5050.0 + 300 - 3), (sum.Count, sum.Sum));
        Assert.Equal(98, collected!.Items.Count);
    }

    [Theory]
    [InlineData(AggregateKind.Min, 1.0)]
    [InlineData(AggregateKind.Max, 9.0)]
    [InlineData(AggregateKind.Average, 5.0)]
    [InlineData(AggregateKind.Count, 3.0)]
    public void Aggregate_kinds_compute_their_value(AggregateKind kind, double expected)
    {
        Func<Order, double> amount = o => o.Amount;
        var aggregator = kind switch
        {
            AggregateKind.Min => Aggregator.Min(amount),
            AggregateKind.Max => Aggregator.Max(amount),
            AggregateKind.Average => Aggregator.Average(amount),
            _ => Aggregator.Count(),
        };
        double? value = null;
        var rule = new RuleBuilder("agg");
        rule.Aggregate("a", FactType.Of<Order>(), aggregator);
        rule.Then(ctx => value = ctx.Get<AggregateResult>(0).Value);
        var session = Session(rule.Build());
        session.InsertAll([new Order("x", 5), new Order("y", 1), new Order("z", 9)]);
        session.Fire();
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Grouped_aggregate_binds_one_result_per_non_empty_group()
    {
        var rule = new RuleBuilder("per owner");
        rule.Aggregate("g", FactType.Of<Order>(), Aggregator.Collect()).GroupBy<Order>(o => o.Owner, "owner");
        rule.Then(ctx =>
        {
            var g = ctx.Get<AggregateResult>(0);
            ctx.InsertLinked("total", new Note($"{g.Key}:{g.Items.Count}"));
        });
        var session = Session(rule.Build());
        var moving = new Order("An", 1);
        session.InsertAll([moving, new Order("An", 2), new Order("Binh", 3)]);
        session.Fire();
        Assert.Equal(["An:2", "Binh:1"], session.Query<Note>().Select(n => n.Text).Order());

        moving.Owner = "Chi";
        session.Update(moving);
        session.Fire();
        Assert.Equal(["An:1", "Binh:1", "Chi:1"], session.Query<Note>().Select(n => n.Text).Order());

        session.RetractAll(session.Query<Order>().Where(o => o.Owner != "Chi").ToArray());
        session.Fire();
        Assert.Equal(["Chi:1"], session.Query<Note>().Select(n => n.Text));
    }

    [Fact]
    public void Agenda_orders_by_priority_then_recency()
    {
        var order = new List<string>();
        RuleDefinition Rule(string name, int priority)
        {
            var r = new RuleBuilder(name).Priority(priority);
            r.Match<Person>("p");
            r.Then(ctx => order.Add($"{name}:{ctx.Get<Person>(0).Name}"));
            return r.Build();
        }
        var session = Session(Rule("low", 0), Rule("high", 5));
        session.Insert(new Person("first", 1));
        session.Insert(new Person("second", 1));

        session.Fire();

        Assert.Equal(["high:second", "high:first", "low:second", "low:first"], order);
    }

    [Fact]
    public void Many_rules_on_one_match_are_each_queued_once_and_again_after_a_change()
    {
        // 150 rules end at the same node, beyond the 64 whose queued state fits in one word.
        var fired = new Dictionary<string, int>();
        var rules = Enumerable.Range(0, 150).Select(i =>
        {
            var r = new RuleBuilder($"r{i}");
            r.Match<Person>("p");
            r.Then(ctx =>
            {
                var key = $"r{i}:{ctx.Get<Person>(0).Name}";
                fired[key] = fired.GetValueOrDefault(key) + 1;
                ctx.InsertLinked("note", new Note(key + ":" + ctx.Get<Person>(0).Age));
            });
            return r.Build();
        }).ToArray();
        var session = Session(rules);
        var people = new[] { new Person("a", 1), new Person("b", 2), new Person("c", 3) };
        session.InsertAll(people);
        Assert.Equal(450, session.AgendaCount);

        Assert.Equal(100, session.Fire(maxRules: 100));
        session.Update(people[0]);
        session.Update(people[0]);
        Assert.Equal(350 + fired.Keys.Count(k => k.EndsWith(":a", StringComparison.Ordinal)), session.AgendaCount);
        session.Retract(people[1]);
        Assert.Equal(200, session.AgendaCount);
        Assert.Equal(200, session.Fire());

        Assert.Equal(300, fired.Count(kv => !kv.Key.EndsWith(":b", StringComparison.Ordinal)));
        Assert.All(fired.Where(kv => kv.Key.EndsWith(":c", StringComparison.Ordinal)), kv => Assert.Equal(1, kv.Value));
        people[0].Age = 9;
        session.Update(people[0]);
        Assert.Equal(150, session.Fire());
        var notes = session.Query<Note>().Select(n => n.Text).ToHashSet();
        Assert.Equal(300, notes.Count);
        Assert.All(Enumerable.Range(0, 150), i =>
        {
            Assert.Contains($"r{i}:a:9", notes);
            Assert.Contains($"r{i}:c:3", notes);
        });
    }

    [Fact]
    public void Refraction_fires_again_only_after_the_match_changed()
    {
        var fired = 0;
        var rule = new RuleBuilder("r");
        rule.Match<Person>("p", p => p.Age > 10, "age>10");
        rule.Then(_ => fired++);
        var session = Session(rule.Build());
        var an = new Person("An", 20);
        session.Insert(an);
        session.Fire();
        session.Fire();
        Assert.Equal(1, fired);

        session.Update(an);
        session.Fire();
        Assert.Equal(2, fired);

        an.Age = 5;
        session.Update(an);
        an.Age = 30;
        session.Update(an);
        session.Fire();
        Assert.Equal(3, fired);
    }

    [Fact]
    public void Fire_stops_at_the_maximum_and_honours_cancellation()
    {
        var session = Session(TestRules.Any<Person>("r"));
        session.InsertAll(Enumerable.Range(0, 5).Select(i => (object)new Person($"p{i}", i)));

        Assert.Equal(2, session.Fire(maxRules: 2));
        Assert.Equal(3, session.AgendaCount);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => session.Fire(cancellationToken: cancelled.Token));
        Assert.Equal(3, session.Fire());
    }

    [Fact]
    public void Linked_facts_follow_their_match()
    {
        var rule = new RuleBuilder("grade");
        rule.Match<Person>("p");
        rule.Then(ctx =>
        {
            var p = ctx.Get<Person>(0);
            ctx.InsertLinked("grade", new Note($"{p.Name}:{(p.Age >= 18 ? "adult" : "minor")}"));
            if (p.Age >= 65) ctx.InsertLinked("senior", new Note($"{p.Name}:senior"));
        });
        var session = Session(rule.Build());
        var an = new Person("An", 70);
        session.Insert(an);
        session.Fire();
        Assert.Equal(["An:adult", "An:senior"], session.Query<Note>().Select(n => n.Text).Order());

        an.Age = 10;
        session.Update(an);
        session.Fire();
        Assert.Equal(["An:minor"], session.Query<Note>().Select(n => n.Text));

        session.Retract(an);
        Assert.Empty(session.Query<Note>());
    }

    [Fact]
    public void Linked_facts_chain_through_rules()
    {
        var first = new RuleBuilder("note");
        first.Match<Person>("p", p => p.Age >= 18, "adult");
        first.Then(ctx => ctx.InsertLinked(1, new Note(ctx.Get<Person>(0).Name)));
        var second = new RuleBuilder("order");
        second.Match<Note>("n");
        second.Then(ctx => ctx.InsertLinked(1, new Order(ctx.Get<Note>(0).Text, 1)));
        var session = Session(first.Build(), second.Build());
        var an = new Person("An", 20);
        session.Insert(an);
        session.Fire();
        Assert.Single(session.Query<Order>());

        an.Age = 3;
        session.Update(an);
        Assert.Empty(session.Query<Note>());
        Assert.Empty(session.Query<Order>());
    }

    [Fact]
    public void First_element_may_be_an_aggregate_or_a_not()
    {
        var counts = new RuleBuilder("count");
        counts.Aggregate("n", FactType.Of<Person>(), Aggregator.Count());
        counts.Test("n>1", b => b.Get<AggregateResult>(0).Count > 1);
        counts.Then(ctx => ctx.InsertLinked("n", new Note("many")));
        var none = new RuleBuilder("none");
        none.Not(FactType.Of<Person>());
        none.Then(ctx => ctx.InsertLinked("n", new Note("none")));
        var session = Session(counts.Build(), none.Build());
        session.Fire();
        Assert.Equal(["none"], session.Query<Note>().Select(n => n.Text));

        session.InsertAll([new Person("a", 1), new Person("b", 2)]);
        session.Fire();
        Assert.Equal(["many"], session.Query<Note>().Select(n => n.Text));
    }

    [Fact]
    public void Join_key_changes_move_facts_between_partners()
    {
        var rule = new RuleBuilder("pair");
        var p = rule.Match<Person>("p");
        rule.Match<Order>("o").JoinOn<Person, Order>(p, x => x.Name, o => o.Owner);
        rule.Then(ctx => ctx.InsertLinked(0, new Note($"{ctx.Get<Person>(0).Name}-{ctx.Get<Order>(1).Amount}")));
        var session = Session(rule.Build());
        var order = new Order("An", 1);
        session.InsertAll([new Person("An", 1), new Person("Binh", 1), order]);
        session.Fire();
        Assert.Equal(["An-1"], session.Query<Note>().Select(n => n.Text));

        order.Owner = "Binh";
        session.Update(order);
        session.Fire();
        Assert.Equal(["Binh-1"], session.Query<Note>().Select(n => n.Text));
    }

    [Fact]
    public void Record_patterns_match_their_schema_and_read_slots_by_index()
    {
        var commune = new RecordSchema("commune", [("income", SlotKind.Number), ("name", SlotKind.Text), ("paved", SlotKind.Boolean)]);
        var district = new RecordSchema("district", [("income", SlotKind.Number)]);
        var income = commune.IndexOf("income");
        var seen = new List<string>();
        var rule = new RuleBuilder("rich");
        rule.Pattern("c", commune).Where("income>=40", f => ((Record)f).IsPresent(income) && ((Record)f).GetNumber(income) >= 40);
        rule.Then(ctx => seen.Add(ctx.Get<Record>(0).Id));
        var session = Session(rule.Build());
        var rich = commune.NewRecord("c1");
        rich.SetNumber(income, 45);
        var unknown = commune.NewRecord("c2");
        var otherSchema = district.NewRecord("d1");
        otherSchema.SetNumber(0, 99);

        session.InsertAll([rich, unknown, otherSchema]);
        session.Fire();
        Assert.Equal(["c1"], seen);

        unknown.SetNumber(income, 50);
        session.Update(unknown);
        session.Fire();
        Assert.Equal(["c1", "c2"], seen);
    }

    [Fact]
    public void Records_store_typed_slots_with_presence()
    {
        var schema = new RecordSchema("s", Enumerable.Range(0, 70).Select(i => ($"n{i}", i == 1 ? SlotKind.Text : i == 2 ? SlotKind.Date : i == 3 ? SlotKind.Boolean : SlotKind.Number)));
        var r = schema.NewRecord("x");
        Assert.False(r.IsPresent(0));
        Assert.Null(r.GetValue(0));
        r.SetNumber(0, 1.5);
        r.SetText(1, "a");
        r.SetDate(2, new DateOnly(2025, 1, 2));
        r.SetBoolean(3, true);
        r.SetNumber(69, 7);
        Assert.Equal((1.5, "a", new DateOnly(2025, 1, 2), true, 7.0), (r.GetNumber(0), r.GetText(1), r.GetDate(2), r.GetBoolean(3), r.GetNumber(69)));
        Assert.True(r.IsPresent(69));
        Assert.False(r.IsPresent(68));
        r.Clear(69);
        r.SetText(1, null);
        Assert.False(r.IsPresent(69));
        Assert.False(r.IsPresent(1));
        Assert.Throws<InvalidOperationException>(() => r.GetNumber(1));
        Assert.Equal(69, schema.IndexOf("n69"));
        Assert.Equal(-1, schema.IndexOf("nope"));
    }

    [Fact]
    public void Identical_conditions_share_alpha_nodes_and_first_patterns_share_adapters()
    {
        RuleDefinition Rule(string name, string key)
        {
            var r = new RuleBuilder(name);
            r.Match<Person>("p", p => p.Age > 1, key);
            r.Then(_ => { });
            return r.Build();
        }
        var shared = Network.Compile([Rule("a", "age>1"), Rule("b", "age>1"), Rule("c", "age>1")]).Statistics;
        var distinct = Network.Compile([Rule("a", "k1"), Rule("b", "k2"), Rule("c", "k3")]).Statistics;

        Assert.Equal((1, 1, 1), (shared.AlphaNodes, shared.AlphaMemories, shared.BetaNodes));
        Assert.Equal((3, 3, 3), (distinct.AlphaNodes, distinct.AlphaMemories, distinct.BetaNodes));
    }

    [Fact]
    public void Events_report_facts_activations_firings_and_conditions()
    {
        var rule = new RuleBuilder("adult");
        rule.Match<Person>("p", p => p.Age >= 18, "age>=18");
        rule.Then(_ => { });
        var session = Session(rule.Build());
        var log = new List<string>();
        var e = session.Events;
        e.FactInserted += (_, a) => log.Add($"inserted {a.Fact}");
        e.FactUpdated += (_, a) => log.Add($"updated {a.Fact}");
        e.FactRetracted += (_, a) => log.Add($"retracted {a.Fact}");
        e.ActivationCreated += (_, a) => log.Add($"created {a.Rule.Name} {a.Facts[0]}");
        e.ActivationUpdated += (_, a) => log.Add($"updated {a.Rule.Name}");
        e.ActivationDeleted += (_, a) => log.Add($"deleted {a.Rule.Name}");
        e.RuleFiring += (_, a) => log.Add($"firing {a.Rule.Name}");
        e.RuleFired += (_, a) => log.Add($"fired {a.Rule.Name}");
        e.ConditionEvaluated += (_, a) => log.Add($"condition {a.Condition} {a.Arguments[0]} {a.Result}");
        var an = new Person("An", 20);

        session.Insert(an);
        session.Fire();
        session.Update(an);
        session.Retract(an);

        Assert.Equal([
            "inserted Person(An,20)", "condition age>=18 Person(An,20) True", "created adult Person(An,20)",
            "firing adult", "fired adult",
            "condition age>=18 Person(An,20) True", "updated Person(An,20)", "updated adult",
            "retracted Person(An,20)", "deleted adult"], log);
    }

    [Fact]
    public void Join_conditions_are_traced_with_the_bound_facts_and_the_candidate()
    {
        var rule = new RuleBuilder("bigger order");
        var p = rule.Match<Person>("p");
        rule.Match<Order>("o").JoinOn<Person, Order>(p, x => x.Name, o => o.Owner, "o.owner=p.name")
            .WhereJoined("o.amount>p.age", (b, o) => ((Order)o).Amount > b.Get<Person>(0).Age);
        rule.Then(_ => { });
        var session = Session(rule.Build());
        var traced = new List<string>();
        session.Events.ConditionEvaluated += (_, e) => traced.Add($"{e.Condition} [{string.Join(" ", e.Arguments)}] {e.Result}");
        var an = new Person("An", 5);
        var small = new Order("An", 3);
        var other = new Order("Binh", 9);

        session.InsertAll([an, small, other]);

        Assert.Equal(["o.owner=p.name [Person(An,5) Order(An,3)] True", "o.amount>p.age [Person(An,5) Order(An,3)] False"], traced);
    }

    [Fact]
    public void A_failing_condition_is_reported_with_rule_and_fact_and_the_session_stays_usable()
    {
        var rule = new RuleBuilder("fragile");
        rule.Match<Person>("p", p => 10 / p.Age > 1, "10/age>1");
        rule.Then(_ => { });
        var session = Session(rule.Build());
        var zero = new Person("Zero", 0);

        var error = Assert.Throws<RuleConditionException>(() => session.Insert(zero));
        Assert.Equal(["fragile"], error.Rules);
        Assert.Equal("10/age>1", error.Condition);
        Assert.Same(zero, error.Facts[0]);
        Assert.IsType<DivideByZeroException>(error.InnerException);
        Assert.True(session.Contains(zero));

        session.Insert(new Person("Two", 2));
        Assert.Equal(1, session.Fire());
        zero.Age = 1;
        session.Update(zero);
        Assert.Equal(1, session.Fire());
    }

    [Fact]
    public void A_failing_action_is_reported_and_firing_can_continue()
    {
        var rule = new RuleBuilder("picky");
        rule.Match<Person>("p");
        rule.Then(ctx =>
        {
            if (ctx.Get<Person>(0).Name == "bad") throw new InvalidOperationException("boom");
            ctx.Insert(new Note(ctx.Get<Person>(0).Name));
        });
        var session = Session(rule.Build());
        var bad = new Person("bad", 1);
        session.InsertAll([new Person("a", 1), bad, new Person("b", 1)]);

        var error = Assert.Throws<RuleActionException>(() => session.Fire());
        Assert.Equal("picky", error.Rule.Name);
        Assert.Same(bad, error.Facts[0]);
        Assert.Equal("boom", error.InnerException!.Message);
        session.Fire();
        Assert.Equal(2, session.Query<Note>().Count);

        var handled = new List<RuleActionException>();
        session.Events.ActionFailed += (_, a) => { handled.Add(a.Exception); a.IsHandled = true; };
        session.Update(bad);
        Assert.Equal(1, session.Fire());
        Assert.Single(handled);
    }

    [Fact]
    public void One_network_serves_parallel_sessions()
    {
        var rule = new RuleBuilder("pairs");
        var p = rule.Match<Person>("p");
        rule.Match<Order>("o").JoinOn<Person, Order>(p, x => x.Name, o => o.Owner);
        rule.Then(ctx => ctx.Insert(new Note(ctx.Get<Person>(0).Name)));
        var network = Network.Compile([rule.Build()]);

        var counts = Enumerable.Range(0, 8).AsParallel().Select(i =>
        {
            var session = network.CreateSession();
            for (var k = 0; k < 200; k++)
            {
                session.Insert(new Person($"p{k}", k));
                for (var j = 0; j <= i; j++) session.Insert(new Order($"p{k}", j));
            }
            session.Fire();
            return session.Query<Note>().Count;
        }).ToArray();

        Assert.Equal(Enumerable.Range(1, 8).Select(i => i * 200), counts.Order());
    }
}
