using FsCheck;
using FsCheck.Fluent;

namespace NtpRules.Engine.Tests;

/// <summary>
/// The firing order against a naive agenda: a list of (rule, fact, stamp) from which the highest priority, then the
/// highest stamp, fires. Seventy rules with three priorities end at one node, so the engine's grouped entries, its
/// queued-rule bits past the first 64 and its stale entries are all exercised by random inserts, updates, retracts and
/// partial firings.
/// </summary>
public sealed class AgendaOrderProperties
{
    private sealed class Item(int id)
    {
        public int Id { get; } = id;
    }

    private const int RuleCount = 70;
    private static int Priority(int rule) => rule % 3;

    [ThreadStatic]
    private static List<(int Rule, int Item)>? _log;

    private static readonly Network Rules = Network.Compile(Enumerable.Range(0, RuleCount).Select(i =>
    {
        var rule = new RuleBuilder($"r{i}").Priority(Priority(i));
        rule.Match<Item>("item");
        rule.Then(ctx => _log!.Add((i, ctx.Get<Item>(0).Id)));
        return rule.Build();
    }));

    private static bool Run(int[] steps)
    {
        _log = [];
        var session = Rules.CreateSession();
        var naive = new List<(int Rule, Item Item, long Stamp)>();
        var expected = new List<(int Rule, int Item)>();
        var items = new List<Item>();
        long clock = 0;
        foreach (var step in steps)
        {
            var x = Math.Abs(step % 1_000_000);
            switch (x % 4)
            {
                case 0:
                    var item = new Item(items.Count == 0 ? 0 : items.Max(i => i.Id) + 1);
                    items.Add(item);
                    session.Insert(item);
                    for (var r = 0; r < RuleCount; r++) naive.Add((r, item, ++clock));
                    break;
                case 1 when items.Count > 0:
                    var changed = items[x / 4 % items.Count];
                    session.Update(changed);
                    for (var r = 0; r < RuleCount; r++)
                    {
                        naive.RemoveAll(a => a.Rule == r && a.Item == changed);
                        naive.Add((r, changed, ++clock));
                    }
                    break;
                case 2 when items.Count > 0:
                    var gone = items[x / 4 % items.Count];
                    items.Remove(gone);
                    session.Retract(gone);
                    naive.RemoveAll(a => a.Item == gone);
                    break;
                case 3:
                    var count = 1 + x / 4 % 90;
                    session.Fire(count);
                    for (var k = 0; k < count && naive.Count > 0; k++)
                    {
                        var next = naive.OrderByDescending(a => Priority(a.Rule)).ThenByDescending(a => a.Stamp).First();
                        naive.Remove(next);
                        expected.Add((next.Rule, next.Item.Id));
                    }
                    break;
            }
            if (session.AgendaCount != naive.Count) return false;
        }
        return _log.SequenceEqual(expected);
    }

    [Fact]
    public void Firing_order_is_priority_then_recency_like_a_naive_agenda() =>
        Prop.ForAll<int[]>(Run).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
}
