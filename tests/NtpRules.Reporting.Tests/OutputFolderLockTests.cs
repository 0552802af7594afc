namespace NtpRules.Reporting.Tests;

public sealed class OutputFolderLockTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ntp-lock-" + Guid.NewGuid().ToString("n"), "reports");

    [Fact]
    public async Task A_second_writer_waits_until_the_first_lets_go_and_is_told_once()
    {
        var first = OutputFolderLock.Acquire(_folder);
        var waited = 0;
        var second = Task.Factory.StartNew(() => OutputFolderLock.Acquire(_folder, waiting: () => Interlocked.Increment(ref waited)),
            TaskCreationOptions.LongRunning);

        // On a busy machine the second writer may take a while to start: wait until it has been told, then a few polls more.
        for (var t = 0; t < 200 && Volatile.Read(ref waited) == 0; t++) await Task.Delay(50);
        await Task.Delay(400);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, waited);

        first.Dispose();
        using var taken = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, waited);
        Assert.True(File.Exists(Path.Combine(_folder, OutputFolderLock.FileName)));
    }

    [Fact]
    public void A_writer_that_waits_too_long_gets_an_error_naming_the_folder()
    {
        using var held = OutputFolderLock.Acquire(_folder);
        var e = Assert.Throws<IOException>(() => OutputFolderLock.Acquire(_folder, TimeSpan.FromMilliseconds(300)));
        Assert.Contains($"another run has been writing reports to '{_folder}'", e.Message);
    }

    [Fact]
    public void The_lock_is_taken_again_after_release_and_creates_its_folder()
    {
        Assert.False(Directory.Exists(_folder));
        OutputFolderLock.Acquire(_folder).Dispose();
        using var again = OutputFolderLock.Acquire(_folder, TimeSpan.Zero);
        Assert.Equal([OutputFolderLock.FileName], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true); }
        catch (IOException) { }
    }
}
