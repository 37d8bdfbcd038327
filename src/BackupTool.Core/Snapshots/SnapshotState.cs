namespace BackupTool.Core.Snapshots;

/// <summary>The condition of a snapshot folder found by <see cref="SnapshotLister"/>.</summary>
public enum SnapshotState
{
    /// <summary>Finished, and its tag files match the tag manifest.</summary>
    Complete,

    /// <summary>Finished, but published with skipped entries (<c>Backup-Incomplete: true</c>).</summary>
    Incomplete,

    /// <summary>A hidden <c>.NAME.partial</c> folder left by an interrupted or running create.</summary>
    Partial,

    /// <summary>Its tag files do not match the tag manifest, or <c>bagit.txt</c> is malformed.</summary>
    Damaged,
}
