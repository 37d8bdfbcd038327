using BackupTool.Core.Posix;

namespace BackupTool.Core.Restore;

/// <summary>A directory's mode and time, applied after everything inside it is in place.</summary>
/// <param name="Path">Path relative to the target; <c>.</c> is the target itself.</param>
/// <param name="Mode">Permission and special bits.</param>
/// <param name="ModifiedTime">Modification time.</param>
/// <param name="UserId">Owner user ID.</param>
/// <param name="GroupId">Owner group ID.</param>
internal sealed record DirectoryMetadata(string Path, int Mode, UnixTime ModifiedTime, int UserId, int GroupId);
