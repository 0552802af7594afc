using FsCheck;
using FsCheck.Fluent;

namespace NtpRules.Engine.Tests;

/// <summary>Equality conditions sharing a selector (<see cref="FactCondition.Equal"/>), decided by one lookup.</summary>
public sealed class AlphaSwitchTests
{
    private sealed class Outcome(string set, int criterion, bool met)
    {
        public string Set { get; set; } = set;
        public int Criterion { get; } = criterion;
        public bool Met { get; } = met;
    }

    private static readonly string[] Sets = ["ntm", "advanced", "model"];

    /// <summary>One rule per (set, criterion) counting its met outcomes; with <paramref name="switched"/> the
    /// criterion is chosen by equality conditions, otherwise by plain tests.</summary>
    private static Network Rules(bool switched) => Network.Compile(Sets.SelectMany(set => Enumerable.Range(0, 6).Select(k =>
    {
        var rule = new RuleBuilder($"{set}-{k}");
        var element = rule.Aggregate("n", FactType.Of<Outcome>(), Aggregator.Count());
        if (switched)
            element.Where(FactCondition.Equal("outcome.criterion", f => (((Outcome)f).Set, ((Outcome)f).Criterion), (set, k)));
        else
            element.Where($"outcome.criterion is {set}-{k}", f => f is Outcome o && o.Set == set && o.Criterion == k);
        element.Where<Outcome>(o => o.Met, "met");
        rule.Then(ctx => ctx.InsertLinked("count", new Count($"{set}-{k}", ctx.Get<AggregateResult>(0).Count)));
        return rule.Build();
    })));

    private sealed record Count(string Rule, int Value);

    [Fact]
    public void Equality_conditions_on_one_selector_share_a_switch()
    {
        var statistics = Rules(switched: true).Statistics;
        Assert.Equal(1, statistics.AlphaSwitches);
        Assert.Equal(0, Rules(switched: false).Statistics.AlphaSwitches);
    }

    [Fact]
    public void Switched_and_tested_conditions_reach_the_same_results() =>
        Prop.ForAll<int[]>(steps =>
        {
            var sessions = new[] { Rules(switched: true).CreateSession(), Rules(switched: false).CreateSession() };
            var outcomes = new List<Outcome>();
            foreach (var step in steps)
            {
                var x = Math.Abs(step % 100_000);
                if (x % 3 != 2 || outcomes.Count == 0)
                {
                    var outcome = new Outcome(Sets[x % 3], x / 3 % 7, x % 5 != 0); // criterion 6 has no rule
                    outcomes.Add(outcome);
                    foreach (var s in sessions) s.Insert(outcome);
                }
                else
                {
                    var moved = outcomes[x / 3 % outcomes.Count];
                    moved.Set = Sets[(Array.IndexOf(Sets, moved.Set) + 1) % 3];
                    foreach (var s in sessions) s.Update(moved);
                }
            }
            var results = sessions.Select(s =>
            {
                s.Fire();
                return s.Query<Count>().OrderBy(c => c.Rule).Select(c => $"{c.Rule}:{c.Value}").ToList();
            }).ToArray();
            var expected = Sets.SelectMany(set => Enumerable.Range(0, 6).Select(k =>
                $"{set}-{k}:{outcomes.Count(o => o.Set == set && o.Criterion == k && o.Met)}")).Order().ToList();
            return results[0].SequenceEqual(expected) && results[1].SequenceEqual(expected);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));

    [Fact]
    public void A_traced_session_reports_every_equality_condition_and_a_failing_selector_is_reported_once()
    {
        var session = Rules(switched: true).CreateSession();
        var evaluated = new List<string?>();
        session.Events.ConditionEvaluated += (_, e) => evaluated.Add(e.Condition);
        session.Insert(new Outcome("ntm", 2, true));
        Assert.Equal(18, evaluated.Count(k => k!.StartsWith("outcome.criterion == ", StringComparison.Ordinal)));

        var failing = new RuleBuilder("a");
        failing.Match<Outcome>("o").Where(FactCondition.Equal("bad", _ => throw new InvalidOperationException("boom"), 1));
        failing.Then(_ => { });
        var other = new RuleBuilder("b");
        other.Match<Outcome>("o").Where(FactCondition.Equal("bad", _ => throw new InvalidOperationException("boom"), 2));
        other.Then(_ => { });
        var broken = Network.Compile([failing.Build(), other.Build()]).CreateSession();
        var error = Assert.Throws<RuleConditionException>(() => broken.Insert(new Outcome("ntm", 1, true)));
        Assert.Equal(["a", "b"], error.Rules.Order());
        Assert.Equal(0, broken.Fire());
    }
}
