using BackupTool.Core.Posix;

namespace BackupTool.Core.Walking;

/// <summary>One entry the walker found, with its status read once.</summary>
/// <param name="FullPath">Absolute path of the entry; for a name that is not valid UTF-8, its escaped form.</param>
/// <param name="RelativePath">Path relative to the walk root with <c>/</c> separators; <c>.</c> is the root.</param>
/// <param name="Status">The entry's status; what a followed symlink points to when symlinks are followed.</param>
/// <param name="LinkTarget">A symlink's target text; null for other kinds.</param>
/// <param name="Problem">
/// Why the entry or its contents cannot be copied; null when they can. A folder with a problem could
/// not be listed but has a real status; any other entry with a problem has no status at all.
/// </param>
/// <param name="Vanished">True when the entry was deleted while the tree was walked.</param>
public sealed record WalkedEntry(
    string FullPath,
    string RelativePath,
    EntryStatus Status,
    string? LinkTarget,
    string? Problem = null,
    bool Vanished = false)
{
    private static readonly EntryStatus NoStatus = new(EntryKind.File, 0, 0, 0, default, 0, 0, 1, 0, 0);

    /// <summary>Creates an entry whose status could not be read or that cannot be stored, with the reason.</summary>
    public static WalkedEntry Unreadable(string fullPath, string relativePath, string problem) =>
        new(fullPath, relativePath, NoStatus, null, problem);

    /// <summary>Creates an entry that was listed but no longer existed when it was read.</summary>
    public static WalkedEntry Gone(string fullPath, string relativePath) =>
        new(fullPath, relativePath, NoStatus, null, Vanished: true);
}
