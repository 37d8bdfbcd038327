using BackupTool.Core.Hashing;

namespace BackupTool.Core.Snapshots;

/// <summary>What <see cref="SnapshotCreator"/> copies, where to, and how.</summary>
/// <param name="SourcePath">The folder to back up.</param>
/// <param name="DestinationPath">The folder that receives the snapshot; created when missing.</param>
/// <param name="Name">The snapshot folder name, or null for <c>SOURCE-backup-yyyyMMdd-HHmmss</c>.</param>
/// <param name="Algorithms">Checksum algorithms, one manifest each; empty means MD5.</param>
/// <param name="Excludes">Exclude globs (see <see cref="Walking.ExcludeFilter"/>).</param>
/// <param name="FollowSymlinks">True to copy what symlinks point to.</param>
/// <param name="Durable">True to flush the snapshot to disk before and after publishing it.</param>
/// <param name="SkipUnreadable">True to skip unreadable entries and publish a snapshot marked incomplete.</param>
public sealed record SnapshotOptions(
    string SourcePath,
    string DestinationPath,
    string? Name = null,
    IReadOnlyList<ChecksumAlgorithm>? Algorithms = null,
    IReadOnlyList<string>? Excludes = null,
    bool FollowSymlinks = false,
    bool Durable = true,
    bool SkipUnreadable = false);
