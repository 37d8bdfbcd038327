namespace BackupTool.Core.Snapshots;

/// <summary>A copied file read back differently from what was written: the destination is not reliable.</summary>
public sealed class CopyMismatchException(string path)
    : IOException($"The copy of '{path}' reads back differently from the bytes written. "
        + "The destination disk or file system may be faulty; run create again on another destination.")
{
    /// <summary>The path of the file relative to the source root.</summary>
    public string Path { get; } = path;
}
