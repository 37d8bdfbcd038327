using BackupTool.Core.Posix;

namespace BackupTool.Core.Snapshots;

/// <summary>One entry of a snapshot's tree metadata: what <c>cp -a</c> keeps of a file besides its bytes.</summary>
/// <param name="Kind">The entry type.</param>
/// <param name="Path">Path relative to the source root, with <c>/</c> separators; <c>.</c> is the root itself.</param>
/// <param name="Mode">Permission and special bits (<c>07777</c>).</param>
/// <param name="ModifiedTime">Modification time, with nanoseconds.</param>
/// <param name="Size">File length, or symlink target length in bytes; 0 for other kinds.</param>
/// <param name="UserId">Owner user ID.</param>
/// <param name="GroupId">Owner group ID.</param>
/// <param name="LinkTarget">A symlink's target text, exactly as stored; null for other kinds.</param>
/// <param name="HardLinkOf">For the second and later names of one inode, the path of the first; else null.</param>
public sealed record TreeEntry(
    EntryKind Kind,
    string Path,
    int Mode,
    UnixTime ModifiedTime,
    long Size,
    int UserId,
    int GroupId,
    string? LinkTarget = null,
    string? HardLinkOf = null)
{
    /// <summary>The path of the root entry.</summary>
    public const string RootPath = ".";
}
