namespace BackupTool.Core.Auditing;

/// <summary>A snapshot file whose content now lives at another path of the tree.</summary>
/// <param name="From">The path in the snapshot, relative to <c>data/</c>.</param>
/// <param name="To">The path in the tree that contains the same content.</param>
public sealed record MovedFile(string From, string To);
