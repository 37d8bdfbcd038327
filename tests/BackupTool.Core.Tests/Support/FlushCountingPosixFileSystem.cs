using BackupTool.Core.Posix;

namespace BackupTool.Core.Tests.Support;

/// <summary>Counts the file-system flushes, runs an action in each, and passes every other call on.</summary>
public sealed class FlushCountingPosixFileSystem(IPosixFileSystem inner, Action? duringFlush = null) : IPosixFileSystem
{
    private int _flushes;

    public int Flushes => Volatile.Read(ref _flushes);

    public List<string> Paths { get; } = [];

    public void SyncFileSystem(string path)
    {
        Interlocked.Increment(ref _flushes);
        lock (Paths)
        {
            Paths.Add(path);
        }

        duringFlush?.Invoke();
        inner.SyncFileSystem(path);
    }

    public EntryStatus GetStatus(string path, bool followSymlinks = false) => inner.GetStatus(path, followSymlinks);

    public void SetOwner(string path, int userId, int groupId) => inner.SetOwner(path, userId, groupId);

    public void SetModifiedTime(string path, UnixTime time) => inner.SetModifiedTime(path, time);

    public void CreateHardLink(string existingPath, string newPath) => inner.CreateHardLink(existingPath, newPath);

    public void SyncDirectory(string path) => inner.SyncDirectory(path);

    public IReadOnlyList<EntryName> ListDirectory(string path) => inner.ListDirectory(path);

    public EntryName ReadLinkTarget(string path) => inner.ReadLinkTarget(path);

    public void Rename(string sourcePath, string destinationPath) => inner.Rename(sourcePath, destinationPath);

    public IDisposable? TryLock(string directoryPath) => inner.TryLock(directoryPath);
}
