using BackupTool.Core.Hashing;

namespace BackupTool.Core.Snapshots;

/// <summary>The contents of a published snapshot and the warnings the run recorded.</summary>
/// <param name="SnapshotPath">Absolute path of the published snapshot folder.</param>
/// <param name="SourcePath">Absolute path of the source folder.</param>
/// <param name="Files">Payload files, hard-linked names included.</param>
/// <param name="Directories">Folders below the source root, as restore counts them.</param>
/// <param name="Symlinks">Symlinks stored as links.</param>
/// <param name="Bytes">Payload bytes.</param>
/// <param name="Duration">Wall time of the run.</param>
/// <param name="Algorithms">The manifests written.</param>
/// <param name="Durable">Whether the snapshot was flushed to disk.</param>
/// <param name="ExcludedDestination">The destination folder, when it lay inside the source and was left out.</param>
/// <param name="Warnings">Entries copied with a caveat or not copied at all, such as pipes and vanished files.</param>
/// <param name="Skipped">Unreadable entries left out; the snapshot is marked incomplete when any.</param>
/// <param name="UncheckableNames">Paths whose manifest form <c>md5sum -c</c> reads differently.</param>
public sealed record SnapshotResult(
    string SnapshotPath,
    string SourcePath,
    long Files,
    long Directories,
    long Symlinks,
    long Bytes,
    TimeSpan Duration,
    IReadOnlyList<ChecksumAlgorithm> Algorithms,
    bool Durable,
    string? ExcludedDestination,
    IReadOnlyList<SnapshotIssue> Warnings,
    IReadOnlyList<SnapshotIssue> Skipped,
    IReadOnlyList<string> UncheckableNames)
{
    /// <summary>Whether entries were skipped, so the snapshot does not hold the whole source.</summary>
    public bool IsIncomplete => Skipped.Count > 0;
}
