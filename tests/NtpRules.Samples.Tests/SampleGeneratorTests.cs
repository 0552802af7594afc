using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace NtpRules.Samples.Tests;

public sealed class SampleGeneratorTests : IDisposable
{
    private static readonly string Root = FindRoot();
    private static string Rules => Path.Combine(Root, "rules");
    private readonly string _temp = Directory.CreateTempSubdirectory("ntp-samples-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NtpRules.sln"))) return dir.FullName;
        throw new InvalidOperationException("NtpRules.sln not found");
    }

    private static Dictionary<string, string> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*.csv", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllText);

    private SampleGeneration Generate(string name, string? rules = null, int seed = SampleGenerator.DefaultSeed) =>
        SampleGenerator.Write(rules ?? Rules, Path.Combine(_temp, name), seed);

    [Fact]
    public void The_committed_samples_are_what_the_generator_writes_from_the_current_rules()
    {
        var result = Generate("now");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var written = Files(Path.Combine(_temp, "now"));
        // A national data set generated locally (samples/national-2025, git-ignored) is not a committed sample.
        var committed = Files(Path.Combine(Root, "samples")).Where(f => !f.Key.StartsWith("national-", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(written.Keys.Order(), committed.Keys.Order());
        foreach (var (file, text) in written)
            Assert.True(text == committed[file], $"samples/{file} is out of date: run `ntp samples generate --rules rules --out samples`");
    }

    [Fact]
    public void Reports_the_calibrated_figures_for_each_data_set()
    {
        var sets = Generate("figures").Sets.ToDictionary(s => s.Name);
        var s24 = sets["lao-cai-2024"];
        Assert.Equal((126, 62, 4, 0, 1591, 12.63), (s24.Communes, s24.Ntm, s24.Advanced, s24.Model, s24.CriteriaMet, s24.AverageCriteria));
        Assert.Equal(240, s24.Households);
        var s25 = sets["lao-cai-2025"];
        Assert.Equal((80, 31, 2, 14.5), (s25.Ntm, s25.Advanced, s25.Model, s25.AverageCriteria));
        Assert.Equal(240, sets["households-2027"].Households);
    }

    [Fact]
    public void Any_seed_reaches_the_same_figures_and_a_seed_always_writes_the_same_files()
    {
        Prop.ForAll(Gen.Choose(1, 100_000).ToArbitrary(), seed =>
        {
            var a = SampleGenerator.Write(Rules, Path.Combine(_temp, $"a{seed}"), seed);
            var b = SampleGenerator.Write(Rules, Path.Combine(_temp, $"b{seed}"), seed);
            var s24 = a.Sets.Single(s => s.Name == "lao-cai-2024");
            var s25 = a.Sets.Single(s => s.Name == "lao-cai-2025");
            return a.Succeeded && (s24.Ntm, s24.Advanced, s24.CriteriaMet) == (62, 4, 1591) && (s25.Ntm, s25.Advanced, s25.CriteriaMet) == (80, 31, 1827)
                && Files(Path.Combine(_temp, $"a{seed}")).OrderBy(f => f.Key).SequenceEqual(Files(Path.Combine(_temp, $"b{seed}")).OrderBy(f => f.Key));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3));
    }

    [Fact]
    public void Calibration_follows_a_threshold_edit_in_the_rule_files()
    {
        // Raise the TDMNPB income threshold for 2024 from 45 to 47 million VND in a copy of the rules.
        var rules = Path.Combine(_temp, "rules");
        foreach (var f in Directory.EnumerateFiles(Rules, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(rules, Path.GetRelativePath(Rules, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        var ntm = Path.Combine(rules, "ntm-commune", "2021-2025.yaml");
        var text = File.ReadAllText(ntm);
        const string row = "{ effective_region: TDMNPB, year: 2024, value: 45,";
        Assert.Contains(row, text);
        File.WriteAllText(ntm, text.Replace(row, "{ effective_region: TDMNPB, year: 2024, value: 47,"));

        double[] Incomes(string samples) => File.ReadLines(Path.Combine(samples, "lao-cai-2024", "communes.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[Column(samples, "income_per_capita")], CultureInfo.InvariantCulture)).ToArray();

        var before = Generate("before");
        var after = Generate("after", rules);
        Assert.True(after.Succeeded, string.Join("\n", after.Diagnostics));
        Assert.Equal(before.Sets[0] with { HouseholdStatuses = after.Sets[0].HouseholdStatuses }, after.Sets[0]);
        // The same communes meet the income criterion (the plan does not depend on thresholds), now at the new level.
        var (was, now) = (Incomes(Path.Combine(_temp, "before")), Incomes(Path.Combine(_temp, "after")));
        Assert.Contains(was, i => i is >= 45 and < 47);
        Assert.Equal(was.Count(i => i >= 45), now.Count(i => i >= 47));
        Assert.DoesNotContain(now.Zip(was), p => (p.First >= 47) != (p.Second >= 45));
    }

    private static int Column(string samples, string name) =>
        Array.IndexOf(File.ReadLines(Path.Combine(samples, "lao-cai-2024", "communes.csv")).First().Split(','), name);

    [Fact]
    public void A_broken_rule_file_is_reported_with_its_position_and_nothing_is_written()
    {
        var rules = Path.Combine(_temp, "broken");
        Directory.CreateDirectory(Path.Combine(rules, "catalogue"));
        File.WriteAllText(Path.Combine(rules, "catalogue", "bad.yaml"), "kind: catalogue\nindicators:\n  - key: x\n    subject: commune\n    type: colour\n");
        var result = SampleGenerator.Write(rules, Path.Combine(_temp, "none"));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Location.Line > 0);
        Assert.False(Directory.Exists(Path.Combine(_temp, "none")));
    }

    [Fact]
    public void The_national_data_set_covers_every_commune_of_the_units_file_calibrated_and_reproducible()
    {
        var units = Path.Combine(_temp, "units.csv");
        File.WriteAllText(units, "province_code,province_name,unit_code,unit_name,unit_type\n" +
            string.Concat(Enumerable.Range(1, 40).Select(i => $"{(i <= 25 ? "15" : "01")},{(i <= 25 ? "Tỉnh Lào Cai" : "Thành phố Hà Nội")},{i:00000},Đơn vị {i},{(i % 10 == 0 ? "ward" : "commune")}\n")));

        var first = SampleGenerator.WriteNational(Rules, units, Path.Combine(_temp, "a"), householdsPerCommune: 20);
        var again = SampleGenerator.WriteNational(Rules, units, Path.Combine(_temp, "b"), householdsPerCommune: 20);

        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        var set = Assert.Single(first.Sets);
        Assert.Equal((36, 36 * 20), (set.Communes, set.Households));                 // the 4 wards are not NTM subjects
        Assert.Equal(Files(Path.Combine(_temp, "a")), Files(Path.Combine(_temp, "b"))); // same seed, same files
        var communes = File.ReadAllLines(Path.Combine(_temp, "a", "national-2025", "communes.csv"));
        Assert.Equal(37, communes.Length);
        Assert.Contains(communes, l => l.StartsWith("00001,Xã Đơn vị 1,15,TDMNPB,", StringComparison.Ordinal));
        Assert.Contains(communes, l => l.StartsWith("00031,Xã Đơn vị 31,01,DBSH,", StringComparison.Ordinal));
        // Calibrated per province to the national shares: Lào Cai's 23 communes give 18 NTM (79.3 %), Hà Nội's 13 give 10.
        Assert.Equal(18 + 10, set.Ntm);
        Assert.Equal(Math.Round(17.5 * 23) + Math.Round(17.5 * 13), set.CriteriaMet);
    }

    [Fact]
    public void A_missing_units_file_is_a_clear_error()
    {
        var result = SampleGenerator.WriteNational(Rules, Path.Combine(_temp, "nope.csv"), _temp, 1);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(SampleGenerator.BadUnitsFile, error.Code);
        Assert.EndsWith("nope.csv", error.Location.File);
    }
}
