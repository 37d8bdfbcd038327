namespace BackupTool.Core.Auditing;

/// <summary>A payload file of the snapshot, as its manifest lists it.</summary>
/// <param name="PathId">Id of its path, relative to <c>data/</c>, in the snapshot's <see cref="Utf8PathTable"/>.</param>
/// <param name="Digest">The first 128 bits of its digest.</param>
internal readonly record struct SnapshotFile(int PathId, UInt128 Digest);
