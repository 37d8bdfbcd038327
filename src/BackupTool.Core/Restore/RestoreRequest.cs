namespace BackupTool.Core.Restore;

/// <summary>What to restore and where.</summary>
/// <param name="SnapshotPath">The snapshot folder, or any BagIt bag.</param>
/// <param name="TargetPath">The folder that receives the tree; created when missing.</param>
/// <param name="Overwrite">Whether a non-empty target is accepted, with existing files replaced.</param>
/// <param name="DryRun">Whether to only list what would be created and overwritten.</param>
public sealed record RestoreRequest(string SnapshotPath, string TargetPath, bool Overwrite = false, bool DryRun = false);
