namespace BackupTool.Core.Snapshots;

/// <summary>A path that needed attention during a run, and why.</summary>
/// <param name="Path">The path relative to the source root.</param>
/// <param name="Message">What happened, in a sentence fragment such as "changed while it was read".</param>
public sealed record SnapshotIssue(string Path, string Message);
