namespace BackupTool.Core.Auditing;

/// <summary>A payload file of the snapshot, as its manifest lists it.</summary>
/// <param name="Path">Path relative to <c>data/</c>.</param>
/// <param name="Digest">The first 128 bits of its digest.</param>
internal readonly record struct SnapshotFile(string Path, UInt128 Digest);
