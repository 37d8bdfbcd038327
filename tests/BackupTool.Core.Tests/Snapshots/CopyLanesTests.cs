using System.Collections.Concurrent;
using BackupTool.Core.Hashing;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;
using BackupTool.Core.Walking;

namespace BackupTool.Core.Tests.Snapshots;

public sealed class CopyLanesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Post_OneFolderSmallFiles_RunInTurn()
    {
        var running = new ConcurrentDictionary<string, int>();
        var maxRunning = new ConcurrentDictionary<string, int>();
        var lanes = new CopyLanes(2, entry =>
        {
            var folder = entry.RelativePath[..entry.RelativePath.LastIndexOf('/')];
            var now = running.AddOrUpdate(folder, 1, (_, count) => count + 1);
            maxRunning.AddOrUpdate(folder, now, (_, max) => Math.Max(max, now));
            Thread.Sleep(2);
            running.AddOrUpdate(folder, 0, (_, count) => count - 1);
            return Copied();
        }, CancellationToken.None);

        var tasks = new List<Task<FileOutcome>>();
        foreach (var folder in new[] { "a", "b", "c", "d" })
        {
            for (var i = 0; i < 20; i++)
            {
                tasks.Add(lanes.Post(Entry($"{folder}/{i}", 100)));
            }
        }

        await Task.WhenAll(tasks).WaitAsync(Timeout);
        await lanes.CompleteAsync().WaitAsync(Timeout);

        Assert.Equal(4, maxRunning.Count);
        Assert.All(maxRunning.Values, max => Assert.Equal(1, max));
    }

    [Fact]
    public async Task Post_LargeFiles_UseEveryWorker()
    {
        using var bothRunning = new Barrier(2);
        var lanes = new CopyLanes(2, _ =>
        {
            Assert.True(bothRunning.SignalAndWait(Timeout));
            return Copied();
        }, CancellationToken.None);

        var first = lanes.Post(Entry("big/1", HashingCopier.BlockSize));
        var second = lanes.Post(Entry("big/2", HashingCopier.BlockSize));

        var outcomes = await Task.WhenAll(first, second).WaitAsync(Timeout);
        await lanes.CompleteAsync().WaitAsync(Timeout);

        Assert.NotNull(outcomes[0].Result);
        Assert.NotNull(outcomes[1].Result);
    }

    [Fact]
    public async Task Post_NewFolder_AvoidsWorkerCopyingLargeFile()
    {
        var gates = new[] { "first/x", "second/y", "big/b" }
            .ToDictionary(path => path, _ => (Started: new ManualResetEventSlim(), Release: new ManualResetEventSlim()));
        var lanes = new CopyLanes(2, entry =>
        {
            if (gates.TryGetValue(entry.RelativePath, out var gate))
            {
                gate.Started.Set();
                gate.Release.Wait(Timeout);
            }

            return Copied();
        }, CancellationToken.None);

        // Worker 0 copies first/x and worker 1 copies second/y, so worker 0 is the one free to take big/b.
        var first = lanes.Post(Entry("first/x", 10));
        Assert.True(gates["first/x"].Started.Wait(Timeout));
        var second = lanes.Post(Entry("second/y", 10));
        Assert.True(gates["second/y"].Started.Wait(Timeout));
        var big = lanes.Post(Entry("big/b", HashingCopier.BlockSize));
        gates["first/x"].Release.Set();
        Assert.True(gates["big/b"].Started.Wait(Timeout));
        gates["second/y"].Release.Set();
        await second.WaitAsync(Timeout);

        var small = lanes.Post(Entry("a/1", 10));
        var finished = await Task.WhenAny(small, Task.Delay(Timeout));
        gates["big/b"].Release.Set();
        await lanes.CompleteAsync().WaitAsync(Timeout);

        Assert.Same(small, finished);
        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(big.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Post_CopyThrows_FailsOnlyThatTask()
    {
        var lanes = new CopyLanes(2, entry =>
            entry.RelativePath == "a/bad" ? throw new IOException("disk full") : Copied(), CancellationToken.None);

        var good = lanes.Post(Entry("a/good", 10));
        var bad = lanes.Post(Entry("a/bad", 10));
        var after = lanes.Post(Entry("a/later", 10));
        await lanes.CompleteAsync().WaitAsync(Timeout);

        Assert.True(good.IsCompletedSuccessfully);
        Assert.IsType<IOException>(bad.Exception?.InnerException);
        Assert.True(after.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Post_Cancelled_EndsEveryTask()
    {
        using var cancellation = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        var lanes = new CopyLanes(2, _ =>
        {
            started.Set();
            cancellation.Token.WaitHandle.WaitOne(Timeout);
            cancellation.Token.ThrowIfCancellationRequested();
            return Copied();
        }, cancellation.Token);

        var tasks = Enumerable.Range(0, 10).Select(i => lanes.Post(Entry($"a/{i}", 10))).ToList();
        Assert.True(started.Wait(Timeout));
        await cancellation.CancelAsync();
        await lanes.CompleteAsync().WaitAsync(Timeout);

        Assert.All(tasks, task => Assert.True(task.IsCanceled));
    }

    private static FileOutcome Copied() => new(new CopyResult(["00"], 1));

    private static WalkedEntry Entry(string relativePath, long size) =>
        new("/src/" + relativePath, relativePath,
            new EntryStatus(EntryKind.File, 0x1a4, size, size, default, 0, 0, 1, 0, 0), null);
}
