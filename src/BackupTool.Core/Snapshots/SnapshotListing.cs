using BackupTool.Core.Hashing;

namespace BackupTool.Core.Snapshots;

/// <summary>One snapshot found in a folder, as <c>backup list</c> shows it.</summary>
public sealed class SnapshotListing
{
    /// <summary>The snapshot name; for a partial folder, the name it would have had.</summary>
    public required string Name { get; init; }

    /// <summary>The folder's path.</summary>
    public required string Path { get; init; }

    /// <summary>The snapshot's condition.</summary>
    public SnapshotState State { get; set; }

    /// <summary>
    /// When the snapshot was taken: <c>Backup-Started</c>, else <c>Bagging-Date</c> when it has a
    /// time of day, else the folder's modification time.
    /// </summary>
    public DateTimeOffset Created { get; set; }

    /// <summary>The <c>Source-Path</c> of <c>bag-info.txt</c>; null when absent.</summary>
    public string? SourcePath { get; set; }

    /// <summary>Payload files, from <c>Payload-Oxum</c>; null when absent.</summary>
    public long? Files { get; set; }

    /// <summary>Payload bytes, from <c>Payload-Oxum</c>; null when absent.</summary>
    public long? Bytes { get; set; }

    /// <summary>The algorithms of the payload manifests.</summary>
    public List<ChecksumAlgorithm> Algorithms { get; } = [];

    /// <summary>Why the snapshot is damaged, one line each.</summary>
    public List<string> Problems { get; } = [];
}
