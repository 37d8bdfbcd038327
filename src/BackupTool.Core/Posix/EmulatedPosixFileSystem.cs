using System.IO.Abstractions;

namespace BackupTool.Core.Posix;

/// <summary>Maps the POSIX operations onto an <see cref="IFileSystem"/>, at its precision.</summary>
/// <remarks>
/// Used with a mock file system in tests and on systems other than Linux. Times keep 100-nanosecond
/// ticks, inode numbers are not known (every file is its own inode), hard links become copies, and
/// flushes do nothing. Safe to call concurrently when the underlying file system is.
/// </remarks>
public sealed class EmulatedPosixFileSystem(IFileSystem fileSystem) : IPosixFileSystem
{
    private long _nextInode;

    /// <inheritdoc/>
    public EntryStatus GetStatus(string path, bool followSymlinks = false)
    {
        if (followSymlinks)
        {
            path = Resolve(path);
        }

        var info = fileSystem.FileInfo.New(path);
        IFileSystemInfo entry = info;
        if (!info.Exists)
        {
            var directory = fileSystem.DirectoryInfo.New(path);
            if (!directory.Exists)
            {
                throw new FileNotFoundException($"Could not read the status of '{path}': it does not exist.", path);
            }

            entry = directory;
        }

        var kind = entry.LinkTarget is not null ? EntryKind.Symlink
            : entry is IDirectoryInfo ? EntryKind.Directory : EntryKind.File;
        var size = kind switch
        {
            EntryKind.File => info.Length,
            EntryKind.Symlink => System.Text.Encoding.UTF8.GetByteCount(entry.LinkTarget!),
            _ => 0,
        };
        return new EntryStatus(kind, ModeOf(entry, kind), size, size,
            UnixTime.FromDateTime(entry.LastWriteTimeUtc), 0, (ulong)Interlocked.Increment(ref _nextInode), 1, 0, 0);
    }

    /// <inheritdoc/>
    public void SetModifiedTime(string path, UnixTime time)
    {
        if (fileSystem.Directory.Exists(path))
        {
            fileSystem.Directory.SetLastWriteTimeUtc(path, time.ToDateTime());
        }
        else
        {
            fileSystem.File.SetLastWriteTimeUtc(path, time.ToDateTime());
        }
    }

    /// <inheritdoc/>
    public void SetOwner(string path, int userId, int groupId)
    {
    }

    /// <inheritdoc/>
    public void CreateHardLink(string existingPath, string newPath) => fileSystem.File.Copy(existingPath, newPath);

    /// <inheritdoc/>
    public void SyncFileSystem(string path)
    {
    }

    /// <inheritdoc/>
    public void SyncDirectory(string path)
    {
    }

    /// <inheritdoc/>
    public IReadOnlyList<EntryName> ListDirectory(string path)
    {
        if (!fileSystem.Directory.Exists(path))
        {
            throw new FileNotFoundException($"Could not list the folder '{path}': it does not exist.", path);
        }

        return fileSystem.Directory.EnumerateFileSystemEntries(path)
            .Select(child => new EntryName(fileSystem.Path.GetFileName(child), IsValidUtf8: true))
            .ToList();
    }

    /// <inheritdoc/>
    public EntryName ReadLinkTarget(string path) =>
        fileSystem.FileInfo.New(path).LinkTarget is { } target
            ? new EntryName(target, IsValidUtf8: true)
            : throw new IOException($"Could not read the symlink '{path}': it is not a symlink.");

    /// <inheritdoc/>
    public void Rename(string sourcePath, string destinationPath)
    {
        if (fileSystem.Directory.Exists(sourcePath) && fileSystem.FileInfo.New(sourcePath).LinkTarget is null)
        {
            fileSystem.Directory.Move(sourcePath, destinationPath);
        }
        else
        {
            fileSystem.File.Move(sourcePath, destinationPath, overwrite: true);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Locks are not emulated: this always succeeds.</remarks>
    public IDisposable? TryLock(string directoryPath) => new MemoryStream();

    private string Resolve(string path)
    {
        IFileSystemInfo entry = fileSystem.File.Exists(path) ? fileSystem.FileInfo.New(path) : fileSystem.DirectoryInfo.New(path);
        if (entry.LinkTarget is null)
        {
            return path;
        }

        var target = entry.ResolveLinkTarget(returnFinalTarget: true);
        if (target is null || !target.Exists)
        {
            throw new FileNotFoundException($"Could not follow the symlink '{path}': its target does not exist.", path);
        }

        return target.FullName;
    }

    private static int ModeOf(IFileSystemInfo entry, EntryKind kind)
    {
        if (OperatingSystem.IsWindows())
        {
            return kind == EntryKind.Directory ? 0x1ed : 0x1a4; // 0755, 0644
        }

        return kind == EntryKind.Symlink ? 0x1ff : (int)entry.UnixFileMode;
    }
}
