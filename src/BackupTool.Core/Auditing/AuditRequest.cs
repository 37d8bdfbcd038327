namespace BackupTool.Core.Auditing;

/// <summary>Which snapshot to compare with which tree.</summary>
/// <param name="SnapshotPath">The snapshot folder, or any BagIt bag.</param>
/// <param name="TreePath">The live or migrated tree to audit.</param>
public sealed record AuditRequest(string SnapshotPath, string TreePath);
