using System.Text.RegularExpressions;
using System.Security.Cryptography;
using System.Text;
using NtpRules.Language.Documents;
using NtpRules.Language.Explanations;
using NtpRules.Language.Library;
using NtpRules.Language.Testing;

namespace NtpRules.Language.Tests.Library;

public class RuleLibraryTests
{
    private static RuleLibrary Lib => TestYaml.Library;

    [Fact]
    public void The_sample_rules_folder_loads_without_errors()
    {
        Assert.DoesNotContain(Lib.Diagnostics, d => d.IsError);
        Assert.Equal(["household-poverty", "ntm-commune"], Lib.RuleSetIds.Order());
        Assert.Equal(2, Lib.VersionsOf("ntm-commune").Count);
        Assert.Single(Lib.Tests);
        Assert.Equal(4, Lib.Catalogue.Subjects.Count);
        Assert.Equal(["household"], Lib.Catalogue.ChildKinds("commune"));
    }

    [Fact]
    public void Every_file_read_is_listed_with_the_sha256_of_its_bytes()
    {
        Assert.Equal(6, Lib.Files.Count);
        foreach (var f in Lib.Files)
        {
            var onDisk = File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(TestPaths.Rules)!, f.Path));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(onDisk)), f.Sha256);
        }
        Assert.Contains(Lib.Files, f => f.Path == "TestRules/ntm-commune/2021-2025.yaml");
    }

    [Fact]
    public void Loaded_rule_set_keeps_fields_and_expression_positions()
    {
        var set = Lib.VersionsOf("ntm-commune")[0];
        Assert.Equal("2021-2025", set.Version);
        Assert.Equal(new DateRange(new DateOnly(2022, 3, 8), new DateOnly(2026, 2, 14)), set.Effective);
        Assert.Equal("National criteria for new-rural communes", set.Title.Get("en"));
        var (criterion, ind) = set.AllIndicators.First();
        Assert.Equal("c03", criterion.Id);
        Assert.Equal(3, criterion.Number);
        Assert.Equal("irrigated_land_pct >= irrigation_min", ind.Condition.Text);
        Assert.Equal((37, 20), (ind.Condition.Location.Line, ind.Condition.Location.Column));
        Assert.Equal("commune", ind.Subject);
        var applies = set.AllIndicators.ElementAt(1).Indicator.AppliesIf!;
        Assert.Equal("has_craft_village", applies.Text);
        Assert.Null(set.Standards[0].Criteria);
        Assert.Equal(["c03"], set.Standards[0].CriteriaIn(set));
    }

    [Fact]
    public void Parameter_rows_keep_keys_values_dates_and_confidence()
    {
        var income = Lib.VersionsOf("ntm-commune")[0].FindParameter("income_min")!;
        Assert.Equal(["region", "year"], income.Keys);
        var row = income.Values[1];
        Assert.Equal("TDMNPB", row.KeyValues["region"]);
        Assert.Equal("2025", row.KeyValues["year"]);
        Assert.Equal(42.0, row.Value);
        Assert.Equal(Confidence.Provisional, row.Confidence);
        Assert.Equal(new DateRange(new(2025, 1, 1), new(2025, 12, 31)), row.Effective);
        Assert.Equal("region=TDMNPB, year=2025", row.KeyText(income.Keys));
    }

    [Fact]
    public void Test_files_apply_fixtures_and_keep_expectation_lines()
    {
        var test = Lib.Tests[0];
        Assert.Equal("ntm-commune", test.RuleSetId);
        var first = test.Cases[0];
        Assert.Equal(new DateOnly(2024, 6, 30), first.AsOf);
        var c1 = Assert.Single(first.Subjects);
        Assert.Equal(70.0, c1.Values["irrigated_land_pct"].Value);   // own value overrides the fixture's 85
        Assert.Equal("TDMNPB", c1.Values["region"].Value);           // from the fixture
        Assert.Equal(true, c1.Values["disaster_4_on_the_spot"].Value);
        var ind = first.Expectations.Single(e => e.Kind == ExpectationKind.Indicator);
        Assert.Equal(("3.1", Verdict.Met, 12), (ind.Key, ind.Verdict, ind.Location.Line));
        Assert.Equal(1, first.Expectations.Single(e => e.Kind == ExpectationKind.CriteriaMet).Count);
        Assert.Equal(["70", "irrigation_min"], first.Expectations.Single(e => e.Kind == ExpectationKind.Reason).Fragments);

        var second = test.Cases[1];
        Assert.Equal(new DateOnly(2026, 3, 1), second.AsOf);
        Assert.Null(second.Subjects[0].Values["irrigated_land_pct"].Value);  // null = missing
        Assert.Equal(Verdict.Unknown, second.Expectations[0].Verdict);
    }

    [Fact]
    public void Parameter_listing_counts_confirmed_and_provisional_values()
    {
        var all = Lib.Parameters();
        Assert.Equal(13, all.Rows.Count);
        Assert.Equal(5, all.Confirmed);
        Assert.Equal(8, all.Provisional);
        var on = Lib.Parameters(new DateOnly(2024, 6, 30));
        Assert.DoesNotContain(on.Rows, r => r.Keys == "region=TDMNPB, year=2025" && r.InForce);
        Assert.Contains(on.Rows, r => r.Parameter == "poverty_line" && r.InForce);
    }

    [Fact]
    public void The_repository_rules_folder_loads_and_checks_without_errors()
    {
        var lib = RuleLibrary.LoadDirectory(TestPaths.RepositoryRules);
        Assert.True(!lib.HasErrors, string.Join("\n", lib.Diagnostics.Where(d => d.IsError).Take(20)));
        Assert.Contains("ntm-commune", lib.RuleSetIds);
        Assert.NotNull(lib.InForce("ntm-commune", new DateOnly(2024, 6, 30)));
        Assert.Equal(Directory.EnumerateFiles(TestPaths.RepositoryRules, "*.yaml", SearchOption.AllDirectories).Count(), lib.Files.Count);
        Assert.All(lib.RuleSets.SelectMany(s => s.AllIndicators), x => Assert.NotNull(lib.Checked(x.Indicator.Condition)));
    }

    [Theory]
    [InlineData("ntm-commune/2021-2025.yaml")]
    [InlineData("ntm-advanced-commune/2021-2025.yaml")]
    public void A_bad_effective_date_is_one_error_not_a_cascade_through_tests_and_referring_sets(string file)
    {
        var dir = Directory.CreateTempSubdirectory("ntp-rules-");
        try
        {
            foreach (var f in Directory.EnumerateFiles(TestPaths.RepositoryRules, "*.yaml", SearchOption.AllDirectories))
            {
                var target = Path.Combine(dir.FullName, Path.GetRelativePath(TestPaths.RepositoryRules, f));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(f, target);
            }
            var broken = Path.Combine(dir.FullName, file);
            File.WriteAllText(broken, Regex.Replace(File.ReadAllText(broken), @"effective: \{ from: (\d{4})-\d\d-(\d\d)", "effective: { from: $1-13-$2"));

            var lib = RuleLibrary.LoadDirectory(dir.FullName);

            var error = Assert.Single(lib.Diagnostics, d => d.IsError);
            Assert.Equal("NTP1104", error.Code);
            Assert.EndsWith(file, error.Location.File);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Unreadable_files_are_reported_and_the_hash_is_of_the_bytes_on_disk()
    {
        var dir = Directory.CreateTempSubdirectory("ntp-rules-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "catalogue"));
            var bom = (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("kind: catalogue\nsubjects:\n  - kind: commune\n")];
            File.WriteAllBytes(Path.Combine(dir.FullName, "catalogue", "a.yaml"), bom);
            File.WriteAllBytes(Path.Combine(dir.FullName, "catalogue", "b.yaml"), [0x6B, 0x3A, 0x20, 0xC3, 0x28, 0x0A]);   // invalid UTF-8
            var lib = RuleLibrary.LoadDirectory(dir.FullName);
            var d = Assert.Single(lib.Diagnostics);
            Assert.Equal(("NTP1404", $"{dir.Name}/catalogue/b.yaml", "the file is not valid UTF-8"), (d.Code, d.Location.File, d.Message));
            var a = Assert.Single(lib.Files);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bom)), a.Sha256);
            Assert.Equal("commune", Assert.Single(lib.Catalogue.Subjects).Kind);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void A_missing_folder_is_a_diagnostic_not_an_exception()
    {
        var lib = RuleLibrary.LoadDirectory(Path.Combine(TestPaths.Rules, "no-such-folder"));
        Assert.True(lib.HasErrors);
        Assert.Equal("NTP1404", lib.Diagnostics[0].Code);
    }

    [Fact]
    public void In_memory_files_load_the_same_way()
    {
        var cat = new SourceFile("c.yaml", "kind: catalogue\nsubjects:\n  - kind: commune\n");
        var set = new SourceFile("s.yaml", "kind: rule_set\nid: x\nversion: v1\ntitle: X\neffective: { from: 2024-01-01 }\nsource: S\nsubject: commune\n");
        var lib = RuleLibrary.Load([cat], [("x", set)], []);
        Assert.False(lib.HasErrors, string.Join("\n", lib.Diagnostics));
        Assert.Equal("x", lib.InForce("x", new DateOnly(2030, 1, 1))!.Id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(set.Text))), lib.Files[1].Sha256);
    }
}
