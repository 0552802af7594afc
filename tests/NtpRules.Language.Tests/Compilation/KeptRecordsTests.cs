using FsCheck;
using FsCheck.Fluent;
using NtpRules.Engine;
using NtpRules.Language.Compilation;
using NtpRules.Language.Expressions.Evaluation;
using Record = NtpRules.Engine.Record;

namespace NtpRules.Language.Tests.Compilation;

public sealed class KeptRecordsTests
{
    private static readonly SlotKind[] Kinds = [SlotKind.Number, SlotKind.Boolean, SlotKind.Text, SlotKind.Date, SlotKind.Object];

    private static readonly RecordSchema Wide = new("commune",
        Enumerable.Range(0, 90).Select(i => ($"s{i}", Kinds[i % Kinds.Length])));

    private static readonly KeptStandard[][] Verdicts =
    [
        [new("ntm", "ntm-commune", Truth.True, 19, 19, 0)],
        [new("ntm", "ntm-commune", Truth.False, 17, 19, 1)],
        [new("ntm", "ntm-commune", Truth.True, 19, 19, 0), new("adv", "ntm-advanced-commune", Truth.Unknown, 12, 19, 7)],
    ];

    /// <summary>A record whose slots are set from <paramref name="seed"/>: about one in three missing.</summary>
    private static Record Make(int n, int seed)
    {
        var random = new Random(seed);
        var r = Wide.NewRecord($"C{n}");
        foreach (var slot in Wide.Slots)
        {
            if (random.Next(3) == 0) continue;
            switch (slot.Kind)
            {
                case SlotKind.Number: r.SetNumber(slot.Index, Math.Round(random.NextDouble() * 1000 - 500, random.Next(4))); break;
                case SlotKind.Boolean: r.SetBoolean(slot.Index, random.Next(2) == 0); break;
                case SlotKind.Text: r.SetText(slot.Index, $"P{random.Next(5)}"); break;
                case SlotKind.Date: r.SetDate(slot.Index, new DateOnly(2020, 1, 1).AddDays(random.Next(2000))); break;
                default: r.SetObject(slot.Index, random.Next(3) == 0 ? "other" : Tuple.Create(random.Next(9))); break;
            }
        }
        return r;
    }

    [Fact]
    public void Records_made_again_read_as_their_narrowed_copies_in_the_order_kept_with_their_standards()
    {
        var slots = Gen.SubListOf(Enumerable.Range(0, Wide.Slots.Count).ToArray()).Where(s => s.Count <= 64).ToArbitrary();
        Prop.ForAll(slots, Gen.Choose(0, 40).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (kept, count, seed) =>
        {
            var set = kept.ToHashSet();
            var narrowed = Wide.Narrowed(set);
            var columns = new KeptRecords(narrowed, set);
            var originals = Enumerable.Range(0, count).Select(i => Make(i, seed + i)).ToList();
            for (var i = 0; i < originals.Count; i++)
                columns.Add(1000 - i, originals[i], Verdicts[i % Verdicts.Length].ToArray(), t => t);

            var again = columns.Records().ToList();

            Assert.Equal(originals.Count, columns.Count);
            Assert.Equal(originals.Count, again.Count);
            for (var i = 0; i < originals.Count; i++)
            {
                var (order, record, standards) = again[i];
                var expected = originals[i].CopyNarrowed(narrowed);
                Assert.Equal(1000 - i, order);
                Assert.Same(narrowed, record.Schema);
                Assert.Equal(expected.Id, record.Id);
                foreach (var slot in Wide.Slots)
                {
                    Assert.Equal(expected.IsPresent(slot.Index), record.IsPresent(slot.Index));
                    Assert.Equal(expected.GetValue(slot.Index), record.GetValue(slot.Index));
                }
                Assert.Equal(Verdicts[i % Verdicts.Length], standards);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Records_with_the_same_verdicts_share_one_array_and_texts_are_shared_as_asked()
    {
        var set = new HashSet<int> { 0, 2, 7 };
        var columns = new KeptRecords(Wide.Narrowed(set), set);
        var texts = new Dictionary<string, string>();
        string Share(string t) => texts.TryGetValue(t, out var s) ? s : texts[t] = t;
        for (var i = 0; i < 4; i++)
        {
            var r = Wide.NewRecord($"C{i}");
            r.SetText(2, new string("P01".ToCharArray())); // a new instance each time, as read from a file
            columns.Add(i, r, Verdicts[0].ToArray(), Share);
        }

        var again = columns.Records().ToList();

        Assert.All(again, k => Assert.Same(again[0].Standards, k.Standards));
        Assert.All(again, k => Assert.Same(again[0].Record.GetText(2), k.Record.GetText(2)));
        Assert.True(KeptRecords.Fits(Enumerable.Range(0, 64).ToArray()));
        Assert.False(KeptRecords.Fits(Enumerable.Range(0, 65).ToArray()));
    }
}
