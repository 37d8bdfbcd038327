using System.Threading.Channels;
using BackupTool.Core.Hashing;
using BackupTool.Core.Walking;

namespace BackupTool.Core.Snapshots;

/// <summary>Workers that copy files, one per core, each with its own queue of small files.</summary>
/// <remarks>
/// The small files of one folder go to the same worker's queue, so two workers rarely create files
/// in the same folder at once. Linux locks a folder's inode while it creates a file there, so two
/// threads creating files in one folder wait on each other (<c>rwsem_spin_on_owner</c> in
/// <c>perf</c> profiles of create on ext4). A new folder goes to the worker with the fewest bytes
/// queued or being copied. Files of at least one copy block go to a shared queue that any worker
/// takes from when its own queue is empty, so large files keep every core busy to the end.
/// Every posted job ends with its task completed, failed or cancelled, even after cancellation, so
/// that nothing waits forever on it.
/// </remarks>
internal sealed class CopyLanes
{
    private readonly Channel<CopyJob>[] _lanes;
    private readonly Channel<CopyJob> _shared;
    // Per worker: bytes of its queued small files plus those of the file it is copying.
    private readonly long[] _queuedBytes;
    private readonly Task[] _workers;
    private readonly Func<WalkedEntry, FileOutcome> _copy;
    private readonly CancellationToken _cancellation;

    // The folder of the last lane choice is the first _folderLength characters of _folderPath.
    private string _folderPath = "";
    private int _folderLength = -1;
    private int _folderLane;

    /// <summary>Starts <paramref name="count"/> workers that run <paramref name="copy"/> on each posted entry.</summary>
    public CopyLanes(int count, Func<WalkedEntry, FileOutcome> copy, CancellationToken cancellation)
    {
        _copy = copy;
        _cancellation = cancellation;
        _queuedBytes = new long[count];
        _shared = Channel.CreateUnbounded<CopyJob>(new UnboundedChannelOptions { SingleWriter = true });
        _lanes = new Channel<CopyJob>[count];
        _workers = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var lane = i;
            _lanes[i] = Channel.CreateUnbounded<CopyJob>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            _workers[i] = Task.Run(() => RunLaneAsync(lane), CancellationToken.None);
        }
    }

    /// <summary>Queues the copy of a file and returns a task for its outcome.</summary>
    /// <remarks>Call from one thread only, in walk order.</remarks>
    public Task<FileOutcome> Post(WalkedEntry entry)
    {
        var job = new CopyJob(entry, new TaskCompletionSource<FileOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        var queue = _shared;
        if (entry.Status.Size < HashingCopier.BlockSize)
        {
            var lane = ChooseLane(entry);
            queue = _lanes[lane];
            Interlocked.Add(ref _queuedBytes[lane], entry.Status.Size);
        }

        if (!queue.Writer.TryWrite(job))
        {
            job.Outcome.TrySetCanceled(_cancellation);
        }

        return job.Outcome.Task;
    }

    /// <summary>Tells the workers that no more files come, and waits until every queued job has ended.</summary>
    public async Task CompleteAsync()
    {
        _shared.Writer.TryComplete();
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await Task.WhenAll(_workers);
    }

    private int ChooseLane(WalkedEntry entry)
    {
        var path = entry.RelativePath;
        var folderLength = Math.Max(path.LastIndexOf('/'), 0);
        var sameFolder = folderLength == _folderLength
            && path.AsSpan(0, folderLength).SequenceEqual(_folderPath.AsSpan(0, _folderLength));
        if (!sameFolder)
        {
            _folderPath = path;
            _folderLength = folderLength;
            _folderLane = LeastLoadedLane();
        }

        return _folderLane;
    }

    private int LeastLoadedLane()
    {
        var best = 0;
        for (var i = 1; i < _queuedBytes.Length; i++)
        {
            if (Volatile.Read(ref _queuedBytes[i]) < Volatile.Read(ref _queuedBytes[best]))
            {
                best = i;
            }
        }

        return best;
    }

    // Jobs are drained even after cancellation, so that each one's task ends. CompleteAsync closes
    // the shared queue before the lanes, so a closed lane means no job can still arrive.
    private async Task RunLaneAsync(int lane)
    {
        var own = _lanes[lane].Reader;
        var shared = _shared.Reader;
        Task<bool>? ownWait = null;
        Task<bool>? sharedWait = null;
        while (true)
        {
            if (own.TryRead(out var job))
            {
                Run(job, lane);
                continue;
            }

            if (shared.TryRead(out job))
            {
                Interlocked.Add(ref _queuedBytes[lane], job.Entry.Status.Size);
                Run(job, lane);
                continue;
            }

            ownWait = ownWait is { IsCompleted: false } ? ownWait : own.WaitToReadAsync(CancellationToken.None).AsTask();
            sharedWait = sharedWait is { IsCompleted: false } ? sharedWait : shared.WaitToReadAsync(CancellationToken.None).AsTask();
            if (ownWait is { IsCompleted: true, Result: false })
            {
                await DrainSharedAsync(lane);
                return;
            }

            if (sharedWait is { IsCompleted: true, Result: false })
            {
                await ownWait;
            }
            else
            {
                await Task.WhenAny(ownWait, sharedWait);
            }
        }
    }

    private async Task DrainSharedAsync(int lane)
    {
        while (await _shared.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (_shared.Reader.TryRead(out var job))
            {
                Interlocked.Add(ref _queuedBytes[lane], job.Entry.Status.Size);
                Run(job, lane);
            }
        }
    }

    private void Run(CopyJob job, int lane)
    {
        try
        {
            _cancellation.ThrowIfCancellationRequested();
            job.Outcome.TrySetResult(_copy(job.Entry));
        }
        catch (OperationCanceledException)
        {
            job.Outcome.TrySetCanceled(_cancellation);
        }
        catch (Exception exception)
        {
            job.Outcome.TrySetException(exception);
        }
        finally
        {
            Interlocked.Add(ref _queuedBytes[lane], -job.Entry.Status.Size);
        }
    }

    /// <summary>One file to copy and the source of the task for its outcome.</summary>
    private readonly record struct CopyJob(WalkedEntry Entry, TaskCompletionSource<FileOutcome> Outcome);
}
