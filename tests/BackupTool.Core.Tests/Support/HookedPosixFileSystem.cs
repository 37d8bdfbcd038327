using BackupTool.Core.Posix;

namespace BackupTool.Core.Tests.Support;

/// <summary>
/// Passes every call to a real <see cref="IPosixFileSystem"/>, and runs a hook once, right after the
/// trigger path is first listed (or, with <c>onStatus</c>, first has its status read), so a test can
/// change the tree at an exact point of a walk.
/// </summary>
public sealed class HookedPosixFileSystem(IPosixFileSystem inner, string trigger, Action hook, bool onStatus = false)
    : IPosixFileSystem
{
    private int _fired;

    /// <summary>Creates a file system that deletes the victims, files or folders, at the trigger.</summary>
    public static HookedPosixFileSystem Deleting(IPosixFileSystem inner, string trigger, bool onStatus, params string[] victims) =>
        new(inner, trigger, () => Delete(victims), onStatus);

    public EntryStatus GetStatus(string path, bool followSymlinks = false)
    {
        var status = inner.GetStatus(path, followSymlinks);
        if (onStatus && path == trigger)
        {
            RunOnce();
        }

        return status;
    }

    public IReadOnlyList<EntryName> ListDirectory(string path)
    {
        var names = inner.ListDirectory(path);
        if (!onStatus && path == trigger)
        {
            RunOnce();
        }

        return names;
    }

    public EntryName ReadLinkTarget(string path) => inner.ReadLinkTarget(path);

    public void SetOwner(string path, int userId, int groupId) => inner.SetOwner(path, userId, groupId);

    public void SetModifiedTime(string path, UnixTime time) => inner.SetModifiedTime(path, time);

    public void CreateHardLink(string existingPath, string newPath) => inner.CreateHardLink(existingPath, newPath);

    public void SyncFileSystem(string path) => inner.SyncFileSystem(path);

    public void StartWriteback(Stream file, long offset, long count) => inner.StartWriteback(file, offset, count);

    public void SyncDirectory(string path) => inner.SyncDirectory(path);

    public void Rename(string sourcePath, string destinationPath) => inner.Rename(sourcePath, destinationPath);

    public IDisposable? TryLock(string directoryPath) => inner.TryLock(directoryPath);

    private void RunOnce()
    {
        if (Interlocked.Exchange(ref _fired, 1) == 0)
        {
            hook();
        }
    }

    private static void Delete(string[] victims)
    {
        foreach (var path in victims)
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
    }
}
