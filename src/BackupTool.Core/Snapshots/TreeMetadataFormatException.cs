namespace BackupTool.Core.Snapshots;

/// <summary>A line of <c>backup-tree.tsv</c> could not be parsed.</summary>
public sealed class TreeMetadataFormatException(string path, int lineNumber, string reason)
    : FormatException($"{path}:{lineNumber}: {reason}")
{
    /// <summary>The metadata file.</summary>
    public string FilePath { get; } = path;

    /// <summary>The 1-based number of the malformed line.</summary>
    public int LineNumber { get; } = lineNumber;
}
