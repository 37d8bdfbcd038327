using System.Runtime.InteropServices;

namespace BackupTool.Core.Auditing;

/// <summary>A regular file found in the audited tree.</summary>
/// <param name="PathId">
/// Id of its path, relative to the tree root with <c>/</c> separators, in the tree's <see cref="Utf8PathTable"/>.
/// </param>
/// <param name="Size">Length in bytes when the tree was scanned.</param>
/// <remarks>Automatic layout packs the fields into 32 bytes, where declaration order would take 48.</remarks>
[StructLayout(LayoutKind.Auto)]
internal record struct TreeFile(int PathId, long Size)
{
    /// <summary>The first 128 bits of the file's digest; meaningful only when <see cref="Hashed"/> is set.</summary>
    public UInt128 Digest { get; set; }

    /// <summary>Whether the file was read and hashed, which only files of a snapshot file's size are.</summary>
    public bool Hashed { get; set; }
}
