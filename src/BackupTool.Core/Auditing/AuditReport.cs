using BackupTool.Core.Hashing;

namespace BackupTool.Core.Auditing;

/// <summary>How each snapshot file and each tree file compare by content.</summary>
/// <remarks>Every list is sorted by path. Tree paths are relative to the tree root, with <c>/</c> separators.</remarks>
public sealed class AuditReport
{
    /// <summary>The algorithm tree files were hashed with.</summary>
    public ChecksumAlgorithm Algorithm { get; set; }

    /// <summary>Why the snapshot could not be used; the audit did not run when this is not empty.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>What the audit skipped or accepted with a deviation.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Snapshot files at the same path with the same content.</summary>
    /// <remarks>Each path is decoded from a compact store when it is read, so cache it rather than read it twice.</remarks>
    public IReadOnlyList<string> Unchanged { get; internal set; } = [];

    /// <summary>Snapshot files whose content is now at another path.</summary>
    /// <remarks>Each item is built from a compact store when it is read, as for <see cref="Unchanged"/>.</remarks>
    public IReadOnlyList<MovedFile> Moved { get; internal set; } = [];

    /// <summary>Snapshot files whose path contains other content.</summary>
    /// <remarks>Each item is built from a compact store when it is read, as for <see cref="Unchanged"/>.</remarks>
    public IReadOnlyList<ChangedFile> Modified { get; internal set; } = [];

    /// <summary>Snapshot files whose path is gone and whose content no unpaired tree file contains.</summary>
    /// <remarks>Each item is built from a compact store when it is read, as for <see cref="Unchanged"/>.</remarks>
    public IReadOnlyList<ChangedFile> Missing { get; internal set; } = [];

    /// <summary>Tree files that no snapshot file explains.</summary>
    /// <remarks>Each path is decoded from a compact store when it is read, as for <see cref="Unchanged"/>.</remarks>
    public IReadOnlyList<string> New { get; internal set; } = [];

    /// <summary>Tree entries that could not be read, each with the reason.</summary>
    public List<string> Unreadable { get; } = [];

    /// <summary>Tree files hashed, because their size matched some snapshot file.</summary>
    public long HashedFiles { get; set; }

    /// <summary>Bytes read to hash tree files.</summary>
    public long HashedBytes { get; set; }

    /// <summary>Returns whether the audit found a difference; <paramref name="strict"/> counts moved and new files too.</summary>
    public bool HasDifferences(bool strict) =>
        Problems.Count > 0 || Modified.Count > 0 || Missing.Count > 0 || Unreadable.Count > 0
        || (strict && (Moved.Count > 0 || New.Count > 0));
}
