using BackupTool.Core.Snapshots;
using BackupTool.Core.Tests.Support;

namespace BackupTool.Core.Tests.Snapshots;

public sealed class BackgroundFlushTests
{
    private const long Interval = 1000;

    [Fact]
    public void Copied_BelowInterval_FlushesNothing()
    {
        var posix = new FlushCountingPosixFileSystem(MockTrees.Posix(new()));
        var flush = new BackgroundFlush(posix, "/snap", Interval);

        flush.Copied(400);
        flush.Copied(599);
        flush.Finish();

        Assert.Equal(0, posix.Flushes);
    }

    [Fact]
    public void Copied_EachFullInterval_FlushesThePath()
    {
        var posix = new FlushCountingPosixFileSystem(MockTrees.Posix(new()));
        var flush = new BackgroundFlush(posix, "/snap", Interval);

        flush.Copied(Interval);
        flush.Finish();
        flush.Copied(Interval / 2);
        flush.Finish();
        flush.Copied(Interval / 2);
        flush.Finish();

        Assert.Equal(2, posix.Flushes);
        Assert.Equal(["/snap", "/snap"], posix.Paths);
    }

    [Fact]
    public void Copied_WhileAFlushRuns_StartsNoSecond()
    {
        using var release = new ManualResetEventSlim();
        var posix = new FlushCountingPosixFileSystem(MockTrees.Posix(new()), () => release.Wait(TimeSpan.FromSeconds(10)));
        var flush = new BackgroundFlush(posix, "/snap", Interval);

        flush.Copied(Interval);
        flush.Copied(Interval * 5);
        release.Set();
        flush.Finish();

        Assert.Equal(1, posix.Flushes);
    }

    [Fact]
    public void Finish_AfterAFlushFailed_ThrowsItsError()
    {
        var posix = new FlushCountingPosixFileSystem(MockTrees.Posix(new()), () => throw new IOException("Input/output error"));
        var flush = new BackgroundFlush(posix, "/snap", Interval);

        flush.Copied(Interval);

        var error = Assert.Throws<IOException>(flush.Finish);
        Assert.Equal("Input/output error", error.Message);
    }

    [Fact]
    public void Copied_AfterAFlushFailed_ThrowsItsError()
    {
        var posix = new FlushCountingPosixFileSystem(MockTrees.Posix(new()), () => throw new IOException("Input/output error"));
        var flush = new BackgroundFlush(posix, "/snap", Interval);
        flush.Copied(Interval);
        Assert.Throws<IOException>(flush.Finish);

        Assert.Throws<IOException>(() => flush.Copied(Interval));
    }
}
