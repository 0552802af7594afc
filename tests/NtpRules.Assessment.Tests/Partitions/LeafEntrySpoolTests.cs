using System.Text.Json;
using NtpRules.Assessment.Partitions;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Assessment.Tests.Partitions;

public sealed class LeafEntrySpoolTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ntp-leaf-spool-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SubjectResult Household(int i, string kind = "household") =>
        new($"H{i}", i % 5 == 0 ? $"H{i}" : $"Hộ Giàng Seo {i} — “{new string('x', i % 40)}”", kind, i % 7 == 0 ? null : $"C{i / 10}", [],
            i % 3 == 0 ? [] :
            [
                new ClassificationResult("poverty_status", i % 2 == 0 ? "poor" : "near-poor", $"income {1_000_000 + i} ≤ 1,500,000 and {i % 4} deprivations", "Decree 07/2021/NĐ-CP, art. 3"),
                new ClassificationResult("second", "none", "", ""),
            ])
        {
            Rates = i % 4 == 0 ? new HouseholdRates(i % 8 == 0 ? null : 12.34 + i, 0.1 * i, "households") : null,
        };

    private static string Json(IEnumerable<SubjectResult> subjects) => JsonSerializer.Serialize(subjects.ToList());

    [Fact]
    public void Entries_come_back_as_the_same_bytes_kind_by_kind_in_the_order_asked_each_kind_slice_by_slice()
    {
        var households = Enumerable.Range(0, 2_500).Select(i => Household(i)).ToList();
        // Texts longer than the reader's first buffers, in letters of two and three bytes, then short ones again.
        households.Insert(1_500, Household(1_500) with
        {
            Name = new string('ộ', 700),
            Classifications = [new ClassificationResult("poverty_status", "poor", new string('đ', 3_000), new string('Đ', 900))],
        });
        var villages = Enumerable.Range(0, 30).Select(i => Household(i, "village")).ToList();
        using var spool = new LeafEntrySpool(_folder);
        // Slices of the two kinds as they settle, interleaved; an empty slice adds nothing.
        spool.Add("household", households[..1000]);
        spool.Add("village", villages[..7]);
        spool.Add("household", []);
        spool.Add("household", households[1000..]);
        spool.Add("village", villages[7..]);

        Assert.Equal(households.Count + villages.Count, spool.Count);
        Assert.Equal(Json(households.Concat(villages)), Json(spool.Replay(["province", "household", "village"])));
        // Replayed once more, in another order of kinds; kinds not asked for are left out.
        Assert.Equal(Json(villages.Concat(households)), Json(spool.Replay(["village", "household"])));
        Assert.Equal(Json(villages), Json(spool.Replay(["village"])));
        Assert.Throws<InvalidOperationException>(() => spool.Add("household", [Household(1)]));
    }

    [Fact]
    public void An_entry_with_standards_is_refused_rather_than_spooled_in_part()
    {
        using var spool = new LeafEntrySpool(_folder);
        var withStandard = Household(1) with
        {
            Standards = [new StandardResult("s", "S", Verdict.Met, 1, 1, [], [], "", "")],
        };
        Assert.Throws<NotSupportedException>(() => spool.Add("household", [withStandard]));
    }

    [Fact]
    public void Households_with_long_reasons_take_a_small_part_of_their_size_on_disk()
    {
        // A household's reason repeats the case's condition and the thresholds in force; only its figures differ.
        var reason = "near-poor: income_per_person <= poverty_line and deprivation_count < deprivations_poor_min (with income_per_person = {0}, "
                     + "area = rural, dependants = {1}, household_size = 7; threshold poverty_line = 1500000 for area=rural, deprivations_poor_min = 3)";
        var households = Enumerable.Range(0, 5_000).Select(i => Household(i) with
        {
            Classifications = [new ClassificationResult("poverty_status", "near-poor", string.Format(reason, 900_000 + i * 37, i % 5), "Decree 07/2021/NĐ-CP, Article 3")],
        }).ToList();
        using var spool = new LeafEntrySpool(_folder);
        spool.Add("household", households[..2_500]);
        spool.Add("household", households[2_500..]);

        var written = households.Sum(h => h.Id.Length + (h.Name?.Length ?? 0) + h.Classifications.Sum(c => c.Reason.Length + c.Citation.Length));
        Assert.True(new FileInfo(Assert.Single(Directory.GetFiles(_folder))).Length < written / 4);
        Assert.Equal(Json(households), Json(spool.Replay(["household"])));
    }

    [Fact]
    public void The_file_is_in_the_folder_given_until_the_spool_is_disposed()
    {
        var spool = new LeafEntrySpool(_folder);
        spool.Add("household", [Household(1)]);
        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.StartsWith(LeafEntrySpool.FilePrefix, Path.GetFileName(file));
        spool.Dispose();
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
