namespace NtpRules.Engine.Tests;

public sealed class SessionOperationsTests
{
    private static Session Session(params RuleDefinition[] rules) => Network.Compile(rules).CreateSession();

    [Fact]
    public void InsertAll_inserts_nothing_when_one_fact_is_already_present()
    {
        var session = Session(TestRules.Any<Person>("r"));
        var an = new Person("An", 1);
        session.Insert(an);

        Assert.Throws<ArgumentException>(() => session.InsertAll([new Person("Binh", 2), an]));
        Assert.Equal(1, session.FactCount);
        var twice = new Person("Chi", 3);
        Assert.Throws<ArgumentException>(() => session.InsertAll([new Person("Dung", 4), twice, twice]));
        Assert.Equal(1, session.FactCount);
        Assert.Equal(1, session.AgendaCount);
        Assert.Equal(1, session.TryInsertAll([new Person("Binh", 2), an]));
        Assert.Equal(2, session.FactCount);
    }

    [Fact]
    public void UpdateAll_and_RetractAll_require_every_fact_while_try_variants_skip_missing_ones()
    {
        var seen = new List<object>();
        var session = Session(TestRules.Any<Person>("r", seen));
        var an = new Person("An", 1);
        var stranger = new Person("Stranger", 3);
        session.InsertAll([an, new Person("Binh", 2)]);
        session.Fire();

        Assert.Throws<ArgumentException>(() => session.UpdateAll([an, stranger]));
        Assert.Equal(1, session.TryUpdateAll([an, stranger]));
        Assert.Equal(1, session.Fire());
        Assert.Throws<ArgumentException>(() => session.RetractAll([an, stranger]));
        Assert.Equal(2, session.FactCount);
        Assert.Equal(1, session.TryRetractAll([an, stranger]));
        Assert.Equal(1, session.FactCount);
    }

    [Fact]
    public void Linked_fact_kept_by_the_same_object_is_updated_not_replaced()
    {
        var note = new Note("shared");
        var rule = new RuleBuilder("keep");
        rule.Match<Person>("p");
        rule.Then(ctx => ctx.UpdateLinked("n", note));
        var session = Session(rule.Build());
        var inserted = 0;
        var updated = 0;
        session.Events.FactInserted += (_, e) => inserted += e.Fact == note ? 1 : 0;
        session.Events.FactUpdated += (_, e) => updated += e.Fact == note ? 1 : 0;
        var an = new Person("An", 1);
        session.Insert(an);
        session.Fire();
        session.Update(an);
        session.Fire();

        Assert.Equal((1, 1), (inserted, updated));
        Assert.Same(note, Assert.Single(session.Query<Note>()));
    }

    [Fact]
    public void RetractLinked_removes_one_linked_fact()
    {
        var rule = new RuleBuilder("two notes");
        rule.Match<Person>("p");
        rule.Then(ctx =>
        {
            ctx.InsertLinked("a", new Note("a"));
            ctx.InsertLinked("b", new Note("b"));
            Assert.True(ctx.RetractLinked("a"));
            Assert.False(ctx.RetractLinked("missing"));
            Assert.Single(ctx.Linked);
        });
        var session = Session(rule.Build());
        session.Insert(new Person("An", 1));
        session.Fire();

        Assert.Equal(["b"], session.Query<Note>().Select(n => n.Text));
    }

    [Fact]
    public void A_failed_action_keeps_the_facts_it_linked_before()
    {
        var rule = new RuleBuilder("fails on update");
        rule.Match<Person>("p");
        rule.Then(ctx =>
        {
            if (ctx.Get<Person>(0).Age > 1) throw new InvalidOperationException("no");
            ctx.InsertLinked("n", new Note("first"));
        });
        var session = Session(rule.Build());
        var an = new Person("An", 1);
        session.Insert(an);
        session.Fire();
        an.Age = 2;
        session.Update(an);

        Assert.Throws<RuleActionException>(() => session.Fire());
        Assert.Equal(["first"], session.Query<Note>().Select(n => n.Text));
        session.Retract(an);
        Assert.Empty(session.Query<Note>());
    }

    [Fact]
    public void A_condition_failing_on_a_fact_inserted_by_an_action_surfaces_from_Fire()
    {
        var producer = new RuleBuilder("producer");
        producer.Match<Person>("p");
        producer.Then(ctx => ctx.Insert(new Order(ctx.Get<Person>(0).Name, 0)));
        var consumer = new RuleBuilder("consumer");
        consumer.Match<Order>("o", o => 1 / (int)o.Amount > 0, "1/amount>0");
        consumer.Then(_ => { });
        var session = Session(producer.Build(), consumer.Build());
        session.Insert(new Person("An", 1));

        var error = Assert.Throws<RuleConditionException>(() => session.Fire());
        Assert.Equal(["consumer"], error.Rules);
        Assert.IsType<Order>(error.Facts[0]);
        Assert.Single(session.Query<Order>());
        Assert.Equal(0, session.Fire());
    }

    [Fact]
    public void An_action_retracting_its_own_match_leaves_no_linked_fact_behind()
    {
        var rule = new RuleBuilder("self removing");
        rule.Match<Person>("p");
        rule.Then(ctx =>
        {
            ctx.InsertLinked("n", new Note("before"));
            ctx.Retract(ctx.Get<Person>(0));
            ctx.InsertLinked("m", new Note("after"));
        });
        var session = Session(rule.Build());
        session.Insert(new Person("An", 1));
        session.Fire();

        Assert.Empty(session.Query<Note>());
        Assert.Equal(0, session.FactCount);
    }

    [Fact]
    public void A_failing_action_that_removed_its_match_leaves_no_linked_fact_behind()
    {
        var rule = new RuleBuilder("removes then fails");
        rule.Match<Person>("p");
        rule.Then(ctx =>
        {
            ctx.InsertLinked("n", new Note("linked"));
            ctx.Retract(ctx.Get<Person>(0));
            throw new InvalidOperationException("after retracting");
        });
        var session = Session(rule.Build());
        session.Insert(new Person("An", 1));

        Assert.Throws<RuleActionException>(() => session.Fire());
        Assert.Empty(session.Query<Note>());
    }

    [Fact]
    public void Fire_from_inside_an_action_is_refused_and_the_session_stays_usable()
    {
        Session? session = null;
        var rule = new RuleBuilder("nested");
        rule.Match<Person>("p");
        rule.Then(_ => session!.Fire());
        session = Network.Compile([rule.Build()]).CreateSession();
        session.Insert(new Person("An", 1));

        var error = Assert.Throws<RuleActionException>(() => session.Fire());
        Assert.IsType<InvalidOperationException>(error.InnerException);
        session.Insert(new Person("Binh", 2));
        Assert.Throws<RuleActionException>(() => session.Fire());
        Assert.Equal(0, session.AgendaCount);
    }

    [Fact]
    public void Rules_with_the_same_name_do_not_compile()
    {
        Assert.Throws<ArgumentException>(() => Network.Compile([TestRules.Any<Person>("same"), TestRules.Any<Order>("same")]));
    }

    [Fact]
    public void Bindings_give_declarations_by_index_skipping_not_and_tests()
    {
        object[]? bound = null;
        var rule = new RuleBuilder("shape");
        var p = rule.Match<Person>("p");
        rule.Not(FactType.Of<Note>());
        rule.Test("always", _ => true);
        rule.Match<Order>("o").JoinOn<Person, Order>(p, x => x.Name, o => o.Owner);
        rule.Then(ctx =>
        {
            bound = ctx.Facts.ToArray();
            Assert.Same(ctx.Get<Order>("o"), ctx[1]);
        });
        var session = Session(rule.Build());
        var an = new Person("An", 1);
        var order = new Order("An", 2);
        session.InsertAll([an, order]);
        session.Fire();

        Assert.Equal([an, order], bound);
        Assert.Equal(["p", "o"], session.Network.Rules[0].Declarations);
    }
}
