using NtpRules.Assessment.Partitions;

namespace NtpRules.Assessment.Tests.Partitions;

/// <summary>A run killed without clean-up leaves its spools: the next run removes them, never a live run's.</summary>
public sealed class StaleSpoolsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ntp-stale-spools-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name, TimeSpan age)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, "spooled");
        System.IO.File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public void Old_spools_no_run_holds_are_removed_and_held_fresh_or_other_files_are_kept()
    {
        var staleProvinces = File("ntp-provinces-0001.spool", TimeSpan.FromMinutes(5));
        var staleLeaves = File(LeafEntrySpool.FilePrefix + "0002.spool", TimeSpan.FromHours(2));
        var staleIds = File(Assessment.Data.DeferredIdCheck.FilePrefix + "0006.spool", TimeSpan.FromMinutes(3));
        var held = File("ntp-provinces-0003.spool", TimeSpan.FromMinutes(5));
        var fresh = File("ntp-provinces-0004.spool", TimeSpan.FromSeconds(5));
        var other = File("ntp-provinces-0005.txt", TimeSpan.FromHours(1));

        int removed;
        using (new FileStream(held, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            removed = StaleSpools.Remove(_folder);

        Assert.Equal(3, removed);
        Assert.False(System.IO.File.Exists(staleProvinces));
        Assert.False(System.IO.File.Exists(staleLeaves));
        Assert.False(System.IO.File.Exists(staleIds));
        Assert.True(System.IO.File.Exists(held));
        Assert.True(System.IO.File.Exists(fresh));
        Assert.True(System.IO.File.Exists(other));
    }

    [Fact]
    public void A_live_spool_is_kept_even_when_old()
    {
        using var spool = new LeafEntrySpool(_folder);
        var path = Directory.GetFiles(_folder).Single();
        System.IO.File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));

        Assert.Equal(0, StaleSpools.Remove(_folder));
        Assert.True(System.IO.File.Exists(path));
    }

    [Fact]
    public void A_missing_folder_removes_nothing() =>
        Assert.Equal(0, StaleSpools.Remove(Path.Combine(_folder, "absent")));
}
