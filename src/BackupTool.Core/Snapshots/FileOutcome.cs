using BackupTool.Core.Hashing;

namespace BackupTool.Core.Snapshots;

/// <summary>How the copy of one file ended.</summary>
/// <param name="Result">Digests and length of the bytes stored; null when the file was not copied.</param>
/// <param name="Problem">Why the file could not be read; null when it was copied or vanished.</param>
/// <param name="Vanished">True when the file was deleted before it could be opened.</param>
/// <param name="Changed">True when the file's size or time changed while it was read.</param>
internal sealed record FileOutcome(CopyResult? Result, string? Problem = null, bool Vanished = false, bool Changed = false);
