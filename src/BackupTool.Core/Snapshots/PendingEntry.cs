using BackupTool.Core.Walking;

namespace BackupTool.Core.Snapshots;

/// <summary>A walked entry waiting in the queue for its copy, if any, to finish.</summary>
/// <param name="Entry">The entry as walked.</param>
/// <param name="Copy">The running copy of a regular file; null for other entries and hard-linked names.</param>
/// <param name="HardLinkOf">For a second name of an inode already queued, that first entry.</param>
internal sealed record PendingEntry(WalkedEntry Entry, Task<FileOutcome>? Copy = null, PendingEntry? HardLinkOf = null);
