namespace NtpRules.Engine.Tests;

public sealed class RecordNarrowingTests
{
    private static readonly RecordSchema Wide = new("commune",
        Enumerable.Range(0, 70).Select(i => ($"n{i}", SlotKind.Number)).Append(("name", SlotKind.Text)).Append(("at", SlotKind.Date)).Append(("ok", SlotKind.Boolean)));

    private static Record Full()
    {
        var r = Wide.NewRecord("C1");
        for (var i = 0; i < 70; i++) r.SetNumber(i, i + 0.5);
        r.SetText(70, "Xã Bản Phố");
        r.SetDate(71, new DateOnly(2024, 12, 31));
        return r; // "ok" left missing
    }

    [Fact]
    public void A_narrowed_copy_keeps_the_values_of_the_slots_kept_and_reads_the_others_as_missing()
    {
        var narrowed = Wide.Narrowed(new HashSet<int> { 3, 66, 70, 72 });

        var copy = Full().CopyNarrowed(narrowed);

        Assert.Equal(("C1", "commune"), (copy.Id, copy.Schema.Name));
        Assert.Equal(Wide.Slots, copy.Schema.Slots);
        Assert.Equal((3.5, 66.5, "Xã Bản Phố"), (copy.GetNumber(3), copy.GetNumber(66), copy.GetText(70)));
        Assert.False(copy.IsPresent(72)); // kept, but missing in the original
        foreach (var slot in new[] { 0, 4, 65, 69, 71 })
        {
            Assert.False(copy.IsPresent(slot));
            Assert.Null(copy.GetValue(slot));
        }
        Assert.Equal(0, copy.GetNumber(4));
    }

    [Fact]
    public void A_slot_not_kept_cannot_be_set_and_a_record_is_narrowed_only_under_its_own_schema()
    {
        var narrowed = Wide.Narrowed(new HashSet<int> { 3 });
        var copy = Full().CopyNarrowed(narrowed);

        Assert.Throws<InvalidOperationException>(() => copy.SetNumber(4, 1));
        copy.SetNumber(3, 7);
        Assert.Equal(7, copy.GetNumber(3));
        var other = new RecordSchema("commune", [("n0", SlotKind.Number)]);
        Assert.Throws<ArgumentException>(() => other.NewRecord("C2").CopyNarrowed(narrowed));
        Assert.Throws<ArgumentException>(() => Full().CopyNarrowed(Wide));
    }
}
