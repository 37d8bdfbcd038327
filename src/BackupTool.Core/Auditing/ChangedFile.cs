namespace BackupTool.Core.Auditing;

/// <summary>A snapshot file that is modified or missing in the tree.</summary>
/// <param name="Path">The path in the snapshot, relative to <c>data/</c>.</param>
/// <param name="ContentPresentAt">
/// A tree path that contains the file's original content but already accounts for another snapshot
/// file or was matched otherwise; null when no tree file contains that content.
/// </param>
public sealed record ChangedFile(string Path, string? ContentPresentAt = null);
