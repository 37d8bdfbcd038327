namespace BackupTool.Core.Snapshots;

/// <summary>How far a snapshot run has come.</summary>
/// <param name="Files">Files copied and verified so far.</param>
/// <param name="Bytes">Bytes copied so far.</param>
public readonly record struct CreateProgress(long Files, long Bytes);
