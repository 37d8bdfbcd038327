namespace BackupTool.Core.Auditing;

/// <summary>A regular file found in the audited tree.</summary>
/// <param name="Path">Path relative to the tree root, with <c>/</c> separators.</param>
/// <param name="FullPath">The path to open.</param>
/// <param name="Size">Length in bytes when the tree was scanned.</param>
public sealed record TreeFile(string Path, string FullPath, long Size)
{
    /// <summary>The digest, once hashed; null for files whose size matches no snapshot file.</summary>
    public string? Digest { get; set; }
}
