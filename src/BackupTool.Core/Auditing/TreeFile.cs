namespace BackupTool.Core.Auditing;

/// <summary>A regular file found in the audited tree.</summary>
/// <param name="Path">Path relative to the tree root, with <c>/</c> separators.</param>
/// <param name="Size">Length in bytes when the tree was scanned.</param>
internal record struct TreeFile(string Path, long Size)
{
    /// <summary>The first 128 bits of the file's digest; meaningful only when <see cref="Hashed"/> is set.</summary>
    public UInt128 Digest { get; set; }

    /// <summary>Whether the file was read and hashed, which only files of a snapshot file's size are.</summary>
    public bool Hashed { get; set; }
}
