namespace BackupTool.Core.Verification;

/// <summary>An accepted manifest line: a payload or tag path and its digest.</summary>
/// <param name="Path">The decoded path relative to the bag root.</param>
/// <param name="Digest">The lowercase hex digest.</param>
/// <param name="Line">The 1-based line number in the manifest.</param>
internal readonly record struct ManifestEntry(string Path, string Digest, int Line);
