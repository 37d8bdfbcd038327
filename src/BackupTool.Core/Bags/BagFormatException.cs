namespace BackupTool.Core.Bags;

/// <summary>A tag file of a bag is malformed.</summary>
public sealed class BagFormatException(string fileName, int lineNumber, string reason)
    : Exception($"{fileName} line {lineNumber}: {reason}")
{
    /// <summary>The tag file, relative to the bag root.</summary>
    public string FileName { get; } = fileName;

    /// <summary>The 1-based line number.</summary>
    public int LineNumber { get; } = lineNumber;

    /// <summary>What is wrong with the line.</summary>
    public string Reason { get; } = reason;
}
