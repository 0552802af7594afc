namespace NtpRules.Engine.Tests;

public sealed class SessionBasicsTests
{
    [Fact]
    public void One_pattern_rule_fires_once_per_matching_fact()
    {
        var fired = new List<string>();
        var rule = new RuleBuilder("adults");
        rule.Match<Person>("p", p => p.Age >= 18);
        rule.Then(ctx => fired.Add(ctx.Get<Person>(0).Name));
        var session = Network.Compile([rule.Build()]).CreateSession();

        session.InsertAll([new Person("An", 30), new Person("Binh", 12), new Person("Chi", 18)]);

        Assert.Equal(2, session.Fire());
        Assert.Equal(["An", "Chi"], fired.Order());
        Assert.Equal(0, session.Fire());
    }

    [Fact]
    public void Patterns_match_base_types_and_interfaces()
    {
        var seen = new List<object>();
        var people = new RuleBuilder("people");
        people.Pattern("p", FactType.Of<Person>());
        people.Then(ctx => seen.Add(ctx[0]));
        var owned = new RuleBuilder("owned");
        owned.Pattern("o", FactType.Of<IHasOwner>());
        owned.Then(ctx => seen.Add(ctx[0]));
        var session = Network.Compile([people.Build(), owned.Build()]).CreateSession();
        var employee = new Employee("An", 30, "VNPT");
        var order = new Order("An", 10);

        session.InsertAll([employee, order, new Note("x")]);
        session.Fire();

        Assert.Equal(2, seen.Count);
        Assert.Contains(employee, seen);
        Assert.Contains(order, seen);
    }

    [Fact]
    public void Equality_join_pairs_only_matching_keys()
    {
        var pairs = new List<(string, double)>();
        var rule = new RuleBuilder("orders of person");
        var person = rule.Match<Person>("p");
        rule.Match<Order>("o").JoinOn<Person, Order>(person, p => p.Name, o => o.Owner);
        rule.Then(ctx => pairs.Add((ctx.Get<Person>(0).Name, ctx.Get<Order>(1).Amount)));
        var session = Network.Compile([rule.Build()]).CreateSession();

        session.InsertAll([new Order("An", 1), new Person("An", 30), new Person("Binh", 20), new Order("Binh", 2),
            new Order("Chi", 3), new Order("An", 4)]);
        session.Fire();

        Assert.Equal([("An", 1.0), ("An", 4.0), ("Binh", 2.0)], pairs.Order());
    }

    [Fact]
    public void Insert_twice_fails_and_try_variants_report_presence()
    {
        var session = Network.Compile([TestRules.Any<Person>("r")]).CreateSession();
        var an = new Person("An", 1);

        Assert.True(session.TryInsert(an));
        Assert.False(session.TryInsert(an));
        Assert.Throws<ArgumentException>(() => session.Insert(an));
        Assert.True(session.TryUpdate(an));
        Assert.True(session.TryRetract(an));
        Assert.False(session.TryRetract(an));
        Assert.False(session.TryUpdate(an));
        Assert.Throws<ArgumentException>(() => session.Retract(an));
        Assert.Equal(0, session.FactCount);
    }

    [Fact]
    public void Query_returns_facts_by_type_and_records_by_schema()
    {
        var schema = new RecordSchema("commune", [("income", SlotKind.Number)]);
        var other = new RecordSchema("district", [("income", SlotKind.Number)]);
        var session = Network.Compile([TestRules.Any<Person>("r")]).CreateSession();
        var commune = schema.NewRecord("c1");
        session.InsertAll([new Employee("An", 1, "x"), new Person("Binh", 2), commune, other.NewRecord("d1")]);

        Assert.Equal(2, session.Query<Person>().Count);
        Assert.Single(session.Query<Employee>());
        Assert.Equal([commune], session.Query(schema));
        Assert.Equal(2, session.Query<Record>().Count);
    }
}

internal static class TestRules
{
    /// <summary>A rule matching every fact of type T, recording what it saw.</summary>
    public static RuleDefinition Any<T>(string name, List<object>? seen = null)
    {
        var rule = new RuleBuilder(name);
        rule.Match<T>("x");
        rule.Then(ctx => seen?.Add(ctx[0]));
        return rule.Build();
    }
}
