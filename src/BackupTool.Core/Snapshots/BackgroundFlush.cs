using BackupTool.Core.Posix;

namespace BackupTool.Core.Snapshots;

/// <summary>
/// Background flushes of a durable snapshot's file system, one each time another <c>interval</c>
/// bytes have been copied, so that the disk writes while the copy goes on and the final flush before
/// publishing finds little left.
/// </summary>
/// <remarks>
/// Without them, the kernel starts writing only when dirty pages pass its limits or grow old (10 % of
/// memory and 30 s by default on Linux). In a run of a few seconds, every byte would wait for the
/// final flush. At most one flush runs at a time. <see cref="Finish"/> throws the error of a failed
/// flush, because the final flush opens a new descriptor and might not see a write error already
/// reported.
/// </remarks>
internal sealed class BackgroundFlush(IPosixFileSystem posix, string path, long interval)
{
    /// <summary>Bytes copied between two background flushes.</summary>
    public const long DefaultInterval = 64L << 20;

    private readonly Lock _gate = new();
    private readonly long _interval = interval;
    private long _copied;
    private long _nextFlush = interval;
    private Task _running = Task.CompletedTask;

    /// <summary>Counts bytes copied into the snapshot and starts a flush when another interval is full.</summary>
    public void Copied(long bytes)
    {
        var copied = Interlocked.Add(ref _copied, bytes);
        if (copied < Volatile.Read(ref _nextFlush))
        {
            return;
        }

        lock (_gate)
        {
            if (copied < _nextFlush || !_running.IsCompleted)
            {
                return;
            }

            ThrowIfFailed();
            Volatile.Write(ref _nextFlush, copied + _interval);
            _running = Task.Run(() => posix.SyncFileSystem(path));
        }
    }

    /// <summary>Waits for the flush under way, and throws what any background flush threw.</summary>
    public void Finish()
    {
        Task running;
        lock (_gate)
        {
            running = _running;
        }

        running.GetAwaiter().GetResult();
    }

    private void ThrowIfFailed()
    {
        if (_running.IsFaulted)
        {
            _running.GetAwaiter().GetResult();
        }
    }
}
