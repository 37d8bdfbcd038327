namespace BackupTool.Core.Posix;

/// <summary>What <c>lstat</c> reports about one entry: type, permissions, size, time and identity.</summary>
/// <param name="Kind">The entry type; a symlink is reported as itself, never as its target.</param>
/// <param name="Mode">Permission and special bits (<c>07777</c>), without the type bits.</param>
/// <param name="Size">Size in bytes: file length, or target length for a symlink.</param>
/// <param name="AllocatedBytes">Bytes the file occupies on disk; less than the size when it is sparse.</param>
/// <param name="ModifiedTime">Last modification time.</param>
/// <param name="Device">ID of the device holding the entry.</param>
/// <param name="Inode">Inode number; with <paramref name="Device"/>, identifies hard links.</param>
/// <param name="LinkCount">Number of hard links to the inode.</param>
/// <param name="UserId">Owner user ID.</param>
/// <param name="GroupId">Owner group ID.</param>
public readonly record struct EntryStatus(
    EntryKind Kind,
    int Mode,
    long Size,
    long AllocatedBytes,
    UnixTime ModifiedTime,
    ulong Device,
    ulong Inode,
    long LinkCount,
    int UserId,
    int GroupId);
