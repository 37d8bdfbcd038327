using BackupTool.Core.Posix;

namespace BackupTool.Core.Walking;

/// <summary>One entry the walker found, with its status read once.</summary>
/// <param name="FullPath">Absolute path of the entry.</param>
/// <param name="RelativePath">Path relative to the walk root with <c>/</c> separators; <c>.</c> is the root.</param>
/// <param name="Status">The entry's status; what a followed symlink points to when symlinks are followed.</param>
/// <param name="LinkTarget">A symlink's target text; null for other kinds.</param>
/// <param name="Problem">Why the entry or its contents could not be read; null when it could.</param>
public sealed record WalkedEntry(
    string FullPath,
    string RelativePath,
    EntryStatus Status,
    string? LinkTarget,
    string? Problem = null);
